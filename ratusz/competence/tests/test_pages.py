"""The competence pages: the matrix and its export, a person's page, the forms,
trainings, the plan, communication and resources."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from ratusz.competence import services
from ratusz.competence.models import Attendance, CompetenceRecord, PlanItem
from ratusz.competence.tests.factories import (
    make_competence,
    make_position,
    make_record,
    make_training,
    place,
    setup,
)
from ratusz.core.models import Role, User
from ratusz.core.services import grant_role

TODAY = timezone.localdate()


def _staff(office, n: int, position) -> None:
    for i in range(n):
        user = User.objects.create_user(
            username=f"clerk{i}", first_name="Urzędnik", last_name=f"Nr{i}", org_unit=office.civil
        )
        grant_role(user=user, role=Role.EMPLOYEE)
        place(office, user, position)


@pytest.mark.parametrize("path", ["/competence/", "/competence/?gaps=on&expiring=on"])
def test_the_matrix_queries_do_not_grow_with_people_or_records(
    office, client_for, django_assert_max_num_queries, path
):
    competence, position = setup(office)
    client = client_for(office.quality)
    # session, user, roles, HR permission, unit choices, position choices, count, people,
    # requirements, records, plan, office, unread count (+ subtree)
    with django_assert_max_num_queries(16):
        assert client.get(path).status_code == 200
    other = make_competence(office, name="Kurs KPA", kind="training", validity_months=None)
    services.update_position(
        actor=office.quality, position=position, expected_version=1, competences=[competence, other]
    )
    _staff(office, 8, position)
    for person in User.objects.filter(username__startswith="clerk")[:4]:
        make_record(office, person, competence, issued_on=TODAY - timedelta(days=700))
    with django_assert_max_num_queries(16):
        response = client.get(path)
    assert response.status_code == 200


def test_the_matrix_shows_gaps_expiring_and_held(office, client_for):
    competence, position = setup(office)
    short = make_competence(office, name="Szkolenie BHP", kind="training", validity_months=2)
    services.update_position(
        actor=office.quality,
        position=position,
        expected_version=1,
        competences=[competence, short],
    )
    make_record(office, office.employee, short, issued_on=TODAY - timedelta(days=10))
    page = client_for(office.owner).get("/competence/").content.decode()
    assert "gap" in page and "expiring" in page
    page = client_for(office.owner).get("/competence/?gaps=on").content.decode()
    assert str(office.employee) in page


def test_an_employee_sees_only_their_own_row(office, client_for):
    _competence, position = setup(office)
    place(office, office.colleague, position)
    page = client_for(office.employee).get("/competence/").content.decode()
    assert str(office.employee) in page and str(office.colleague) not in page


def test_hr_reads_every_person_when_given_the_permission(office, client_for):
    setup(office)
    office.outsider.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    client = client_for(User.objects.get(pk=office.outsider.pk))
    assert client.get(f"/competence/people/{office.employee.pk}/").status_code == 200


def test_the_matrix_exports_to_xlsx(office, client_for):
    competence, _position = setup(office)
    make_record(office, office.employee, competence)
    response = client_for(office.quality).get(f"/competence/export.xlsx?unit={office.civil.pk}")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][3] == competence.name
    assert any(str(office.employee) == r[0] and r[3].startswith("held") for r in rows[1:])


def test_a_persons_page_shows_the_gap_and_plans_a_training(office, client_for):
    competence, _position = setup(office)
    client = client_for(office.owner)
    page = client.get(f"/competence/people/{office.employee.pk}/").content.decode()
    assert competence.name in page and "Plan a training" in page
    response = client.post(
        f"/competence/people/{office.employee.pk}/plan/",
        {"competence": competence.pk, "year": TODAY.year},
    )
    assert response.status_code == 302
    assert PlanItem.objects.get().person == office.employee
    page = client.get(f"/competence/plan/?year={TODAY.year}").content.decode()
    assert "Schedule a training" in page


def test_the_record_form_names_the_expiry_before_issue(office, client_for):
    competence, _position = setup(office)
    response = client_for(office.owner).post(
        f"/competence/people/{office.employee.pk}/records/new/",
        {
            "competence": competence.pk,
            "issued_on": "2026-03-01",
            "expires_on": "2026-01-01",
            "evidence": "x",
        },
    )
    assert response.status_code == 200
    assert "before the date of issue" in response.content.decode()
    assert not CompetenceRecord.objects.exists()


def test_the_record_form_saves_an_evidence_file(office, client_for):
    competence, _position = setup(office)
    response = client_for(office.owner).post(
        f"/competence/people/{office.employee.pk}/records/new/",
        {
            "competence": competence.pk,
            "issued_on": (TODAY - timedelta(days=5)).isoformat(),
            "evidence": "Upoważnienie 4/2026",
            "file": SimpleUploadedFile("u.txt", b"Upowaznienie", "text/plain"),
        },
    )
    assert response.status_code == 302
    page = client_for(office.employee).get(f"/competence/people/{office.employee.pk}/")
    assert "u.txt" in page.content.decode()


def test_a_stale_record_edit_is_a_conflict_with_the_text_kept(office, client_for, form_on_page):
    competence, _position = setup(office)
    record = make_record(office, office.employee, competence)
    path = f"/competence/records/{record.pk}/"
    client = client_for(office.owner)
    data = form_on_page(client.get(path))
    services.update_record(actor=office.quality, record=record, expected_version=1, evidence="Q")
    data["evidence"] = ["Mój opis"]
    response = client.post(path, data)
    assert response.status_code == 200
    assert "Someone else saved this record first" in response.content.decode()
    assert "Mój opis" in response.content.decode()
    # Saving again, on the version the page now carries, succeeds.
    assert client.post(path, form_on_page(response)).status_code == 302
    record.refresh_from_db()
    assert record.evidence == "Mój opis"


def test_a_training_page_records_attendance_and_evaluation(office, client_for):
    competence, _position = setup(office)
    training = make_training(office, competence, [office.employee])
    client = client_for(office.owner)
    page = client.get(f"/competence/trainings/{training.pk}/").content.decode()
    assert "Record attendance" in page
    response = client.post(
        f"/competence/trainings/{training.pk}/attendance/",
        {"version": training.version, "attended": [office.employee.pk]},
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert attendance.attended
    response = client.post(
        f"/competence/attendances/{attendance.pk}/evaluate/",
        {"version": attendance.version, "result": "effective", "evaluation": "Sprawdzono."},
    )
    assert response.status_code == 302
    assert CompetenceRecord.objects.filter(person=office.employee, training=training).exists()


def test_attendance_for_a_future_training_is_refused_with_a_message(office, client_for):
    competence, _position = setup(office)
    training = make_training(
        office, competence, [office.employee], held_on=TODAY + timedelta(days=7)
    )
    client = client_for(office.owner)
    response = client.post(
        f"/competence/trainings/{training.pk}/attendance/",
        {"version": training.version, "attended": [office.employee.pk]},
        follow=True,
    )
    assert "in the future" in response.content.decode()
    assert not Attendance.objects.filter(attended=True).exists()


def test_the_lists_show_their_records(office, client_for):
    competence, position = setup(office)
    make_training(office, competence, [office.employee])
    services.create_communication(
        actor=office.quality,
        subject="Polityka jakości",
        when="raz w roku",
        audience="pracownicy",
        channel="intranet",
        communicator="Pełnomocnik",
        direction="internal",
    )
    services.create_resource(actor=office.quality, name="EZD", kind="it_system")
    client = client_for(office.employee)
    assert competence.name in client.get("/competence/competences/").content.decode()
    assert position.name in client.get("/competence/positions/").content.decode()
    assert "Ustawa o dowodach" in client.get("/competence/trainings/").content.decode()
    assert "Polityka jakości" in client.get("/competence/communication/").content.decode()
    assert "EZD" in client.get("/competence/resources/").content.decode()
    assert position.name in client.get(f"/competence/positions/{position.pk}/").content.decode()


def test_the_forms_create_catalogue_and_resources(office, client_for):
    client = client_for(office.quality)
    assert (
        client.post(
            "/competence/competences/new/",
            {"name": "Kurs USC", "kind": "training", "evidenced_by": "Zaświadczenie"},
        ).status_code
        == 302
    )
    competence = make_competence(office)
    response = client.post(
        "/competence/positions/new/",
        {"name": "Kierownik USC", "org_unit": office.civil.pk, "competences": [competence.pk]},
    )
    assert response.status_code == 302
    response = client.post("/competence/resources/new/", {"name": "ePUAP", "kind": "it_system"})
    assert response.status_code == 302
    make_position(office, [competence], name="Referent")


def test_a_head_adds_and_ticks_off_an_induction_step(office, client_for):
    client = client_for(office.owner)
    path = f"/competence/people/{office.employee.pk}/"
    assert client.post(f"{path}induction/", {"title": "Konto w EZD"}).status_code == 302
    page = client.get(path).content.decode()
    assert "Konto w EZD" in page and "Mark as done" in page
    item = office.employee.induction_items.get()
    response = client.post(
        f"/competence/induction/{item.pk}/done/",
        {"version": 1, "done_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.done_on == TODAY and item.done_by == office.owner


def test_a_persons_page_queries_do_not_grow_with_records(
    office, client_for, django_assert_max_num_queries
):
    competence, _position = setup(office)
    client = client_for(office.owner)
    path = f"/competence/people/{office.employee.pk}/"
    # session, user, roles, HR permission, person, requirements, records (twice: the
    # matrix row and the list), files, trainings, plan, induction, positions for the
    # form, office, unread count (+ content type)
    with django_assert_max_num_queries(17):
        assert client.get(path).status_code == 200
    for i in range(5):
        upload = SimpleUploadedFile(f"d{i}.txt", b"Dowod", "text/plain")
        make_record(office, office.employee, competence, evidence=f"Nr {i}", file=upload)
        make_training(office, competence, [office.employee], topic=f"Szkolenie {i}")
        services.add_induction_step(actor=office.owner, person=office.employee, title=f"Krok {i}")
    with django_assert_max_num_queries(17):
        response = client.get(path)
    assert "d4.txt" in response.content.decode()
