"""An audit from plan to report: checklist, findings, closing and acknowledgement."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.audits import services
from ratusz.audits.models import ChecklistItem, Finding
from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Notification
from ratusz.core.tests.factories import appoint_head, clause
from ratusz.improvement.models import Idea, Nonconformity


def test_starting_builds_the_checklist_from_clause_and_process_templates(world):
    audit = world.started()
    questions = list(audit.checklist.values_list("question", flat=True))
    assert len(questions) == 3 and "Czy dowody wydawane są w terminie?" in questions


def test_an_auditor_adds_their_own_question(world, office):
    audit = world.started()
    item = services.add_question(actor=office.auditor, audit=audit, question="Czy są kolejki?")
    assert item.position == 4


def test_a_closed_audit_cannot_be_edited(world, office, client_for):
    audit = world.closed()
    with pytest.raises(ValidationError, match="closed and its report was issued"):
        services.update_audit(
            actor=office.quality,
            audit=audit,
            expected_version=None,
            title="Nowy",
            objectives="x",
            scope="x",
            criteria="x",
            org_units=[office.civil],
            clauses=[clause("8.5.1")],
            planned_start=audit.planned_start,
            planned_end=audit.planned_end,
            lead_auditor=office.auditor,
        )
    with pytest.raises(ValidationError, match="checklist can no longer be changed"):
        services.answer_question(
            actor=office.auditor,
            item=audit.checklist.first(),
            expected_version=None,
            answer="not_applicable",
        )
    with pytest.raises(ValidationError, match="findings can no longer be changed"):
        services.record_finding(
            actor=office.auditor,
            audit=audit,
            grade="observation",
            clause=clause("8.5.1"),
            org_unit=office.civil,
            description="x",
        )
    response = client_for(office.quality).get(f"/audits/{audit.pk}/edit/", follow=True)
    assert "closed and its report was issued" in response.content.decode()


def test_two_auditors_saving_one_answer_get_a_conflict_and_keep_their_text(
    world, office, client_for
):
    audit = world.started()
    item = audit.checklist.first()
    services.answer_question(
        actor=office.auditor, item=item, expected_version=item.version, answer="conforms"
    )
    with pytest.raises(Conflict):
        services.answer_question(
            actor=office.auditor,
            item=item,
            expected_version=item.version,
            answer="nonconforms",
            evidence="Brak podpisu",
        )
    response = client_for(office.auditor).post(
        f"/audits/{audit.pk}/checklist/{item.pk}/",
        {"answer": "observation", "evidence": "Mój tekst obserwacji", "version": item.version},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Mój tekst obserwacji" in page and "saved this answer meanwhile" in page
    assert ChecklistItem.objects.get(pk=item.pk).answer == "conforms"


def test_a_finding_without_a_clause_is_refused_naming_the_field(world, office):
    audit = world.started()
    with pytest.raises(ValidationError) as refused:
        services.record_finding(
            actor=office.auditor,
            audit=audit,
            grade="minor",
            clause=None,
            org_unit=office.civil,
            description="Brak",
        )
    assert "clause" in refused.value.message_dict
    assert not Finding.objects.exists() and not Nonconformity.objects.exists()


def test_a_finding_in_a_unit_not_audited_is_refused(world, office):
    audit = world.started()
    with pytest.raises(ValidationError) as refused:
        services.record_finding(
            actor=office.auditor,
            audit=audit,
            grade="observation",
            clause=clause("8.5.1"),
            org_unit=office.transport,
            description="x",
        )
    assert "org_unit" in refused.value.message_dict


def test_a_nonconformity_finding_raises_a_linked_nonconformity(world, office):
    appoint_head(office.civil, office.owner)
    audit = world.started()
    finding = services.record_finding(
        actor=office.auditor,
        audit=audit,
        grade="major",
        clause=clause("8.5.1"),
        org_unit=office.civil,
        description="Wydano dowód bez weryfikacji tożsamości.",
        evidence="Sprawa SO.5340.12.2025",
    )
    nc = finding.nonconformity
    assert nc.source == "internal_audit" and nc.source_reference == finding.reference
    assert nc.grade == "major" and nc.clause.number == "8.5.1"
    assert nc.process == world.civil_process and nc.org_unit == office.civil
    assert nc.owner == office.owner and nc.status == "open"


def test_nothing_is_half_saved_when_raising_the_nonconformity_fails(world, office, monkeypatch):
    audit = world.started()

    def broken(**kwargs):
        raise ValidationError({"clause": "refused by improvement"})

    monkeypatch.setattr(services.improvement, "raise_nonconformity", broken)
    with pytest.raises(ValidationError):
        services.record_finding(
            actor=office.auditor,
            audit=audit,
            grade="minor",
            clause=clause("8.5.1"),
            org_unit=office.civil,
            description="x",
        )
    assert not Finding.objects.exists()


def test_an_opportunity_becomes_an_improvement_idea_once(world, office, client_for):
    audit = world.started()
    finding = services.record_finding(
        actor=office.auditor,
        audit=audit,
        grade="opportunity",
        clause=clause("8.5.1"),
        org_unit=office.civil,
        description="Rezerwacja wizyt przez internet",
    )
    assert finding.nonconformity is None
    response = client_for(office.auditor).post(f"/audits/{audit.pk}/findings/{finding.pk}/idea/")
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.idea.source == Idea.Source.AUDIT
    assert finding.idea.source_reference == finding.reference
    with pytest.raises(ValidationError, match="already idea"):
        services.opportunity_to_idea(actor=office.auditor, finding=finding)


def test_closing_needs_the_meeting_conclusions_and_every_answer(world, office):
    audit = world.started()
    with pytest.raises(ValidationError) as refused:
        services.close_audit(
            actor=office.auditor,
            audit=audit,
            expected_version=None,
            closing_meeting=None,
            summary="",
        )
    assert set(refused.value.message_dict) == {"closing_meeting", "summary", "checklist"}
    world.answer_all(audit)
    with pytest.raises(Denied):
        services.close_audit(
            actor=office.quality,
            audit=audit,
            expected_version=None,
            closing_meeting=timezone.now(),
            summary="x",
        )


def test_closing_notifies_the_heads_who_then_acknowledge_once(world, office, client_for):
    appoint_head(office.civil, office.owner)
    audit = world.closed()
    assert Notification.objects.filter(recipient=office.owner, kind="audit_report_issued").exists()
    with pytest.raises(Denied):
        services.acknowledge_report(actor=office.employee, audit=audit, org_unit=office.civil)
    page = client_for(office.owner).get(f"/audits/{audit.pk}/").content.decode()
    assert "Not yet acknowledged" in page
    response = client_for(office.owner).post(
        f"/audits/{audit.pk}/acknowledge/", {"org_unit": office.civil.pk, "comment": "Przyjęto"}
    )
    assert response.status_code == 302
    with pytest.raises(ValidationError, match="acknowledged this report already"):
        services.acknowledge_report(actor=office.owner, audit=audit, org_unit=office.civil)
    page = client_for(office.quality).get(f"/audits/{audit.pk}/").content.decode()
    assert "Przyjęto" in page and "Not yet acknowledged" not in page


def test_the_lead_is_reminded_once_a_week_before_the_start(world, office):
    from datetime import timedelta

    from ratusz.audits import daily

    today = timezone.localdate()
    world.plan(planned_start=today + timedelta(days=6), planned_end=today + timedelta(days=7))
    assert daily.run(today)["audit start reminders"] == 1
    assert daily.run(today)["audit start reminders"] == 0
