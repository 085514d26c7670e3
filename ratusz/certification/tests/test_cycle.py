"""The external audit cycle: deadlines, matching audits, warnings and broken rules."""

from __future__ import annotations

from datetime import date

import pytest

from ratusz.certification import cycle
from ratusz.certification.cycle import Stage, State, deadlines, plan
from ratusz.certification.models import Certificate, CertificationBody, ExternalAudit
from ratusz.certification.tests import factories

K, S = ExternalAudit.Kind, ExternalAudit.Status


def certificate(decided: date, expires: date) -> Certificate:
    return Certificate(decision_date=decided, issue_date=decided, expiry_date=expires)


def audit(kind, start: date, end: date, status=S.DONE) -> ExternalAudit:
    return ExternalAudit(kind=kind, start_date=start, end_date=end, status=status)


CERT = certificate(date(2023, 12, 12), date(2026, 12, 14))


def test_deadlines_follow_the_decision_and_the_calendar_years():
    assert deadlines(CERT) == {
        Stage.SURVEILLANCE_1: date(2024, 12, 12),
        Stage.SURVEILLANCE_2: date(2025, 12, 12),
        Stage.RECERTIFICATION: date(2026, 12, 13),
    }


def test_a_certificate_decided_on_29_february_has_its_surveillance_on_28_february():
    leap = certificate(date(2024, 2, 29), date(2027, 2, 28))
    assert deadlines(leap)[Stage.SURVEILLANCE_1] == date(2025, 2, 28)
    assert deadlines(leap)[Stage.SURVEILLANCE_2] == date(2026, 2, 28)


def test_a_decision_early_in_a_year_still_needs_an_audit_in_the_next_calendar_year():
    early = certificate(date(2024, 1, 10), date(2027, 1, 9))
    # 12 months would allow 10 January 2025, which is also inside 2025: the stricter wins.
    assert deadlines(early)[Stage.SURVEILLANCE_1] == date(2025, 1, 10)
    late = certificate(date(2024, 12, 20), date(2027, 12, 19))
    assert deadlines(late)[Stage.SURVEILLANCE_1] == date(2025, 12, 20)


def test_audits_held_in_time_are_done_and_the_recertification_is_next():
    audits = [
        audit(K.SURVEILLANCE, date(2024, 11, 18), date(2024, 11, 19)),
        audit(K.SURVEILLANCE, date(2025, 11, 18), date(2025, 11, 19)),
    ]
    result = plan(CERT, audits, today=date(2026, 8, 1))
    states = [m.state for m in result.milestones]
    assert states == [State.DONE, State.DONE, State.DUE]
    assert result.next_open.stage == Stage.RECERTIFICATION
    assert not result.problems


def test_warnings_come_90_60_and_30_days_before_a_deadline():
    audits = [audit(K.SURVEILLANCE, date(2024, 11, 18), date(2024, 11, 19))]
    due = date(2025, 12, 12)
    for today, expected in [
        (date(2025, 8, 1), None),
        (date(2025, 9, 13), 90),
        (date(2025, 10, 20), 60),
        (date(2025, 11, 20), 30),
    ]:
        second = plan(CERT, audits, today=today).milestones[1]
        assert second.due_by == due and second.warning == expected, today


def test_a_missed_surveillance_audit_is_overdue():
    result = plan(CERT, [], today=date(2025, 1, 5))
    first = result.milestones[0]
    assert first.state == State.OVERDUE and first.days_left == -24
    assert result.problems == [first]


def test_a_surveillance_audit_held_after_its_deadline_is_recorded_as_late():
    audits = [audit(K.SURVEILLANCE, date(2025, 1, 14), date(2025, 1, 15))]
    assert plan(CERT, audits, today=date(2025, 3, 1)).milestones[0].state == State.DONE_LATE


