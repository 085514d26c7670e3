"""Competence records, the training plan and trainings: the rules and the refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ratusz.competence import selectors, services
from ratusz.competence.models import (
    Attendance,
    CompetenceRecord,
    PlanItem,
    Training,
)
from ratusz.competence.tests.factories import (
    make_competence,
    make_record,
    make_training,
    setup,
)
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Attachment

TODAY = timezone.localdate()


def test_a_record_takes_its_expiry_from_the_competence_validity(office):
    competence = make_competence(office, validity_months=12)
    record = make_record(office, office.employee, competence, issued_on=date(2026, 1, 31))
    assert record.expires_on == date(2027, 1, 31)


def test_it_refuses_an_expiry_before_the_issue_and_saves_nothing(office):
    competence = make_competence(office)
    with pytest.raises(ValidationError) as caught:
        make_record(
            office,
            office.employee,
            competence,
            issued_on=date(2026, 3, 1),
            expires_on=date(2026, 2, 1),
        )
    assert "expires_on" in caught.value.error_dict
    assert not CompetenceRecord.objects.exists()


def test_it_refuses_an_issue_date_in_the_future(office):
    competence = make_competence(office)
    with pytest.raises(ValidationError) as caught:
        make_record(office, office.employee, competence, issued_on=TODAY + timedelta(days=3))
    assert "issued_on" in caught.value.error_dict


def test_it_keeps_the_evidence_file_with_the_record(office):
    competence = make_competence(office)
    upload = SimpleUploadedFile("upowaznienie.txt", "Upoważnienie nr 5".encode(), "text/plain")
    record = make_record(office, office.employee, competence, file=upload)
    attachment = Attachment.objects.get()
    assert attachment.target_id == str(record.pk)


def test_a_refused_evidence_file_leaves_no_record(office):
    competence = make_competence(office)
    upload = SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", "application/pdf")
    with pytest.raises(ValidationError) as caught:
        make_record(office, office.employee, competence, file=upload)
    assert "file" in caught.value.error_dict
    assert not CompetenceRecord.objects.exists()


def test_only_the_head_the_quality_manager_or_hr_record_competences(office):
    competence = make_competence(office)
    with pytest.raises(Denied):
        make_record(office, office.employee, competence, actor=office.employee)
    with pytest.raises(Denied):
        make_record(office, office.employee, competence, actor=office.transport_owner)
    assert make_record(office, office.employee, competence, actor=office.owner)


def test_two_people_editing_one_record_get_a_conflict(office):
    competence = make_competence(office)
    record = make_record(office, office.employee, competence)
    services.update_record(
        actor=office.owner, record=record, expected_version=1, evidence="Nr 2/2026"
    )
    with pytest.raises(Conflict):
        services.update_record(
            actor=office.quality, record=record, expected_version=1, evidence="Nr 3/2026"
        )
    record.refresh_from_db()
    assert record.evidence == "Nr 2/2026"
    assert record.version == 2


def test_an_edit_cannot_move_the_expiry_before_the_issue(office):
    competence = make_competence(office)
    record = make_record(office, office.employee, competence, issued_on=date(2026, 1, 10))
    with pytest.raises(ValidationError) as caught:
        services.update_record(
            actor=office.quality, record=record, expected_version=1, expires_on=date(2025, 1, 1)
        )
    assert "expires_on" in caught.value.error_dict


def test_it_refuses_attendance_for_a_training_in_the_future(office):
    competence, _position = setup(office)
    training = make_training(
        office, competence, [office.employee], held_on=TODAY + timedelta(days=5)
    )
    with pytest.raises(ValidationError) as caught:
        services.record_attendance(
            actor=office.owner, training=training, attended=[office.employee]
        )
    assert "attended" in caught.value.error_dict
    assert not Attendance.objects.filter(attended=True).exists()


def test_effectiveness_is_evaluated_only_after_the_set_time(office):
    competence, _position = setup(office)
    training = make_training(
        office, competence, [office.employee], held_on=TODAY - timedelta(days=2)
    )
    services.record_attendance(actor=office.owner, training=training, attended=[office.employee])
    attendance = Attendance.objects.get()
    with pytest.raises(ValidationError) as caught:
        services.evaluate_attendance(
            actor=office.owner, attendance=attendance, result="effective", evaluation="Test."
        )
    assert "result" in caught.value.error_dict


def test_a_gap_planned_trained_and_evaluated_becomes_a_held_competence(office):
    competence, _position = setup(office)
    gaps = selectors.matrix(user=office.owner).rows
    mine = next(r for r in gaps if r.person == office.employee)
    assert mine.gaps == 1

    item = services.plan_training(
        actor=office.owner, person=office.employee, competence=competence, year=TODAY.year
    )
    training = make_training(
        office, competence, [office.employee], held_on=TODAY - timedelta(days=40)
    )
    item.refresh_from_db()
    assert item.status == PlanItem.Status.SCHEDULED and item.training == training

    services.record_attendance(actor=office.owner, training=training, attended=[office.employee])
    attendance = Attendance.objects.get()
    services.evaluate_attendance(
        actor=office.owner,
        attendance=attendance,
        result="effective",
        evaluation="Kierownik sprawdził 5 wydanych dowodów.",
    )
    training.refresh_from_db()
    item.refresh_from_db()
    assert training.status == Training.Status.EVALUATED
    assert item.status == PlanItem.Status.DONE
    record = CompetenceRecord.objects.get(person=office.employee)
    assert record.training == training and record.expires_on is not None
    row = next(r for r in selectors.matrix(user=office.owner).rows if r.person == office.employee)
    assert row.gaps == 0


def test_an_ineffective_training_gives_no_competence(office):
    competence, _position = setup(office)
    training = make_training(office, competence, [office.employee])
    services.record_attendance(actor=office.owner, training=training, attended=[office.employee])
    services.evaluate_attendance(
        actor=office.owner,
        attendance=Attendance.objects.get(),
        result="not_effective",
        evaluation="Błędy w decyzjach.",
    )
    assert not CompetenceRecord.objects.exists()


def test_a_head_enrols_only_the_people_of_their_units(office):
    competence, _position = setup(office)
    with pytest.raises(Denied):
        make_training(office, competence, [office.outsider])
    assert not Training.objects.exists()


def test_planning_the_gaps_puts_each_on_the_plan_once(office):
    setup(office)
    assert services.plan_gaps(actor=office.owner, year=TODAY.year) == 1
    assert services.plan_gaps(actor=office.owner, year=TODAY.year) == 0
    assert PlanItem.objects.count() == 1


def test_the_communication_plan_refuses_a_last_performed_date_in_the_future(office):
    with pytest.raises(ValidationError) as caught:
        services.create_communication(
            actor=office.quality,
            subject="Polityka jakości",
            when="raz w roku",
            audience="pracownicy",
            channel="intranet",
            communicator="Pełnomocnik",
            direction="internal",
            last_performed=TODAY + timedelta(days=1),
        )
    assert "last_performed" in caught.value.error_dict


def test_only_the_quality_manager_keeps_the_resources(office):
    with pytest.raises(Denied):
        services.create_resource(actor=office.owner, name="EZD", kind="it_system")
    resource = services.create_resource(
        actor=office.quality, name="EZD", kind="it_system", owner=office.owner
    )
    with pytest.raises(ValidationError) as caught:
        services.update_resource(
            actor=office.quality,
            resource=resource,
            expected_version=1,
            last_review=date(2026, 5, 1),
            next_review=date(2026, 1, 1),
        )
    assert "next_review" in caught.value.error_dict


def test_a_cancelled_training_puts_its_plan_entries_back_to_planned(office):
    competence, _position = setup(office)
    item = services.plan_training(
        actor=office.owner, person=office.employee, competence=competence, year=TODAY.year
    )
    training = make_training(
        office, competence, [office.employee], held_on=TODAY + timedelta(days=10)
    )
    services.cancel_training(actor=office.owner, training=training, expected_version=1)
    item.refresh_from_db()
    assert item.status == PlanItem.Status.PLANNED and item.training is None
    with pytest.raises(ValidationError):
        services.record_attendance(
            actor=office.owner, training=training, attended=[office.employee]
        )


def test_a_cancelled_plan_entry_can_be_planned_again(office):
    competence, _position = setup(office)
    item = services.plan_training(
        actor=office.owner, person=office.employee, competence=competence, year=TODAY.year
    )
    services.cancel_plan_item(actor=office.owner, item=item, expected_version=1)
    again = services.plan_training(
        actor=office.owner, person=office.employee, competence=competence, year=TODAY.year
    )
    assert again.pk == item.pk and again.status == PlanItem.Status.PLANNED


def test_two_people_editing_one_position_get_a_conflict(office):
    _competence, position = setup(office)
    services.update_position(
        actor=office.owner, position=position, expected_version=1, description="Nowy zakres"
    )
    with pytest.raises(Conflict):
        services.update_position(
            actor=office.quality, position=position, expected_version=1, name="Inna nazwa"
        )


def test_a_head_adds_positions_only_in_their_units(office):
    with pytest.raises(Denied):
        services.create_position(actor=office.owner, name="Kierowca", org_unit=office.transport)


def test_an_induction_step_is_done_once_and_not_in_the_future(office):
    item = services.add_induction_step(
        actor=office.owner, person=office.employee, title="Zapoznanie z polityką jakości"
    )
    with pytest.raises(ValidationError) as caught:
        services.complete_induction_step(
            actor=office.owner, item=item, expected_version=1, done_on=TODAY + timedelta(days=1)
        )
    assert "done_on" in caught.value.error_dict
    services.complete_induction_step(
        actor=office.owner, item=item, expected_version=1, done_on=TODAY
    )
    with pytest.raises(ValidationError):
        services.complete_induction_step(
            actor=office.owner, item=item, expected_version=2, done_on=TODAY
        )
    with pytest.raises(Denied):
        services.add_induction_step(actor=office.employee, person=office.employee, title="X")
