"""iCalendar feeds: readable by calendar apps, holding the right events, revocable."""

from __future__ import annotations

from datetime import date, timedelta

from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from ratusz.certification.models import ExternalAudit
from ratusz.certification.tests import factories
from ratusz.core import calendar, services
from ratusz.documents.tests.factories import document_in_force


def _events(response) -> dict[str, object]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in parsed.walk("VEVENT")}


def test_my_feed_holds_my_open_actions_as_all_day_events(office):
    due = timezone.localdate() + timedelta(days=5)
    mine = office.action(title="Uzupełnić karty usług", owner=office.employee, due_date=due)
    office.action(title="Cudze działanie", owner=office.colleague)
    token = calendar.feed_token(office.employee)
    events = _events(Client().get(f"/calendar/{token}/mine.ics"))
    event = events[f"{mine.reference} Uzupełnić karty usług"]
    assert event.decoded("dtstart") == due
    assert event.decoded("dtend") == due + timedelta(days=1)  # exclusive end, one whole day
    assert str(event["url"]).endswith(f"/actions/{mine.pk}/")
    assert not any("Cudze" in summary for summary in events)


def test_the_office_feed_lists_external_audits_over_their_days_in_my_language(office):
    services.update_profile(user=office.employee, language="en")
    cert = factories.certificate(factories.body(), issued=date(2025, 12, 15))
    factories.audit(
        cert,
        kind=ExternalAudit.Kind.SURVEILLANCE,
        status=ExternalAudit.Status.PLANNED,
        start_date=date(2026, 11, 30),
        end_date=date(2026, 12, 1),
        result="",
    )
    token = calendar.feed_token(office.employee)
    events = _events(Client().get(f"/calendar/{token}/office.ics"))
    (event,) = events.values()
    assert "Surveillance audit" in str(event["summary"])
    assert event.decoded("dtstart") == date(2026, 11, 30)
    assert event.decoded("dtend") == date(2026, 12, 2)


def test_new_addresses_revoke_the_old_ones(office, client_for):
    old = calendar.feed_token(office.employee)
    response = client_for(office.employee).post("/profile/calendar/reset/")
    assert response.status_code == 302
    assert Client().get(f"/calendar/{old}/mine.ics").status_code == 404
    new = calendar.feed_token(office.employee)
    assert new != old
    assert Client().get(f"/calendar/{new}/mine.ics").status_code == 200


def test_a_feed_stops_when_the_account_is_disabled(office):
    token = calendar.feed_token(office.employee)
    # No service disables a staff account (the admin does): set it directly.
    office.employee.is_active = False
    office.employee.save(update_fields=["is_active"])
    assert Client().get(f"/calendar/{token}/mine.ics").status_code == 404


def test_an_unknown_address_finds_nothing(office):
    assert Client().get("/calendar/not-a-token/mine.ics").status_code == 404
    token = calendar.feed_token(office.employee)
    assert Client().get(f"/calendar/{token}/everything.ics").status_code == 404


def test_my_settings_show_both_addresses(office, client_for):
    page = client_for(office.employee).get("/profile/").content.decode()
    token = calendar.feed_token(office.employee)
    assert f"/calendar/{token}/mine.ics" in page
    assert f"/calendar/{token}/office.ics" in page


def test_my_feed_holds_the_periodic_reviews_of_the_documents_i_own(office):
    document = document_in_force(office, "Obsługa wniosków")
    token = calendar.feed_token(office.owner)
    events = _events(Client().get(f"/calendar/{token}/mine.ics"))
    (event,) = [e for s, e in events.items() if document.number in s]
    assert event.decoded("dtstart") == document.next_review_date
    other = calendar.feed_token(office.employee)
    assert document.number.encode() not in Client().get(f"/calendar/{other}/mine.ics").content


def test_feed_links_point_to_the_address_the_feed_was_fetched_at(office, settings):
    settings.SITE_URL = "http://stale.example"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "qms.przykladowo.pl"]
    mine = office.action(title="Sprawdzić adresy", owner=office.employee)
    token = calendar.feed_token(office.employee)

    events = _events(Client(HTTP_HOST="qms.przykladowo.pl").get(f"/calendar/{token}/mine.ics"))

    url = str(events[f"{mine.reference} Sprawdzić adresy"]["url"])
    assert url == f"http://qms.przykladowo.pl/actions/{mine.pk}/"


def test_my_settings_offer_a_copy_button_for_each_address(office, client_for):
    page = client_for(office.employee).get("/profile/").content.decode()

    assert 'data-copy="feed-mine"' in page and 'data-copy="feed-office"' in page
    assert "core/enhance.js" in page
