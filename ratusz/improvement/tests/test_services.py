"""The nonconformity and idea workflows, step by step, with their refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ratusz.core import services as core_services
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Action, Notification
from ratusz.core.tests.factories import appoint_head, clause
from ratusz.improvement import services
from ratusz.improvement.models import Idea, Nonconformity, Source
from ratusz.improvement.tests.factories import (
    analysed,
    awaiting_verification,
    closed,
    open_nc,
    report,
    with_action,
)

NC = Nonconformity.Status
TODAY = timezone.localdate


def test_a_staff_report_waits_for_triage_and_the_quality_manager_hears_of_it(office):
    nc = report(office)
    assert nc.status == NC.REPORTED and nc.owner is None
    assert nc.reference == f"NC/{nc.year}/0001"
    assert Notification.objects.filter(recipient=office.quality, kind="nonconformity_reported")


def test_an_audit_nonconformity_is_open_at_once_and_assigned_to_the_head(office):
    appoint_head(office.civil, office.owner)
    nc = report(
        office,
        source=Source.INTERNAL_AUDIT,
        clause=clause("8.5.1"),
        grade="minor",
        actor=office.auditor,
    )
    assert nc.status == NC.OPEN and nc.owner == office.owner


def test_triage_accepts_with_grade_owner_and_target_date(office):
    nc = open_nc(office)
    assert nc.status == NC.OPEN and nc.owner == office.owner and nc.grade == "minor"
    assert Notification.objects.filter(recipient=office.owner, kind="nonconformity_assigned")
    assert Notification.objects.filter(recipient=office.employee, kind="nonconformity_accepted")


def test_triage_by_anyone_but_the_quality_manager_is_refused(office):
    nc = report(office)
    with pytest.raises(Denied):
        services.triage(
            actor=office.owner,
            nc=nc,
            expected_version=nc.version,
            accept=False,
            rejection_reason="x",
        )


def test_triage_needs_a_target_date_and_a_grade(office):
    nc = report(office)
    with pytest.raises(ValidationError) as exc:
        services.triage(
            actor=office.quality,
            nc=nc,
            expected_version=nc.version,
            accept=True,
            owner=office.owner,
        )
    assert set(exc.value.message_dict) == {"grade", "target_date"}


def test_a_rejected_report_names_the_reason_and_tells_the_reporter(office):
    nc = report(office)
    with pytest.raises(ValidationError) as exc:
        services.triage(actor=office.quality, nc=nc, expected_version=nc.version, accept=False)
    assert "rejection_reason" in exc.value.message_dict
    nc = services.triage(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        accept=False,
        rejection_reason="To opinia, nie niezgodność.",
    )
    assert nc.status == NC.REJECTED
    assert Notification.objects.filter(recipient=office.employee, kind="nonconformity_rejected")


def test_two_people_triaging_the_same_report_get_a_conflict_not_an_overwrite(office):
    nc = report(office)
    stale = nc.version
    services.triage(
        actor=office.quality,
        nc=nc,
        expected_version=stale,
        accept=False,
        rejection_reason="Nie dotyczy.",
    )
    with pytest.raises(Conflict):
        services.triage(
            actor=office.quality,
            nc=nc,
            expected_version=stale,
            accept=False,
            rejection_reason="Inny powód.",
        )
    nc.refresh_from_db()
    assert nc.rejection_reason == "Nie dotyczy."


def test_correction_and_root_cause_are_recorded_by_the_owner(office):
    nc = analysed(office)
    assert nc.correction == "Wymieniono dowód."
    assert nc.whys == ["Pomyłka przy wpisie", "Brak weryfikacji"]
    assert nc.cause_categories == ["method"] and nc.analysed_by == office.owner


def test_a_colleague_of_another_unit_cannot_change_the_nonconformity(office):
    nc = open_nc(office)
    with pytest.raises(Denied):
        services.record_correction(
            actor=office.outsider, nc=nc, expected_version=nc.version, correction="x"
        )


def test_root_cause_needs_a_why_a_cause_and_a_category(office):
    nc = open_nc(office)
    with pytest.raises(ValidationError) as exc:
        services.record_root_cause(
            actor=office.owner,
            nc=nc,
            expected_version=nc.version,
            whys=["", ""],
            root_cause=" ",
            categories=["nonsense"],
        )
    assert set(exc.value.message_dict) == {"whys", "root_cause", "categories"}


def test_a_corrective_action_joins_the_tracker_with_the_nc_as_its_source(office):
    nc, action = with_action(office, done=False)
    assert action.kind == Action.Kind.CORRECTIVE and action.source == nc
    assert action.org_unit == office.civil and action.clause == nc.clause


def test_verification_cannot_be_planned_before_the_last_action_is_due(office):
    nc, action = with_action(office, done=False)
    with pytest.raises(ValidationError) as exc:
        services.plan_verification(
            actor=office.owner,
            nc=nc,
            expected_version=nc.version,
            verification_due=action.due_date - timedelta(days=1),
            verification_method="Próba",
        )
    assert "verification_due" in exc.value.message_dict


def test_verification_is_requested_only_when_every_action_is_done(office):
    nc, action = with_action(office, done=False)
    nc = services.plan_verification(
        actor=office.owner,
        nc=nc,
        expected_version=nc.version,
        verification_due=action.due_date,
        verification_method="P",
    )
    with pytest.raises(ValidationError) as exc:
        services.request_verification(actor=office.owner, nc=nc, expected_version=nc.version)
    assert "actions" in exc.value.message_dict


def test_request_verification_lists_everything_missing(office):
    nc = open_nc(office)
    with pytest.raises(ValidationError) as exc:
        services.request_verification(actor=office.owner, nc=nc, expected_version=nc.version)
    assert set(exc.value.message_dict) == {"root_cause", "actions", "verification_due"}


def test_the_owner_cannot_judge_the_effectiveness_of_their_own_nonconformity(office):
    nc = awaiting_verification(office)
    with pytest.raises(Denied):
        services.record_verification(
            actor=office.owner,
            nc=nc,
            expected_version=nc.version,
            effective=True,
            verification_notes="ok",
        )


def test_the_check_cannot_be_dated_before_the_last_action_was_done(office):
    nc = awaiting_verification(office)
    with pytest.raises(ValidationError) as exc:
        services.record_verification(
            actor=office.quality,
            nc=nc,
            expected_version=nc.version,
            effective=True,
            verification_notes="ok",
            verified_on=TODAY() - timedelta(days=1),
        )
    assert "verified_on" in exc.value.message_dict


def test_an_effective_check_lets_the_quality_manager_close(office):
    nc = closed(office)
    assert nc.status == NC.CLOSED and nc.closed_by == office.quality
    assert nc.failed_verifications == 0


def test_a_failed_check_sends_it_back_to_the_owner_and_is_counted(office):
    nc = awaiting_verification(office)
    nc = services.record_verification(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        effective=False,
        verification_notes="Powtórka.",
        confirmed=True,
    )
    assert nc.status == NC.OPEN and nc.failed_verifications == 1
    assert Notification.objects.filter(recipient=office.owner, kind="nonconformity_not_effective")
    # More actions, then a new check that succeeds.
    action = services.add_corrective_action(
        actor=office.owner, nc=nc, title="Szkolenie", owner=office.employee, due_date=TODAY()
    )
    core_services.complete_action(
        actor=office.employee,
        action=action,
        expected_version=None,
        completion_evidence="Przeszkolono.",
    )
    nc.refresh_from_db()
    nc = services.request_verification(actor=office.owner, nc=nc, expected_version=nc.version)
    assert nc.verification_result == ""
    nc = services.record_verification(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        effective=True,
        verification_notes="OK",
        confirmed=True,
    )
    nc = services.close(actor=office.quality, nc=nc, expected_version=nc.version)
    assert nc.status == NC.CLOSED and nc.failed_verifications == 1


def test_closing_is_refused_while_an_action_is_open(office):
    nc = awaiting_verification(office)
    nc = services.record_verification(
        actor=office.quality,
        nc=nc,
        expected_version=nc.version,
        effective=True,
        verification_notes="ok",
        confirmed=True,
    )
    # Someone reopens work on the nc by adding an action through the tracker's back door.
    Action.objects.filter(pk=services.actions_of(nc).first().pk).update(status="in_progress")
    with pytest.raises(ValidationError) as exc:
        services.close(actor=office.quality, nc=nc, expected_version=nc.version)
    assert "actions" in exc.value.message_dict


def test_closing_is_refused_before_effectiveness_is_verified(office):
    nc = awaiting_verification(office)
    with pytest.raises(ValidationError) as exc:
        services.close(actor=office.quality, nc=nc, expected_version=nc.version)
    assert "verification_result" in exc.value.message_dict


def test_only_the_quality_manager_closes(office):
    nc = awaiting_verification(office)
    with pytest.raises(Denied):
        services.close(actor=office.owner, nc=nc, expected_version=nc.version)


# --- ideas ---------------------------------------------------------------------------


def _idea(office) -> Idea:
    return services.submit_idea(
        actor=office.employee,
        title="Numerki kolejkowe przez SMS",
        description="Powiadamiać mieszkańców SMS-em.",
        org_unit=office.civil,
    )


def test_an_idea_is_evaluated_decided_implemented_with_actions(office):
    idea = _idea(office)
    idea = services.evaluate_idea(
        actor=office.owner, idea=idea, expected_version=idea.version, evaluation="Tanie."
    )
    assert idea.status == Idea.Status.EVALUATING
    with pytest.raises(Denied):
        services.decide_idea(
            actor=office.owner,
            idea=idea,
            expected_version=idea.version,
            accept=True,
            decision_notes="x",
        )
    idea = services.decide_idea(
        actor=office.quality,
        idea=idea,
        expected_version=idea.version,
        accept=True,
        decision_notes="Tak.",
    )
    action = services.add_idea_action(
        actor=office.owner, idea=idea, title="Wdrożyć SMS", owner=office.employee, due_date=TODAY()
    )
    assert action.kind == Action.Kind.IMPROVEMENT and action.source == idea
    idea.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.mark_implemented(
            actor=office.owner,
            idea=idea,
            expected_version=idea.version,
            benefit_achieved="Krótsze kolejki",
        )
    assert "actions" in exc.value.message_dict
    core_services.complete_action(
        actor=office.employee, action=action, expected_version=None, completion_evidence="Działa."
    )
    idea = services.mark_implemented(
        actor=office.owner,
        idea=idea,
        expected_version=idea.version,
        benefit_achieved="Krótsze kolejki",
    )
    assert idea.status == Idea.Status.IMPLEMENTED and idea.implemented_on == TODAY()
    assert Notification.objects.filter(recipient=office.employee, kind="idea_accepted")


def test_an_idea_of_another_unit_is_not_evaluated_by_a_stranger(office):
    idea = _idea(office)
    with pytest.raises(Denied):
        services.evaluate_idea(
            actor=office.transport_owner, idea=idea, expected_version=idea.version, evaluation="x"
        )


def test_a_rejection_of_an_idea_needs_reasons(office):
    idea = _idea(office)
    with pytest.raises(ValidationError) as exc:
        services.decide_idea(
            actor=office.quality,
            idea=idea,
            expected_version=idea.version,
            accept=False,
            decision_notes="",
        )
    assert "decision_notes" in exc.value.message_dict


def test_a_date_in_a_message_is_in_the_readers_format(office):
    nc, action = with_action(office, done=False)
    with translation.override("pl"), pytest.raises(ValidationError) as refused:
        services.plan_verification(
            actor=office.owner,
            nc=nc,
            expected_version=None,
            verification_due=action.due_date - timedelta(days=1),
            verification_method="Przegląd próby spraw.",
        )
    message = refused.value.message_dict["verification_due"][0]
    assert action.due_date.strftime("%d.%m.%Y") in message
    assert action.due_date.isoformat() not in message