def test_a_recertification_planned_in_time_is_fine_and_one_ending_after_expiry_is_flagged():
    surveillance = [
        audit(K.SURVEILLANCE, date(2024, 11, 18), date(2024, 11, 19)),
        audit(K.SURVEILLANCE, date(2025, 11, 18), date(2025, 11, 19)),
    ]
    in_time = audit(K.RECERTIFICATION, date(2026, 12, 7), date(2026, 12, 9), status=S.PLANNED)
    recert = plan(CERT, [*surveillance, in_time], today=date(2026, 11, 23)).milestones[2]
    assert recert.state == State.PLANNED and recert.days_left == 20
    too_late = audit(K.RECERTIFICATION, date(2026, 12, 14), date(2026, 12, 16), status=S.PLANNED)
    recert = plan(CERT, [*surveillance, too_late], today=date(2026, 11, 23)).milestones[2]
    assert recert.state == State.PLANNED_TOO_LATE and recert.warning == 30
    assert recert.is_problem


def test_cancelled_audits_do_not_count():
    audits = [audit(K.SURVEILLANCE, date(2024, 11, 18), date(2024, 11, 19), status=S.CANCELLED)]
    assert plan(CERT, audits, today=date(2024, 12, 20)).milestones[0].state == State.OVERDUE


# --- initial certification -----------------------------------------------------------


def _stage(kind, start, end, status=ExternalAudit.Status.DONE):
    # ORM: one body for both stages; no service registers certification bodies.
    body = CertificationBody.objects.get_or_create(name="JC")[0]
    return factories.audit(
        None,
        body=body,
        kind=kind,
        start_date=start,
        end_date=end,
        status=status,
        result="Zalecenie certyfikacji." if status == ExternalAudit.Status.DONE else "",
    )


def test_an_office_without_a_certificate_is_told_to_plan_stage_1(db):
    plan = cycle.initial_plan_for(date(2026, 3, 1))
    (first,) = plan.milestones
    assert first.stage == cycle.Stage.STAGE_1 and first.state == cycle.State.DUE


def test_stage_2_is_due_within_six_months_of_stage_1(office):
    _stage(ExternalAudit.Kind.STAGE_1, date(2026, 3, 2), date(2026, 3, 3))
    stage_1, stage_2 = cycle.initial_plan_for(date(2026, 4, 1)).milestones
    assert stage_1.state == cycle.State.DONE
    assert stage_2.due_by == date(2026, 9, 3)
    assert stage_2.state == cycle.State.DUE
    assert cycle.initial_plan_for(date(2026, 9, 4)).milestones[1].state == cycle.State.OVERDUE


def test_stage_2_planned_in_time_or_too_late(office):
    _stage(ExternalAudit.Kind.STAGE_1, date(2026, 3, 2), date(2026, 3, 3))
    late = _stage(
        ExternalAudit.Kind.STAGE_2,
        date(2026, 10, 5),
        date(2026, 10, 7),
        status=ExternalAudit.Status.PLANNED,
    )
    assert cycle.initial_plan_for(date(2026, 4, 1)).milestones[1].state == (
        cycle.State.PLANNED_TOO_LATE
    )
    factories.change_audit(late, start_date=date(2026, 5, 11), end_date=date(2026, 5, 13))
    assert cycle.initial_plan_for(date(2026, 4, 1)).milestones[1].state == cycle.State.PLANNED


def test_stage_2_before_stage_1_is_refused(office):
    from django.core.exceptions import ValidationError

    from ratusz.certification import services

    body = factories.body(name="JC")
    common = {"actor": office.quality, "body": body}
    with pytest.raises(ValidationError) as exc:
        services.create_external_audit(
            kind=ExternalAudit.Kind.STAGE_2,
            start_date=date(2026, 5, 1),
            end_date=date(2026, 5, 2),
            **common,
        )
    assert "record stage 1 first" in exc.value.message_dict["kind"][0]
    services.create_external_audit(
        kind=ExternalAudit.Kind.STAGE_1,
        start_date=date(2026, 5, 4),
        end_date=date(2026, 5, 5),
        **common,
    )
    with pytest.raises(ValidationError) as exc:
        services.create_external_audit(
            kind=ExternalAudit.Kind.STAGE_2,
            start_date=date(2026, 5, 4),
            end_date=date(2026, 5, 6),
            **common,
        )
    assert "before stage 1 ends" in exc.value.message_dict["start_date"][0]
