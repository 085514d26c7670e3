"""The process map pages: list with filters, a process page, adding and editing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from ratusz.audits.models import Audit
from ratusz.core.models import Effectiveness, OrgUnit
from ratusz.core.services import create_org_unit
from ratusz.core.tests.factories import clause
from ratusz.improvement.models import Nonconformity
from ratusz.processes import services
from ratusz.processes.models import Process
from ratusz.processes.tests.factories import make_process


def make_audit(office, process, start: date, status=Audit.Status.CLOSED, number=1):
    # ORM: the pages are asserted by reference (AW/2024/03); services number in sequence.
    audit = Audit.objects.create(
        year=start.year,
        number=number,
        title=f"Audit {number}",
        objectives="Ocena",
        scope="Zakres",
        criteria="ISO 9001",
        process=process,
        planned_start=start,
        planned_end=start + timedelta(days=1),
        lead_auditor=office.auditor,
        status=status,
        created_by=office.quality,
    )
    return audit


def make_nc(office, process, number=1, status=Nonconformity.Status.OPEN, **extra):
    fields = {
        "year": 2026,
        "number": number,
        "title": f"Niezgodność {number}",
        "description": "Opis",
        "source": Nonconformity._meta.get_field("source").choices[0][0],
        "org_unit": office.civil,
        "process": process,
        "status": status,
        "detected_on": timezone.localdate() - timedelta(days=10),
        "reported_by": office.auditor,
        "target_date": timezone.localdate() + timedelta(days=20),
    }
    if status == Nonconformity.Status.CLOSED:
        fields["verification_result"] = Effectiveness.EFFECTIVE
    fields.update(extra)
    # ORM: given reference numbers the assertions read (NC/2026/0008); services number in turn.
    return Nonconformity.objects.create(**fields)


@pytest.mark.parametrize(
    "path", ["/processes/", "/processes/?kind=core&sort=-risk", "/processes/?sort=last_audited"]
)
def test_the_list_queries_do_not_grow_with_processes(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    first = make_process(office, code="P01")
    make_audit(office, first, timezone.localdate() - timedelta(days=30))
    # session, user, roles, unit choices, count, rows, office and unread count (+ subtree)
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200
    for i in range(40):
        process = make_process(office, code=f"X{i:02d}", owner_unit=office.transport, owner=None)
        make_nc(office, process, number=i + 1)
    with django_assert_max_num_queries(10):
        response = client.get(path)
    assert response.status_code == 200
    assert b"X29" in response.content or b"P01" in response.content


def test_the_list_shows_owner_risk_last_audit_and_open_nonconformities(office, client_for):
    process = make_process(office, code="P03")
    make_audit(office, process, date(2025, 5, 12), number=1)
    make_audit(office, process, date(2025, 11, 3), status=Audit.Status.CANCELLED, number=2)
    make_nc(office, process, number=1)
    make_nc(office, process, number=2, status=Nonconformity.Status.CLOSED)
    html = client_for(office.employee, language="pl").get("/processes/").content
    text = html.decode()
    assert "P03" in text and str(office.owner) in text
    assert "4 – " in text  # the risk is told in words too, not by colour alone
    assert "12.05.2025" in text and "03.11.2025" not in text
    rows = Process.objects.all()
    assert rows.count() == 1


def test_the_list_filters_by_unit_subtree_kind_risk_state_and_text(office, client_for):
    desk = make_process(office, code="P03", owner_unit=office.civil_desk, risk=5)
    make_process(office, code="P05", name="Rejestracja pojazdów", owner_unit=office.transport)
    make_process(office, code="P13", name="Budżet", owner_unit=office.finance, kind="support")
    old = make_process(office, code="P99", name="Stary proces", owner_unit=office.civil)
    services.deactivate_process(actor=office.quality, process=old, expected_version=None)
    client = client_for(office.employee)

    def codes(query: str) -> list[str]:
        response = client.get(f"/processes/?{query}")
        return [c for c in ("P03", "P05", "P13", "P99") if c in response.content.decode()]

    assert codes(f"unit={office.civil.pk}") == ["P03"]  # the section belongs to the department
    assert codes("kind=support") == ["P13"]
    assert codes("risk=5") == ["P03"]
    assert codes("q=pojazd") == ["P05"]
    assert codes("active=inactive") == ["P99"]
    assert codes("active=all") == ["P03", "P05", "P13", "P99"]
    assert desk.owner_unit == office.civil_desk


def test_the_filter_answers_htmx_with_only_the_results(office, client_for):
    make_process(office)
    response = client_for(office.employee).get(
        "/processes/?kind=core", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="process-results"
    )
    html = response.content.decode()
    assert 'id="process-results"' in html and "<h1>" not in html


def test_the_list_is_paginated(office, client_for):
    for i in range(35):
        make_process(office, code=f"P{i:02d}", owner=None)
    html = client_for(office.employee).get("/processes/").content.decode()
    assert "P29" in html and "P30" not in html and 'rel="next"' in html
    html = client_for(office.employee).get("/processes/?page=2").content.decode()
    assert "P34" in html and "P00" not in html


def test_the_process_page_shows_clauses_audits_and_open_nonconformities(
    office, client_for, django_assert_max_num_queries
):
    process = make_process(office)
    make_audit(office, process, date(2024, 4, 8), number=3)
    make_audit(office, process, timezone.localdate() + timedelta(days=40), Audit.Status.PLANNED, 4)
    open_nc = make_nc(office, process, number=7)
    make_nc(office, process, number=8, status=Nonconformity.Status.CLOSED)
    client = client_for(office.employee, language="pl")
    # + feeds and fed by (2), and one query for each later area's panel (process_panels)
    with django_assert_max_num_queries(16):
        response = client.get(f"/processes/{process.pk}/")
    html = response.content.decode()
    assert "8.5.1" in html and process.description in html
    assert "AW/2024/03" in html and "AW/" in html
    assert "08.04.2024" in html  # last audited: the closed audit, not the planned one
    assert f"/processes/{process.pk}/edit/" not in html  # an employee cannot edit
    # Nonconformities follow their own visibility: not the employee's, but their head's.
    assert open_nc.reference not in html
    head = client_for(office.owner).get(f"/processes/{process.pk}/").content.decode()
    assert open_nc.reference in head and "NC/2026/0008" not in head


def test_the_quality_manager_adds_a_process_from_the_form(office, client_for):
    response = client_for(office.quality).post(
        "/processes/new/",
        {
            "code": "P17",
            "name": "Zarządzanie kryzysowe",
            "kind": "support",
            "owner_unit": office.transport.pk,
            "owner": office.transport_owner.pk,
            "risk": "3",
            "clauses": [clause("8.1").pk],
            "description": "Plan zarządzania kryzysowego.",
        },
    )
    process = Process.objects.get(code="P17")
    assert response.status_code == 302 and response.url == f"/processes/{process.pk}/"
    assert process.owner == office.transport_owner and process.risk == 3


def test_a_taken_code_is_shown_next_to_the_code_field(office, client_for):
    make_process(office, code="P17")
    response = client_for(office.quality).post(
        "/processes/new/",
        {"code": "P17", "name": "Inny", "kind": "core", "owner_unit": office.civil.pk, "risk": 3},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "P17 is already used" in response.content.decode()
    assert response.context["form"].errors["code"]
    assert Process.objects.count() == 1


def test_the_head_of_the_owner_unit_edits_only_description_and_clauses(office, client_for):
    process = make_process(office)
    client = client_for(office.owner)
    page = client.get(f"/processes/{process.pk}/edit/")
    form = page.context["form"]
    assert form.fields["risk"].disabled and form.fields["owner"].disabled
    assert not form.fields["description"].disabled and not form.fields["clauses"].disabled
    response = client.post(
        f"/processes/{process.pk}/edit/",
        {
            "version": 1,
            "description": "Opis od naczelnika.",
            "clauses": [clause("7.5").pk],
            # Posted anyway (a crafted request): ignored, the fields are disabled.
            "risk": "1",
            "owner": office.employee.pk,
            "code": "HACK",
        },
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.description == "Opis od naczelnika."
    assert (process.risk, process.owner, process.code) == (4, office.owner, "P03")


def test_a_stale_edit_shows_the_conflict_and_keeps_the_users_text(office, client_for):
    process = make_process(office)
    client = client_for(office.quality)
    data = {
        "version": 1,
        "code": "P03",
        "name": process.name,
        "kind": "core",
        "owner_unit": office.civil.pk,
        "owner": office.owner.pk,
        "risk": "4",
        "clauses": [clause("8.2").pk],
        "description": "Mój opis",
        "is_active": "on",
    }
    from ratusz.processes import services

    services.update_process(
        actor=office.owner, process=process, expected_version=1, description="Opis kolegi"
    )
    response = client.post(f"/processes/{process.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this record" in html
    assert "Opis kolegi" in html and "Mój opis" in html
    process.refresh_from_db()
    assert process.description == "Opis kolegi"
    # Saving again, now against the current version, goes through.
    data["version"] = 2
    assert client.post(f"/processes/{process.pk}/edit/", data).status_code == 302
    process.refresh_from_db()
    assert process.description == "Mój opis"


def test_the_quality_manager_deactivates_a_process_from_the_edit_form(office, client_for):
    process = make_process(office)
    client = client_for(office.quality)
    data = {
        "version": 1,
        "code": "P03",
        "name": process.name,
        "kind": "core",
        "owner_unit": office.civil.pk,
        "owner": office.owner.pk,
        "risk": "4",
        "clauses": [clause("8.2").pk, clause("8.5.1").pk],
        "description": process.description,
    }
    assert client.post(f"/processes/{process.pk}/edit/", data).status_code == 302
    process.refresh_from_db()
    assert not process.is_active
    assert "P03" not in client.get("/processes/").content.decode()
    page = client.get(f"/processes/{process.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "This process is inactive" in page.content.decode()


def test_a_process_of_a_closed_unit_can_still_be_edited(office, client_for):
    unit = create_org_unit(name="Referat zlikwidowany", code="ZL", parent=office.civil)
    process = make_process(office, owner_unit=unit)
    # No service closes an org unit yet: mark it closed directly.
    OrgUnit.objects.filter(pk=unit.pk).update(is_active=False)
    response = client_for(office.owner).post(
        f"/processes/{process.pk}/edit/", {"version": 1, "description": "Nadal prowadzony."}
    )
    assert response.status_code == 302
