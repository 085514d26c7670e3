"""A finding opened from a checklist question starts from that question."""

from __future__ import annotations

from ratusz.audits import services
from ratusz.audits.models import Finding


def _answered(world, office):
    audit = world.started()
    item = audit.checklist.get(clause__number="8.5.1")
    item = services.answer_question(
        actor=office.auditor,
        item=item,
        expected_version=None,
        answer="nonconforms",
        evidence="Karta usługi KU-03 z 2019 r. wisi na tablicy.",
    )
    return audit, item


def test_a_finding_from_a_question_takes_its_clause_and_the_evidence_seen(
    world, office, client_for
):
    audit, item = _answered(world, office)
    page = client_for(office.auditor).get(f"/audits/{audit.pk}/findings/new/?question={item.pk}")
    form = page.context["form"]
    assert str(form["checklist_item"].value()) == str(item.pk)
    assert form["clause"].value() == item.clause_id
    assert form["evidence"].value() == "Karta usługi KU-03 z 2019 r. wisi na tablicy."


def test_a_finding_starts_with_no_grade_chosen(world, office, client_for):
    audit, item = _answered(world, office)
    page = client_for(office.auditor).get(f"/audits/{audit.pk}/findings/new/?question={item.pk}")
    assert page.context["form"]["grade"].value() is None
    assert 'value="major" checked' not in page.content.decode()


def test_a_finding_without_a_grade_names_the_field(world, office, client_for):
    audit, item = _answered(world, office)
    response = client_for(office.auditor).post(
        f"/audits/{audit.pk}/findings/new/",
        {
            "checklist_item": item.pk,
            "clause": item.clause_id,
            "org_unit": office.civil.pk,
            "description": "Nieaktualna karta usługi.",
        },
    )
    assert response.status_code == 200 and "grade" in response.context["form"].errors
    assert not Finding.objects.exists()


def test_a_question_of_another_audit_fills_in_nothing(world, office, client_for):
    audit, item = _answered(world, office)
    other = world.started(title="Inny audyt")
    page = client_for(office.auditor).get(f"/audits/{other.pk}/findings/new/?question={item.pk}")
    assert page.context["form"]["evidence"].value() in (None, "")


def test_question_templates_are_linked_only_for_those_who_may_open_them(office, client_for):
    link = 'href="/audits/questions/"'
    assert link in client_for(office.quality).get("/audits/").content.decode()
    assert link not in client_for(office.employee).get("/audits/").content.decode()
    assert client_for(office.employee).get("/audits/questions/").status_code == 403
