"""Small builders for certification tests."""

from __future__ import annotations

from datetime import date

from ratusz.certification.models import Certificate, CertificationBody, ExternalAudit
from ratusz.documents import services as document_services
from ratusz.documents.models import DocumentType


def body() -> CertificationBody:
    return CertificationBody.objects.create(
        name="Jednostka Certyfikująca", short_name="JC", accreditation_body="PCA"
    )


def certificate(cert_body: CertificationBody, *, issued=date(2023, 12, 15), **overrides):
    fields = {
        "body": cert_body,
        "standard": "PN-EN ISO 9001:2015",
        "number": "JC/2023/1",
        "scope": "Usługi publiczne",
        "decision_date": issued,
        "issue_date": issued,
        "expiry_date": issued.replace(year=issued.year + 3),
        "status": Certificate.Status.VALID,
    }
    fields.update(overrides)
    return Certificate.objects.create(**fields)


def audit(cert: Certificate, **overrides) -> ExternalAudit:
    fields = {
        "certificate": cert,
        "body": cert.body,
        "kind": ExternalAudit.Kind.SURVEILLANCE,
        "start_date": date(2024, 11, 18),
        "end_date": date(2024, 11, 19),
        "status": ExternalAudit.Status.DONE,
        "result": "Utrzymanie certyfikatu.",
    }
    fields.update(overrides)
    return ExternalAudit.objects.create(**fields)


def document_in_force(office, title, confidentiality="internal"):
    """An instruction of the civil affairs unit, reviewed and approved: in force."""
    document = document_services.create_document(
        actor=office.owner,
        doc_type=DocumentType.objects.get(code="instruction"),
        title=title,
        owner_unit=office.civil,
        owner=office.owner,
        body=f"Treść: {title}.",
        confidentiality=confidentiality,
    )
    version = document.versions.get()
    document_services.submit_for_review(
        actor=office.owner, version=version, expected_version=None, reviewers=[office.auditor]
    )
    document_services.record_review(actor=office.auditor, version=version, agreed=True, comment="")
    document_services.submit_for_approval(
        actor=office.owner, version=version, expected_version=None
    )
    document_services.approve(actor=office.quality, version=version, expected_version=None)
    document.refresh_from_db()
    return document
