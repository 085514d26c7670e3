"""Pages of the certification area: certificates, the audit cycle, external audits
and the certification body's findings.

Each view: access helper → form → service → render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusz.certification import policies, readiness, selectors, services
from ratusz.certification.cycle import plan_for
from ratusz.certification.forms import (
    CertificateForm,
    EndAccessForm,
    ExternalAccessForm,
    ExternalAuditForm,
    FindingForm,
    SharePackForm,
)
from ratusz.certification.models import Certificate, EvidencePack, ExternalAudit
from ratusz.core import access
from ratusz.core.forms import service_kwargs, submit
from ratusz.core.models import User


def _keeper_only(request: HttpRequest) -> None:
    if not policies.can_keep_record(request.user):
        raise PermissionDenied(_("Only the quality manager keeps the certification record."))


def _evidence_manager_only(request: HttpRequest) -> None:
    if not policies.can_manage_evidence(request.user):
        raise PermissionDenied(_("Only the quality manager keeps the certification record."))


def _get_audit(request: HttpRequest, pk: int) -> ExternalAudit:
    access.require_staff(request)
    audit = selectors.external_audit_detail(pk)
    if audit is None:
        raise Http404(_("No such external audit."))
    return audit


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    card = selectors.certificate_card()
    return render(
        request,
        "certification/overview.html",
        {
            "card": card,
            "certificates": selectors.certificates_for_overview(),
            "audits": selectors.external_audits_for_overview(),
            "can_edit": policies.can_keep_record(request.user),
        },
    )


@login_required
def readiness_page(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    result = readiness.assess()
    readiness.ensure_week(result)
    weeks = readiness.trend()
    return render(
        request,
        "certification/readiness.html",
        {
            "readiness": result,
            # Each clause with the page where its gap is fixed, if this user may open it.
            "rows": [(row, row.fix_url_for(request.user)) for row in result.clauses],
            "weeks": weeks,
            "chart": _trend_chart(weeks),
            "can_fix": policies.can_keep_record(request.user),
        },
    )


def _trend_chart(weeks) -> dict:
    """Bar positions for the weekly score chart (0–100 %), drawn as inline SVG."""
    width, height, gap = 24, 100, 6
    bars = [
        {
            "x": i * (width + gap),
            "y": height - (w.score or 0),
            "height": w.score or 0,
            "width": width,
            "week": w.week_start,
            "score": w.score,
        }
        for i, w in enumerate(weeks)
    ]
    return {"bars": bars, "width": max(len(bars) * (width + gap), width), "height": height}


@login_required
def certificate_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _keeper_only(request)
    certificate = get_object_or_404(Certificate, pk=pk) if pk else None
    initial = {}
    if certificate:
        initial = {
            f: getattr(certificate, f)
            for f in ("body", "standard", "number", "scope", "sites", "decision_date")
        } | {
            "issue_date": certificate.issue_date,
            "expiry_date": certificate.expiry_date,
            "status": certificate.status,
            "version": certificate.version,
        }
    form = CertificateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = service_kwargs(form)
        if certificate is None:
            del data["expected_version"]  # a new certificate has no version yet
            saved = submit(form, lambda: services.create_certificate(actor=request.user, **data))
        else:
            saved = submit(
                form,
                lambda: services.update_certificate(
                    actor=request.user, certificate=certificate, **data
                ),
            )
        if saved is not None:
            messages.success(request, _("Certificate saved."))
            return redirect("certification:overview")
    return render(
        request, "certification/certificate_form.html", {"form": form, "certificate": certificate}
    )


@login_required
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _get_audit(request, pk)
    can_edit = policies.can_keep_record(request.user)
    form = FindingForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied(_("Only the quality manager keeps the certification record."))
        if form.is_valid():
            finding = submit(
                form,
                lambda: services.add_finding(
                    actor=request.user, audit=audit, **service_kwargs(form)
                ),
            )
            if finding is not None:
                if finding.nonconformity_id:
                    messages.success(
                        request,
                        _("Finding recorded; nonconformity %(ref)s opened for %(unit)s.")
                        % {"ref": finding.nonconformity.reference, "unit": finding.org_unit},
                    )
                else:
                    messages.success(request, _("Finding recorded."))
                return redirect("certification:audit", pk=audit.pk)
    cycle = plan_for(audit.certificate, timezone.localdate()) if audit.certificate else None
    return render(
        request,
        "certification/audit_detail.html",
        {
            "audit": audit,
            "findings": selectors.findings_of(audit),
            "form": form,
            "can_edit": can_edit,
            "cycle": cycle,
        },
    )


@login_required
def audit_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _keeper_only(request)
    audit = get_object_or_404(ExternalAudit, pk=pk) if pk else None
    initial = {"status": ExternalAudit.Status.PLANNED}
    if audit:
        initial = {
            f: getattr(audit, f)
            for f in (
                "kind",
                "certificate",
                "body",
                "start_date",
                "end_date",
                "status",
                "lead_auditor",
                "team",
                "audit_days",
                "result",
                "version",
            )
        }
    else:
        card = selectors.certificate_card()
        if card.certificate:
            initial |= {"certificate": card.certificate, "body": card.certificate.body}
    form = ExternalAuditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = service_kwargs(form)
        if audit is None:
            del data["expected_version"]  # a new audit has no version yet
            saved = submit(form, lambda: services.create_external_audit(actor=request.user, **data))
        else:
            saved = submit(
                form,
                lambda: services.update_external_audit(actor=request.user, audit=audit, **data),
            )
        if saved is not None:
            messages.success(request, _("External audit saved."))
            return redirect(saved)
    context = {"form": form, "audit": audit, "conflict": getattr(form, "conflict", None)}
    return render(request, "certification/audit_form.html", context)


# --- the evidence pack -----------------------------------------------------------------


@login_required
def evidence(request: HttpRequest) -> HttpResponse:
    _evidence_manager_only(request)
    packs = selectors.evidence_packs()
    form = ExternalAccessForm(request.POST or None)
    share = SharePackForm()
    created = None
    if request.method == "POST" and "auditor" in request.POST:
        pack = get_object_or_404(EvidencePack, pk=request.POST.get("pack"))
        share = SharePackForm(request.POST)
        form = ExternalAccessForm()
        if share.is_valid():
            shared = submit(
                share,
                lambda: services.share_pack(
                    actor=request.user, pack=pack, user=share.cleaned_data["auditor"]
                ),
            )
            if shared is not None:
                messages.success(
                    request,
                    _("%(name)s can now download the pack.")
                    % {"name": share.cleaned_data["auditor"]},
                )
                return redirect("certification:evidence")
    elif request.method == "POST":
        pack = get_object_or_404(EvidencePack, pk=request.POST.get("pack"))
        if form.is_valid():
            opened = submit(
                form,
                lambda: services.open_external_access(
                    actor=request.user, pack=pack, **service_kwargs(form)
                ),
            )
            if opened is not None:
                user, password = opened
                created = {"user": user, "password": password, "pack": pack}
                form = ExternalAccessForm()
    return render(
        request,
        "certification/evidence.html",
        {
            "packs": packs[:20],
            "form": form,
            "share": share,
            "created": created,
            "building": selectors.evidence_pack_job(user=request.user),
        },
    )


@login_required
@require_POST
def evidence_build(request: HttpRequest) -> HttpResponse:
    _evidence_manager_only(request)
    job = services.request_evidence_pack(actor=request.user)
    return redirect(job)


@login_required
@require_POST
def external_end(request: HttpRequest, pk: int) -> HttpResponse:
    _evidence_manager_only(request)
    user = get_object_or_404(User, pk=pk)
    if not EndAccessForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm this step; it cannot be undone."))
        return redirect("certification:evidence")
    try:
        services.end_external_access(actor=request.user, user=user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": user})
    return redirect("certification:evidence")


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    pack = selectors.evidence_pack(pk=pk)
    if pack is None or not policies.can_download_pack(request.user, pack):
        raise Http404(_("No such evidence pack, or it is not shared with you."))
    response = FileResponse(
        pack.file.open("rb"),
        as_attachment=True,
        filename=f"evidence-pack-{timezone.localtime(pack.created_at):%Y-%m-%d-%H%M}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
