"""Small builders for certification tests, through the services (by the quality manager)."""

from __future__ import annotations

from datetime import date

from ratusz.certification import services
from ratusz.certification.models import Certificate, CertificationBody, ExternalAudit
from ratusz.core.models import User
from ratusz.core.selectors import quality_managers

CERTIFICATE_FIELDS = (
    "body",
    "standard",
    "number",
    "scope",
    "sites",
    "decision_date",
    "issue_date",
    "expiry_date",
    "status",
)
EXTERNAL_AUDIT_FIELDS = (
    "kind",
    "body",
    "certificate",
    "start_date",
    "end_date",
    "status",
    "lead_auditor",
    "team",
    "audit_days",
    "result",
)


def _quality_manager() -> User:
    """The one of the `office` fixture: these builders keep the callers' short signatures."""
    return quality_managers().first()


def body(**overrides) -> CertificationBody:
    # ORM: no service registers a certification body (reference data kept in the admin).
    fields = {"name": "Jednostka Certyfikująca", "short_name": "JC", "accreditation_body": "PCA"}
    fields.update(overrides)
    return CertificationBody.objects.create(**fields)


def certificate(
    cert_body: CertificationBody,
    *,
    issued=date(2023, 12, 15),
    actor: User | None = None,
    **overrides,
) -> Certificate:
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
    return services.create_certificate(actor=actor or _quality_manager(), **fields)


def change_certificate(cert: Certificate, **changes) -> Certificate:
    """Save the certificate again with `changes`, as its form would (every field sent)."""
    fields = {name: getattr(cert, name) for name in CERTIFICATE_FIELDS}
    fields.update(changes)
    return services.update_certificate(
        actor=_quality_manager(), certificate=cert, expected_version=cert.version, **fields
    )


def audit(cert: Certificate | None, *, actor: User | None = None, **overrides) -> ExternalAudit:
    """A surveillance audit of the certificate, done (stage audits: `cert=None, body=…`)."""
    fields = {
        "certificate": cert,
        "body": cert.body if cert else None,
        "kind": ExternalAudit.Kind.SURVEILLANCE,
        "start_date": date(2024, 11, 18),
        "end_date": date(2024, 11, 19),
        "status": ExternalAudit.Status.DONE,
        "result": "Utrzymanie certyfikatu.",
    }
    fields.update(overrides)
    return services.create_external_audit(actor=actor or _quality_manager(), **fields)


def change_audit(audit: ExternalAudit, **changes) -> ExternalAudit:
    """Save the external audit again with `changes`, as its form would (every field sent)."""
    fields = {name: getattr(audit, name) for name in EXTERNAL_AUDIT_FIELDS}
    fields.update(changes)
    return services.update_external_audit(
        actor=_quality_manager(), audit=audit, expected_version=audit.version, **fields
    )
