"""The audit report PDF holds the plan, the checklist summary, every finding and signatures."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ratusz.audits import services
from ratusz.core.tests.factories import appoint_head, clause


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_report_pdf_lists_every_finding_and_its_nonconformity(world, office, client_for):
    audit = world.started()
    grades = ["major", "minor", "observation", "opportunity"]
    findings = [
        services.record_finding(
            actor=office.auditor,
            audit=audit,
            grade=grade,
            clause=clause("8.5.1"),
            org_unit=office.civil,
            description=f"Ustalenie {grade}",
        )
        for grade in grades
    ]
    world.answer_all(audit)
    audit = services.close_audit(
        actor=office.auditor,
        audit=audit,
        expected_version=None,
        closing_meeting=audit.created_at,
        summary="Wnioski z auditu",
    )
    response = client_for(office.employee).get(f"/audits/{audit.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content)
    compact = "".join(text.split())  # narrow table cells wrap references
    for finding in findings:
        assert finding.reference in compact
        assert f"Ustalenie{finding.grade}" in compact
        if finding.nonconformity_id:
            assert finding.nonconformity.reference in compact
    assert "Wnioski z auditu" in text and "Signatures" in text and "Auditor Test" in text


def test_the_signatures_name_only_people_who_took_part(world, office, client_for):
    appoint_head(office.civil, office.owner)
    audit = world.started()
    world.answer_all(audit)
    audit = services.close_audit(
        actor=office.auditor,
        audit=audit,
        expected_version=None,
        closing_meeting=audit.created_at,
        summary="Wnioski z auditu",
    )
    head = office.owner.get_full_name()

    text = "".join(
        _text(client_for(office.quality).get(f"/audits/{audit.pk}/report.pdf").content).split()
    )

    # The head of the audited unit has not acknowledged the report: no name in their row.
    assert "".join(head.split()) not in text.split("Signatures", 1)[1]
    assert "notyetacknowledged" in text
