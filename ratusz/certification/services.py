"""Writes of the certification area: certificates, external audits and their findings.

The quality manager keeps this record. Rules of ISO/IEC 17021-1 that a plan
could break are refused here with the reason; what is merely late is reported
by `cycle.plan_for`.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ratusz.certification import evidence_pack, policies
from ratusz.certification.models import (
    Certificate,
    CertificationBody,
    EvidencePack,
    ExternalAudit,
    ExternalFinding,
)
from ratusz.core import access, jobs
from ratusz.core.errors import Denied
from ratusz.core.jobs import JobResult
from ratusz.core.models import Clause, Job, OrgUnit, Role, User
from ratusz.core.services import grant_role, lock, take_number
from ratusz.improvement.models import Nonconformity, Source
from ratusz.improvement.services import raise_nonconformity


def _only_quality_manager(actor: User) -> None:
    if not policies.can_keep_record(actor):
        raise Denied(_("Only the quality manager keeps the certification record."))


def _check_overlap(certificate: Certificate) -> None:
    if certificate.status != Certificate.Status.VALID:
        return
    clash = (
        Certificate.objects.filter(
            status=Certificate.Status.VALID,
            standard=certificate.standard,
            scope=certificate.scope,
            issue_date__lte=certificate.expiry_date,
            expiry_date__gte=certificate.issue_date,
        )
        .exclude(pk=certificate.pk)
        .first()
    )
    if clash:
        raise ValidationError(
            {
                "expiry_date": _(
                    "Certificate %(number)s for the same standard and scope is valid from "
                    "%(start)s to %(end)s; two valid certificates cannot overlap. Mark the old "
                    "one expired or withdrawn first."
                )
                % {
                    "number": clash.number,
                    "start": date_format(clash.issue_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(clash.expiry_date, "SHORT_DATE_FORMAT"),
                }
            }
        )


@transaction.atomic
def create_certificate(*, actor: User, **fields: Any) -> Certificate:
    """Record a certificate the body issued (the fields of `_fill_certificate`)."""
    return _fill_certificate(actor, Certificate(), **fields)


@transaction.atomic
def update_certificate(
    *, actor: User, certificate: Certificate, expected_version: int | None, **fields: Any
) -> Certificate:
    _only_quality_manager(actor)
    current = lock(Certificate, certificate.pk, expected_version)
    current.version += 1
    return _fill_certificate(actor, current, **fields)


def _fill_certificate(
    actor: User,
    certificate: Certificate,
    *,
    body: CertificationBody,
    standard: str,
    number: str,
    scope: str,
    decision_date: date,
    issue_date: date,
    expiry_date: date,
    status: str,
    sites: str = "",
) -> Certificate:
    _only_quality_manager(actor)
    certificate.body = body
    certificate.standard = standard.strip()
    certificate.number = number.strip()
    certificate.scope = scope.strip()
    certificate.sites = sites.strip()
    certificate.decision_date = decision_date
    certificate.issue_date = issue_date
    certificate.expiry_date = expiry_date
    certificate.status = status
    errors = {}
    if expiry_date <= issue_date:
        errors["expiry_date"] = _("A certificate must expire after it is issued.")
    if decision_date > issue_date:
        errors["decision_date"] = _(
            "The certification decision comes before the certificate is issued."
        )
    if errors:
        raise ValidationError(errors)
    certificate.full_clean()
    _check_overlap(certificate)
    certificate.save()
    return certificate


def _check_audit_plan(audit: ExternalAudit) -> None:
    certificate = audit.certificate
    if audit.kind == ExternalAudit.Kind.STAGE_2:
        stage_1 = (
            ExternalAudit.objects.filter(kind=ExternalAudit.Kind.STAGE_1, certificate=certificate)
            .exclude(status=ExternalAudit.Status.CANCELLED)
            .exclude(pk=audit.pk)
            .order_by("-start_date")
            .first()
        )
        if stage_1 is None:
            raise ValidationError({"kind": _("Stage 2 follows stage 1: record stage 1 first.")})
        if audit.start_date < stage_1.end_date:
            raise ValidationError(
                {
                    "start_date": _("Stage 2 cannot start before stage 1 ends (%(end)s).")
                    % {"end": date_format(stage_1.end_date, "SHORT_DATE_FORMAT")}
                }
            )
    if audit.kind in (ExternalAudit.Kind.STAGE_1, ExternalAudit.Kind.STAGE_2):
        return
    if certificate is None:
        raise ValidationError(
            {"certificate": _("Surveillance and recertification audits belong to a certificate.")}
        )
    if audit.status == ExternalAudit.Status.PLANNED and audit.end_date > certificate.expiry_date:
        if audit.kind == ExternalAudit.Kind.RECERTIFICATION:
            message = _(
                "The recertification audit must finish before the certificate expires on "
                "%(expiry)s. After expiry the office needs a new initial certification "
                "(stage 1 and stage 2)."
            )
        else:
            message = _(
                "A surveillance audit cannot be planned after the certificate expires on "
                "%(expiry)s."
            )
        raise ValidationError(
            {
                "end_date": message
                % {"expiry": date_format(certificate.expiry_date, "SHORT_DATE_FORMAT")}
            }
        )


@transaction.atomic
def create_external_audit(*, actor: User, **fields: Any) -> ExternalAudit:
    """Plan or record an audit of the certification body (the fields of
    `_fill_external_audit`)."""
    return _fill_external_audit(actor, ExternalAudit(), **fields)


@transaction.atomic
def update_external_audit(
    *, actor: User, audit: ExternalAudit, expected_version: int | None, **fields: Any
) -> ExternalAudit:
    _only_quality_manager(actor)
    current = lock(ExternalAudit, audit.pk, expected_version)
    current.version += 1
    return _fill_external_audit(actor, current, **fields)


def _fill_external_audit(
    actor: User,
    audit: ExternalAudit,
    *,
    kind: str,
    body: CertificationBody,
    start_date: date,
    end_date: date,
    status: str = ExternalAudit.Status.PLANNED,
    certificate: Certificate | None = None,
    lead_auditor: str = "",
    team: str = "",
    audit_days: Decimal | None = None,
    result: str = "",
) -> ExternalAudit:
    _only_quality_manager(actor)
    audit.kind = kind
    audit.body = body
    audit.certificate = certificate
    audit.start_date = start_date
    audit.end_date = end_date
    audit.status = status
    audit.lead_auditor = lead_auditor.strip()
    audit.team = team.strip()
    audit.audit_days = audit_days
    audit.result = result.strip()
    if end_date < start_date:
        raise ValidationError({"end_date": _("An audit cannot end before it starts.")})
    if status == ExternalAudit.Status.DONE and not audit.result:
        raise ValidationError({"result": _("Record the result of an audit that took place.")})
    audit.full_clean()
    _check_audit_plan(audit)
    audit.save()
    return audit


@transaction.atomic
def add_finding(
    *,
    actor: User,
    audit: ExternalAudit,
    grade: str,
    description: str,
    clause: Clause | None = None,
    org_unit: OrgUnit | None = None,
    response_due: date | None = None,
) -> ExternalFinding:
    """Record a finding of the certification body; a nonconformity also opens an
    improvement record with the body's response deadline as its target date."""
    _only_quality_manager(actor)
    errors = {}
    if clause is None:
        errors["clause"] = _("Name the ISO clause the certification body referred to.")
    if not description.strip():
        errors["description"] = _("Write down the finding as the certification body worded it.")
    is_nc = grade in ExternalFinding.NONCONFORMITY_GRADES
    if is_nc and org_unit is None:
        errors["org_unit"] = _("Name the unit that will deal with this nonconformity.")
    if is_nc and response_due is None:
        errors["response_due"] = _("Give the response deadline set by the certification body.")
    if response_due and response_due < audit.start_date:
        errors["response_due"] = _("The response deadline cannot come before the audit.")
    if errors:
        raise ValidationError(errors)
    finding = ExternalFinding(
        audit=audit,
        number=take_number(f"external-finding:{audit.pk}"),
        grade=grade,
        clause=clause,
        org_unit=org_unit,
        description=description.strip(),
        response_due=response_due,
        recorded_by=actor,
    )
    finding.full_clean()
    finding.save()
    if is_nc:
        # The checks above refused a nonconformity without a clause or a unit.
        assert clause is not None and org_unit is not None
        finding.nonconformity = raise_nonconformity(
            actor=actor,
            title=_("%(audit)s: %(grade)s against %(clause)s")
            % {
                "audit": audit.get_kind_display(),
                "grade": finding.get_grade_display(),
                "clause": clause.number,
            },
            description=finding.description,
            source=Source.EXTERNAL_AUDIT,
            source_reference=str(finding),
            grade=Nonconformity.Grade.MAJOR
            if grade == finding.Grade.MAJOR
            else Nonconformity.Grade.MINOR,
            org_unit=org_unit,
            clause=clause,
            detected_on=audit.end_date,
            target_date=response_due,
        )
        finding.save(update_fields=["nonconformity"])
    return finding


