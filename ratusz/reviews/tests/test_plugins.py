"""The reviews' shared features: readiness, evidence pack, calendar, dashboard,
daily reminders and input a)."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from ratusz.certification.evidence_pack import collect
from ratusz.core import services as core_services
from ratusz.core.models import Notification
from ratusz.core.plugins import AMBER, GREEN, RED, EvidenceGap, EvidenceItem
from ratusz.reviews import calendar, daily, evidence, readiness, review, services
from ratusz.reviews.tests.factories import decide, held, plan, recorded

RULES = {rule.evidence: rule for rule in readiness.RULES}


def _check(name, today=None):
    rule = next(r for r in readiness.RULES if str(r.evidence).startswith(name))
    return rule.check(today or timezone.localdate(), rule.params)


def _signed(office, **overrides):
    review_ = recorded(office, **overrides)
    return services.sign_review(actor=office.mayor, review=review_, expected_version=None)


def test_readiness_is_red_without_a_review_and_green_after_a_signed_one(office):
    assert _check("A management review").state == RED
    _signed(office)
    verdict = _check("A management review")
    assert verdict.state == GREEN
    assert _check("Top management chairs").state == GREEN


def test_a_review_older_than_twelve_months_is_red(office):
    _signed(office, planned_date=timezone.localdate() - timedelta(days=400))
    assert _check("A management review").state == RED


def test_an_unsigned_record_is_amber(office):
    held(office)
    assert _check("A management review").state == AMBER


def test_an_overdue_decision_makes_the_decisions_rule_amber(office):
    review_ = held(office)
    decide(office, review_, due_in=5)
    assert _check("Actions decided").state == GREEN
    decide(office, review_, due_in=-3)
    verdict = _check("Actions decided")
    assert (
        verdict.state == AMBER
        and "1 action decided at management reviews is overdue" in verdict.reason
    )


def test_the_evidence_pack_holds_the_review_pack_instead_of_the_gap(office):
    today = timezone.localdate()
    assert [type(e) for e in evidence.items(today)] == [EvidenceGap]
    review_ = recorded(office)
    [item] = evidence.items(today)
    assert isinstance(item, EvidenceItem) and item.clause == "9.3"
    assert item.render().startswith(b"%PDF")
    items, gaps = collect(today)
    assert not [g for g in gaps if g.clause == "9.3"]
    assert [i.path for i in items if i.clause == "9.3"] == [
        f"reviews/{review_.reference.replace('/', '-')}.pdf"
    ]


def test_the_review_is_in_the_attendees_calendar_and_the_offices(office):
    review_ = plan(office, timezone.localdate() + timedelta(days=10))
    assert [e.start for e in calendar.personal(office.owner)] == [review_.planned_date]
    assert calendar.personal(office.employee) == []
    assert [e.uid for e in calendar.office()] == [f"management-review-{review_.pk}"]


def test_the_daily_run_reminds_attendees_once_in_the_week_before(office):
    plan(office, timezone.localdate() + timedelta(days=3))
    plan(office, timezone.localdate() + timedelta(days=30))
    assert daily.run() == {"management review reminders": 3}
    assert daily.run() == {"management review reminders": 0}
    assert Notification.objects.filter(recipient=office.owner).count() == 1


def test_the_dashboard_card_shows_the_next_review_and_overdue_decisions(office, client_for):
    decide(office, held(office, planned_date=timezone.localdate() - timedelta(days=20)), due_in=-2)
    upcoming = plan(office, timezone.localdate() + timedelta(days=5))
    page = client_for(office.owner).get("/").content.decode()
    assert upcoming.reference in page
    assert "1 decision overdue (1 of them yours)" in page


def test_input_a_counts_earlier_decisions_at_the_end_and_the_start_of_the_period(office):
    today = timezone.localdate()
    earlier = held(office, planned_date=today - timedelta(days=100))
    done = decide(office, earlier, due_in=-10)  # overdue unless done
    decide(office, earlier, due_in=-5)  # overdue
    decide(office, earlier, due_in=20)  # on track
    action = core_services.start_action(
        actor=office.owner, action=done.action, expected_version=None
    )
    core_services.complete_action(
        actor=office.owner, action=action, expected_version=None, completion_evidence="Zrobione."
    )
    [entry] = review.inputs(today - timedelta(days=50), today)
    figures = {f.label: (f.value, f.previous) for f in entry.figures}
    # At the end: 3 decided, 1 done (33%), 1 overdue. At the start (51 days ago) the
    # actions, created today, did not exist yet.
    assert figures["Actions decided at earlier reviews"] == ("3", "0")
    assert figures["Done"] == ("1", "0")
    assert figures["Share done"] == ("33%", "")
    assert figures["Overdue"] == ("1", "0")


def test_the_navigation_shows_reviews_to_staff_only(office):
    client = Client()
    client.force_login(office.external, backend="ratusz.core.auth.RatuszBackend")
    assert client.get("/reviews/").status_code == 403


def test_an_employee_with_nothing_to_do_about_reviews_gets_no_card(office, client_for):
    plan(office, timezone.localdate() + timedelta(days=5))
    assert "review-card-heading" not in client_for(office.employee).get("/").content.decode()
    assert "review-card-heading" in client_for(office.mayor).get("/").content.decode()


def test_the_overdue_decision_link_shows_only_to_those_who_see_the_action(office):
    decide(office, held(office), due_in=-3)
    verdict = _check("Actions decided")
    assert verdict.fix_url_for(office.quality) == verdict.fix_url
    assert verdict.fix_url_for(office.outsider) == ""
