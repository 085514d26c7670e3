"""What competence adds to the shared features: readiness of 7.1–7.4, the
dashboard card, the daily run, the calendar, the management review and the
awareness figure."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.competence import calendar, daily, dashboard, readiness, review, selectors, services
from ratusz.competence.models import Attendance
from ratusz.competence.tests.factories import (
    make_competence,
    make_record,
    make_training,
    setup,
)
from ratusz.core.models import Notification
from ratusz.core.plugins import AMBER, GREEN, RED, ReviewTopic

TODAY = timezone.localdate()


def _check(clause, index=0):
    rule = [r for r in readiness.RULES if r.clause == clause][index]
    return rule.check(TODAY, rule.params)


def test_readiness_7_2_wants_every_required_competence_held_or_planned(office):
    assert _check("7.2").state == RED  # no position requires anything
    competence, _position = setup(office)
    verdict = _check("7.2")
    assert verdict.state == AMBER and "1 person" in verdict.reason
    services.plan_training(
        actor=office.owner, person=office.employee, competence=competence, year=TODAY.year
    )
    assert _check("7.2").state == GREEN


def test_readiness_7_2_wants_trainings_evaluated(office):
    competence, _position = setup(office)
    training = make_training(
        office, competence, [office.employee], held_on=TODAY - timedelta(days=90)
    )
    services.record_attendance(actor=office.owner, training=training, attended=[office.employee])
    assert _check("7.2", 1).state == AMBER
    services.evaluate_attendance(
        actor=office.owner,
        attendance=Attendance.objects.get(),
        result="effective",
        evaluation="Sprawdzono.",
    )
    assert _check("7.2", 1).state == GREEN


def test_readiness_7_1_wants_infrastructure_with_owners_and_knowledge(office):
    assert _check("7.1").state == RED
    assert _check("7.1", 1).state == AMBER
    services.create_resource(
        actor=office.quality,
        name="EZD",
        kind="it_system",
        owner=office.owner,
        next_review=TODAY + timedelta(days=100),
    )
    services.create_resource(actor=office.quality, name="Wiedza o USC", kind="knowledge")
    assert _check("7.1").state == GREEN
    assert _check("7.1", 1).state == GREEN


def test_readiness_7_4_wants_a_plan_carried_out(office):
    assert _check("7.4").state == RED
    entry = services.create_communication(
        actor=office.quality,
        subject="Polityka jakości",
        when="raz w roku",
        audience="pracownicy",
        channel="intranet",
        communicator="Pełnomocnik",
        direction="internal",
    )
    assert _check("7.4").state == AMBER
    services.update_communication(
        actor=office.quality, entry=entry, expected_version=1, last_performed=TODAY
    )
    assert _check("7.4").state == GREEN


def test_awareness_counts_read_and_understood_by_unit(office):
    from ratusz.documents import services as documents
    from ratusz.documents.tests.factories import bring_into_force, confirm_read, make_document

    assert _check("7.3").state == AMBER  # nothing distributed
    document = make_document(office)
    documents.set_distribution(
        actor=office.owner, document=document, units=[office.civil], roles=[]
    )
    version = bring_into_force(office, document)
    confirm_read(office.employee, version)
    civil = next(f for f in selectors.awareness_by_unit() if f.unit == office.civil)
    assert civil.required == 3 and civil.confirmed == 1  # owner, employee, colleague
    assert _check("7.3").state == AMBER


def test_the_dashboard_card_shows_expiring_competences(office):
    competence = make_competence(office, validity_months=None)
    make_record(
        office,
        office.employee,
        competence,
        issued_on=TODAY - timedelta(days=300),
        expires_on=TODAY + timedelta(days=20),
    )
    card = dashboard.card(office.owner)
    assert card is not None and card.data["expiring"][0].person == office.employee
    assert dashboard.card(office.outsider) is None
    assert dashboard.card(office.external) is None


def test_the_daily_run_reminds_once(office):
    competence = make_competence(office, validity_months=None)
    make_record(
        office,
        office.employee,
        competence,
        issued_on=TODAY - timedelta(days=300),
        expires_on=TODAY + timedelta(days=20),
    )
    training = make_training(office, competence, [office.employee])
    services.record_attendance(actor=office.owner, training=training, attended=[office.employee])
    first = daily.run(TODAY)
    assert first == {
        "competences expiring": 1,
        "trainings to evaluate": 1,
        "self-assessment reminders": 0,
    }
    assert daily.run(TODAY) == {
        "competences expiring": 0,
        "trainings to evaluate": 0,
        "self-assessment reminders": 0,
    }
    assert Notification.objects.filter(recipient=office.owner).exists()


def test_who_has_not_answered_a_closing_self_assessment_hears_of_it_once(office):
    from ratusz.competence.tests.factories import answer_all

    assessment = services.start_assessment(
        actor=office.quality, kind="control", year=TODAY.year, closes_on=TODAY + timedelta(days=10)
    )
    answer_all(assessment, office.employee)
    # Ten days before it closes: too early.
    assert daily.remind_to_answer(TODAY) == 0
    week_before = TODAY + timedelta(days=3)
    reminded = daily.remind_to_answer(week_before)
    told = set(
        Notification.objects.filter(kind="assessment_closing").values_list(
            "recipient__username", flat=True
        )
    )
    assert reminded == len(told) > 0
    assert office.employee.username not in told  # answered already
    assert office.external.username not in told  # not staff
    assert office.owner.username in told
    notice = Notification.objects.filter(kind="assessment_closing").first()
    assert notice.url == f"/competence/self-assessment/{assessment.pk}/answer/"
    # Once: the next days send nothing more, and nothing after it closes.
    assert daily.remind_to_answer(week_before + timedelta(days=1)) == 0
    assert daily.remind_to_answer(TODAY + timedelta(days=11)) == 0


def test_a_closed_or_undated_self_assessment_sends_no_reminder(office):
    undated = services.start_assessment(actor=office.quality, kind="control", year=TODAY.year)
    assert daily.remind_to_answer(TODAY) == 0
    closing = services.start_assessment(
        actor=office.quality, kind="control", year=TODAY.year + 1, closes_on=TODAY
    )
    services.close_assessment(actor=office.quality, assessment=closing, expected_version=None)
    assert undated.closes_on is None
    assert daily.remind_to_answer(TODAY) == 0


def test_trainings_are_in_the_calendars(office):
    competence, _position = setup(office)
    training = make_training(office, competence, [office.employee])
    assert [e.uid for e in calendar.personal(office.employee)] == [f"training-{training.pk}"]
    assert calendar.personal(office.outsider) == []
    assert len(calendar.office()) == 1


def test_the_review_reports_trainings_and_gaps(office):
    setup(office)
    (item,) = review.inputs(TODAY - timedelta(days=365), TODAY)
    assert item.topic == ReviewTopic.RESOURCES
    assert item.figures[0].value == "0"  # no training held yet
    assert "1 people lack" in item.summary