# --- the evidence pack and the external auditor's access -------------------------------

MAX_EXTERNAL_ACCESS_DAYS = 90


EVIDENCE_PACK_JOB = evidence_pack.JOB_KIND


def build_evidence_pack(
    *, actor: User, progress: Callable[[int, int, str], None] | None = None
) -> EvidencePack:
    """Build the pack now (seconds for a small office, minutes for a large register).

    Pages ask for it through `request_evidence_pack`, which runs this in the
    background; the files are rendered outside any transaction, so nobody's save
    waits for them.
    """
    _only_quality_manager(actor)
    data, contents = evidence_pack.build(progress=progress)
    pack = EvidencePack(
        created_by=actor,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        contents=contents,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    pack.file.save(f"evidence-pack-{stamp}.zip", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            pack.save()
    except Exception:
        pack.file.delete(save=False)
        raise
    return pack


def request_evidence_pack(*, actor: User) -> Job:
    """Queue a new evidence pack for `ratusz worker`; the job page shows its progress.

    While one is waiting or running for this person, that job is returned instead of
    a second one.
    """
    _only_quality_manager(actor)
    return jobs.running_job(EVIDENCE_PACK_JOB, owner=actor) or jobs.start(
        EVIDENCE_PACK_JOB, owner=actor, back_url=reverse("certification:evidence")
    )


def run_evidence_pack_job(job: Job, progress: Callable[[int, int, str], None]) -> JobResult:
    pack = build_evidence_pack(actor=job.owner, progress=progress)
    files = sum(1 for entry in pack.contents if entry["path"]) + 1
    return JobResult(
        url=reverse("certification:evidence_download", args=[pack.pk]),
        label=ngettext(
            "Download the evidence pack (%(n)d file)",
            "Download the evidence pack (%(n)d files)",
            files,
        )
        % {"n": files},
    )


@transaction.atomic
def open_external_access(
    *,
    actor: User,
    pack: EvidencePack,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    expires_on: date | None,
) -> tuple[User, str]:
    """A read-only account for the certification body's auditor, ending on `expires_on`,
    that sees this evidence pack and nothing else. Returns the account and its password,
    shown once."""
    _only_quality_manager(actor)
    today = timezone.localdate()
    errors = {}
    if expires_on is None:
        errors["expires_on"] = _("An external auditor's account needs an expiry date.")
    elif expires_on < today:
        errors["expires_on"] = _("The expiry date has already passed.")
    elif expires_on > today + timedelta(days=MAX_EXTERNAL_ACCESS_DAYS):
        errors["expires_on"] = _(
            "External access lasts at most %(n)d days; give a date until %(last)s."
        ) % {
            "n": MAX_EXTERNAL_ACCESS_DAYS,
            "last": date_format(
                today + timedelta(days=MAX_EXTERNAL_ACCESS_DAYS), "SHORT_DATE_FORMAT"
            ),
        }
    if User.objects.filter(username__iexact=username.strip()).exists():
        errors["username"] = _("This user name is taken.")
    if errors:
        raise ValidationError(errors)
    assert expires_on is not None  # a missing date was refused above
    password = secrets.token_urlsafe(12)
    ends = timezone.make_aware(datetime.combine(expires_on, time(23, 59, 59)))
    user = User(
        username=username.strip(),
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        access_expires_at=ends,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    grant_role(user=user, role=Role.EXTERNAL_AUDITOR)
    pack.auditors.add(user)
    return user, password


@transaction.atomic
def end_external_access(*, actor: User, user: User) -> User:
    """Close an external auditor's account now (it also ends by itself on expiry)."""
    _only_quality_manager(actor)
    if not access.is_external(user):
        raise ValidationError(_("Only external auditors' accounts are closed here."))
    user.is_active = False
    user.access_expires_at = min(user.access_expires_at or timezone.now(), timezone.now())
    user.save(update_fields=["is_active", "access_expires_at"])
    return user


@transaction.atomic
def share_pack(*, actor: User, pack: EvidencePack, user: User) -> EvidencePack:
    """Let an existing external auditor's account download this pack too."""
    _only_quality_manager(actor)
    if not access.is_external(user) or not access.is_active_account(user):
        raise ValidationError(
            {"auditor": _("Packs are shared only with external auditors whose access is open.")}
        )
    pack.auditors.add(user)
    return pack
