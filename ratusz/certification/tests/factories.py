"""Small builders for certification tests."""

from __future__ import annotations

from datetime import date

from ratusz.certification.models import Certificate, CertificationBody, ExternalAudit


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
