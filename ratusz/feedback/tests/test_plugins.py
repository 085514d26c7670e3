"""The area's plug-ins: the daily run, calendar, dashboard, readiness, review, KPIs,
evidence and search."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.core import search
from ratusz.core.models import Notification
from ratusz.core.plugins import AMBER, GREEN, RED
from ratusz.feedback import calendar, daily, dashboard, evidence, kpi, readiness, review
from ratusz.feedback.models import Submission
from ratusz.feedback.tests.factories import assigned, register, replied

TODAY = timezone.localdate


def _rule(clause):
    return next(rule for rule in readiness.RULES if rule.clause == clause)


def test_the_daily_run_reminds_once_and_escalates_overdue(office):
    office.civil.head = office.owner
    office.civil.save(update_fields=["head"])
    soon = assigned(office)
    Submission.objects.filter(pk=soon.pk).update(deadline=TODAY() + timedelta(days=2))
    late = assigned(office, subject="Po terminie")
    Submission.objects.filter(pk=late.pk).update(deadline=TODAY() - timedelta(days=1))
    register(office, received_on=TODAY() - timedelta(days=5), subject="Nieprzydzielona")
    counts = daily.run(TODAY())
    assert counts["submissions due soon"] == 1
    assert counts["submissions overdue"] == 2  # the handler and the head of the unit
    assert counts["submissions waiting to be assigned"] == 1
    assert daily.run(TODAY())["submissions overdue"] == 0  # once per deadline
    assert Notification.objects.filter(recipient=office.owner, kind="feedback_overdue").exists()


def test_the_calendar_lists_the_deadlines_i_handle(office):
    s = assigned(office)
    events = calendar.personal(office.employee)
    assert [e.uid for e in events] == [f"submission-{s.pk}"] and events[0].start == s.deadline
    assert calendar.personal(office.outsider) == []


def test_the_dashboard_card_counts_only_what_the_person_sees(office):
    s = assigned(office)
    Submission.objects.filter(pk=s.pk).update(deadline=TODAY() - timedelta(days=1))
    card = dashboard.card(office.owner)
    assert card is not None and card.data.overdue == 1
    assert dashboard.card(office.outsider) is None


def test_readiness_of_complaints_and_communication(office):
    rule = _rule("9.1")
    assert rule.check(TODAY(), rule.params).state == AMBER  # nothing answered yet
    replied(office)
    assert rule.check(TODAY(), rule.params).state == GREEN
    late = replied(office, received_on=TODAY() - timedelta(days=70), subject="Późno")
    Submission.objects.filter(pk=late.pk).update(deadline=TODAY() - timedelta(days=30))
    assert rule.check(TODAY(), {"target": 90}).state == RED  # one of two on time
    comm = _rule("8.2")
    assert comm.check(TODAY(), comm.params).state == RED


def test_the_review_input_and_the_kpis(office):
    replied(office)
    start, end = TODAY() - timedelta(days=30), TODAY()
    [given] = review.inputs(start, end)
    assert given.topic == "c1"
    assert given.figures[0].value == "1"
    measure = next(s for s in kpi.SOURCES if s.key == "feedback.complaints_on_time").measure
    assert measure(start=start, end=end) == 100


def test_the_register_is_in_the_evidence_pack(office):
    register(office)
    [item] = evidence.items(TODAY())
    assert item.clause == "9.1.2" and item.render().startswith(b"%PDF")


def test_search_finds_a_submission_only_for_those_who_see_it(office):
    s = assigned(office, subject="Dziurawy chodnik")
    found = search.search(office.employee, "chodnik").results
    assert [(h.kind, h.object_id) for h in found] == [("submission", str(s.pk))]
    assert search.search(office.outsider, "chodnik").results == []
