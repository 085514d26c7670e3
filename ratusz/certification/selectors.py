from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ratusz.certification.cycle import CyclePlan, initial_plan_for, plan_for
from ratusz.certification.models import (
    Certificate,
    EvidencePack,
    ExternalAudit,
    ExternalFinding,
    ReadinessSnapshot,
)
from ratusz.core.models import Job, User


@dataclass
class CertificateCard:
    certificate: Certificate | None
    days_to_expiry: int | None
    next_audit: ExternalAudit | None
    days_to_next_audit: int | None
    cycle: CyclePlan | None = None
    readiness: ReadinessSnapshot | None = None


def certificate_card(today: date | None = None) -> CertificateCard:
    """The certificate in force and the next external audit, for the dashboard."""
    today = today or timezone.localdate()
    certificate = (
        Certificate.objects.select_related("body")
        .filter(status=Certificate.Status.VALID, expiry_date__gte=today)
        .order_by("-expiry_date")
        .first()
    )
    next_audit = (
        ExternalAudit.objects.select_related("body")
        .filter(status=ExternalAudit.Status.PLANNED, end_date__gte=today)
        .order_by("start_date")
        .first()
    )
    return CertificateCard(
        certificate=certificate,
        days_to_expiry=(certificate.expiry_date - today).days if certificate else None,
        next_audit=next_audit,
        days_to_next_audit=max((next_audit.start_date - today).days, 0) if next_audit else None,
        cycle=plan_for(certificate, today) if certificate else initial_plan_for(today),
        readiness=ReadinessSnapshot.objects.order_by("-week_start").first(),
    )


def certificates_for_overview():
    return Certificate.objects.select_related("body").order_by("-issue_date")


def external_audits_for_overview():
    return (
        ExternalAudit.objects.select_related("body", "certificate")
        .annotate(
            finding_count=Count("findings"),
            nc_count=Count(
                "findings", filter=Q(findings__grade__in=ExternalFinding.NONCONFORMITY_GRADES)
            ),
        )
        .order_by("-start_date")
    )


def external_audit_detail(pk: int) -> ExternalAudit | None:
    return ExternalAudit.objects.select_related("body", "certificate").filter(pk=pk).first()


def findings_of(audit: ExternalAudit):
    return audit.findings.select_related("clause", "org_unit", "nonconformity").order_by("number")


def evidence_packs() -> QuerySet[EvidencePack]:
    return EvidencePack.objects.select_related("created_by").prefetch_related("auditors")


def evidence_pack(*, pk: int) -> EvidencePack | None:
    return EvidencePack.objects.filter(pk=pk).first()


def evidence_pack_job(*, user: User) -> Job | None:
    """The person's evidence pack still being built, if any."""
    from ratusz.certification.evidence_pack import JOB_KIND
    from ratusz.core import jobs

    return jobs.running_job(JOB_KIND, owner=user)
