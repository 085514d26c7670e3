"""The audit trail as people read it: on the trail page, the dashboard and record histories."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone, translation

from ratusz.audits.tests import factories as audit_factories
from ratusz.core import services, trail
from ratusz.core.models import AuditEvent


def _start(office, client_for, action):
    client_for(office.employee).post(f"/actions/{action.pk}/start/", {"version": action.version})


def test_the_trail_page_shows_people_records_fields_and_statuses_in_words(office, client_for):
    action = office.action(title="Uzupełnić karty usług")
    _start(office, client_for, action)
    page = client_for(office.quality).get("/audit-trail/").content.decode()
    assert "Employee Test" in page and "Quality Test" in page
    assert "Uzupełnić karty usług" in page
    assert "Action" in page and "core.action" not in page
    assert "In progress" in page and "in_progress" not in page
    assert "lock version" not in page.lower() and "version:" not in page


def test_linked_people_and_team_changes_are_shown_by_name(office, client_for):
    audit_factories.auditor(office, office.auditor)
    audit_factories.auditor(office, office.outsider, can_lead=False)
    audit_factories.plan(office, team=[office.outsider])
    page = client_for(office.quality).get("/audit-trail/").content.decode()
    assert "added Outsider Test" in page
    assert "{&#x27;" not in page and "{'" not in page
    # The lead auditor is a person, not a user id.
    assert "Auditor Test" in page


def test_the_dashboard_says_who_did_what_to_which_record(office, client_for):
    action = office.action(title="Uzupełnić karty usług")
    _start(office, client_for, action)
    page = client_for(office.quality).get("/").content.decode()
    assert "<strong>Employee Test</strong>" in page
    assert "<strong>employee</strong>" not in page
    assert "Uzupełnić karty usług" in page


def test_a_records_history_shows_the_status_change_in_words(office, client_for):
    action = office.action()
    _start(office, client_for, action)
    page = client_for(office.quality).get(action.get_absolute_url()).content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "Employee Test" in history
    assert "Open → In progress" in history


def test_times_are_shown_in_the_offices_time_zone(office, client_for):
    services.create_org_unit(name="Biuro Rady", code="BR", parent=office.root)
    event = AuditEvent.objects.latest("id")
    # 10:00 UTC on 1 July is 12:00 in Warsaw (summer time).
    entry = trail.present([_at(event, datetime(2026, 7, 1, 10, 0, tzinfo=UTC))])[0]
    assert (entry.when.hour, entry.when.utcoffset().total_seconds()) == (12, 7200)
    assert str(timezone.get_current_timezone()) == "Europe/Warsaw"


def _at(event: AuditEvent, moment: datetime) -> AuditEvent:
    event.created_at = moment  # in memory only: the trail itself is never rewritten
    return event


def test_the_trail_page_queries_do_not_grow_with_entries(
    office, client_for, django_assert_max_num_queries
):
    client = client_for(office.quality)
    _start(office, client_for, office.action())
    audit_factories.auditor(office, office.auditor)
    audit_factories.auditor(office, office.outsider, can_lead=False)
    audit_factories.plan(office, team=[office.outsider])
    # Session, user, roles, the page's count and entries, the people who acted, then
    # one query per kind of linked record (units, people, processes, clauses).
    with django_assert_max_num_queries(14):
        assert client.get("/audit-trail/").status_code == 200
    for i in range(10):
        _start(office, client_for, office.action(title=f"Akcja {i}"))
    with django_assert_max_num_queries(14):
        assert client.get("/audit-trail/").status_code == 200


def test_raw_data_stays_for_the_verification_command(office, client_for):
    action = office.action()
    _start(office, client_for, action)
    update = AuditEvent.objects.filter(model_label="core.action", kind="update").latest("id")
    assert update.changes["fields"]["status"] == ["open", "in_progress"]
    assert update.actor_label == "employee"


def test_a_changed_moment_is_shown_in_local_time_and_the_readers_format(office):
    action = office.action()
    # As stored: ISO in UTC (what the hash chain covers); not saved, only presented.
    event = AuditEvent(
        kind=AuditEvent.Kind.UPDATE,
        model_label="core.action",
        object_id=str(action.pk),
        object_label=str(action),
        changes={"fields": {"completed_at": [None, "2026-07-01T10:00:00Z"]}},
        created_at=datetime(2026, 7, 1, 10, 0, tzinfo=UTC),
    )
    with translation.override("pl"):
        (entry,) = trail.present([event])
    assert entry.changes[0].after == "01.07.2026 12:00"
    assert entry.who == "System"
