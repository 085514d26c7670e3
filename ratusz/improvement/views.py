"""Pages of nonconformities (8.7, 10.2) and improvement ideas (10.3).

Each view: access helper → form → service → redirect or render.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.core import access
from ratusz.core import selectors as core_selectors
from ratusz.core import services as core_services
from ratusz.core.forms import VersionedForm, run_step, submit
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.core.selectors import attachments_of, history_of
from ratusz.improvement import export, policies, selectors, services
from ratusz.improvement.filters import IdeaFilter, NcFilter
from ratusz.improvement.forms import (
    ActionForm,
    AttachmentForm,
    CloseForm,
    CorrectionForm,
    DecideForm,
    EvaluateForm,
    ImplementedForm,
    NonconformityForm,
    PlanVerificationForm,
    RejectForm,
    ReportForm,
    RootCauseForm,
    StatsFilterForm,
    TriageForm,
    VerificationForm,
)
from ratusz.improvement.models import CauseCategory, Idea, Nonconformity, Source

NC = Nonconformity.Status


def _get_nc_for_user(request: HttpRequest, pk: int) -> Nonconformity:
    nc = selectors.nc_detail(user=request.user, pk=pk)
    if nc is None:
        raise Http404(_("No such nonconformity, or it is not visible to you."))
    return nc


def _get_idea_for_user(request: HttpRequest, pk: int) -> Idea:
    idea = selectors.idea_detail(user=request.user, pk=pk)
    if idea is None:
        raise Http404(_("No such idea, or it is not visible to you."))
    return idea


def _safe_next(request: HttpRequest, target: str) -> str | None:
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


# --- reporting ---------------------------------------------------------------------------


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """Any member of staff reports a problem or an idea in a few clicks, then goes back."""
    access.require_staff(request)
    back = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "org_unit": request.user.org_unit_id,
            "detected_on": timezone.localdate(),
            "next": back or "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["kind"] == "idea":
            record = submit(
                form,
                lambda: services.submit_idea(
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    org_unit=data["org_unit"],
                    expected_benefit=data["correction"],
                    evidence=data["evidence"],
                ),
            )
            thanks = _("Thank you: your idea %(ref)s has been submitted.")
        else:
            record = submit(
                form,
                lambda: services.report_problem(
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    org_unit=data["org_unit"],
                    detected_on=data["detected_on"],
                    correction=data["correction"],
                    evidence=data["evidence"],
                ),
            )
            thanks = _("Thank you: your report %(ref)s has been sent to the quality manager.")
        if record is not None:
            messages.success(request, thanks % {"ref": record.reference})
            return redirect(back or record.get_absolute_url())
    return render(request, "improvement/report.html", {"form": form, "back": back})


@login_required
def nc_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_record_nc(request.user):
        raise PermissionDenied(
            _(
                "Only the quality manager, internal auditors and heads of units record "
                "nonconformities directly; everyone can report one."
            )
        )
    initial = {
        "org_unit": request.user.org_unit_id,
        "detected_on": timezone.localdate(),
        "source": Source.PROCESS_MONITORING,
    }
    form = NonconformityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        nc = submit(
            form, lambda: services.raise_nonconformity(actor=request.user, **form.cleaned_data)
        )
        if nc is not None:
            messages.success(request, _("Nonconformity %(ref)s recorded.") % {"ref": nc.reference})
            return redirect("improvement:nc_detail", pk=nc.pk)
    return render(request, "improvement/nc_form.html", {"form": form})


# --- the register ---------------------------------------------------------------------------


@login_required
def nc_export(request: HttpRequest) -> HttpResponse:
    """The register with the page's filters, as a spreadsheet."""
    access.require_staff(request)
    filters = NcFilter(request.GET, queryset=selectors.nc_list(user=request.user), request=request)
    rows = filters.qs.iterator(chunk_size=2000)
    return xlsx_response(export.register(rows), export_name("nonconformities"))


@login_required
def nc_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = NcFilter(request.GET, queryset=selectors.nc_list(user=request.user), request=request)
    return render_list(
        request,
        filters,
        "improvement/nc_list.html",
        target="nc-results",
        per_page=30,
        today=timezone.localdate(),
        can_create=policies.can_record_nc(request.user),
        can_triage=policies.can_triage(request.user),
    )


def _nc_context(request: HttpRequest, nc: Nonconformity, **forms) -> dict:
    user = request.user
    actions = list(selectors.actions_of(nc))
    lock = {"version": nc.version}
    panel, next_text = policies.next_step(user, nc, actions)
    context = {
        "nc": nc,
        "actions": actions,
        "today": timezone.localdate(),
        "finding": selectors.audit_finding_of(nc),
        "history": history_of(nc),
        "attachments": attachments_of(nc),
        "action_files": selectors.action_evidence(user=user, actions=actions),
        "cause_labels": dict(CauseCategory.choices),
        "next_panel": panel,
        "next_text": next_text,
        **policies.nc_steps(user, nc),
        "triage_form": TriageForm(
            initial={
                **lock,
                "grade": nc.grade,
                "owner": nc.owner_id or (nc.org_unit.head_id),
                "clause": nc.clause_id,
                "process": nc.process_id,
            }
        ),
        "reject_form": RejectForm(initial=lock),
        "correction_form": CorrectionForm(
            initial={
                **lock,
                "correction": nc.correction,
                "correction_done_on": nc.correction_done_on,
            }
        ),
        "root_cause_form": RootCauseForm(
            initial={
                **lock,
                **{f"why{i + 1}": why for i, why in enumerate(nc.whys[:5])},
                "root_cause": nc.root_cause,
                "categories": nc.cause_categories,
            }
        ),
        "add_action_form": ActionForm(initial={"owner": nc.owner_id}),
        "plan_verification_form": PlanVerificationForm(
            initial={
                **lock,
                "verification_due": nc.verification_due,
                "verification_method": nc.verification_method,
            }
        ),
        "request_verification_form": VersionedForm(initial=lock),
        "record_verification_form": VerificationForm(initial=lock),
        "close_form": CloseForm(initial=lock),
        "attach_form": AttachmentForm(),
    }
    context.update(forms)
    # A large office has a thousand people: offer the unit's staff, the people
    # already involved and the user (any staff member's id is still accepted).
    people = core_selectors.staff_choices().filter(
        Q(org_unit__path__startswith=nc.org_unit.path)
        | Q(pk__in=[p for p in (nc.owner_id, nc.org_unit.head_id, user.pk) if p])
    )
    for key in ("add_action_form", "triage_form"):
        if key not in forms:
            context[key].fields["owner"].queryset = people
    return context


@login_required
def nc_detail(request: HttpRequest, pk: int) -> HttpResponse:
    nc = _get_nc_for_user(request, pk)
    return render(request, "improvement/nc_detail.html", _nc_context(request, nc))


NC_STEPS = {
    # step: (form, service, what is said when done)
    "triage": (
        TriageForm,
        partial(services.triage, accept=True),
        gettext_lazy("Accepted as a nonconformity and assigned."),
    ),
    "reject": (
        RejectForm,
        partial(services.triage, accept=False),
        gettext_lazy("Recorded as not a nonconformity; the reporter is told why."),
    ),
    "correction": (
        CorrectionForm,
        services.record_correction,
        gettext_lazy("The correction is recorded."),
    ),
    "root-cause": (
        RootCauseForm,
        services.record_root_cause,
        gettext_lazy("The root-cause analysis is recorded."),
    ),
    "add-action": (
        ActionForm,
        services.add_corrective_action,
        gettext_lazy("Corrective action %(ref)s added to the action tracker."),
    ),
    "plan-verification": (
        PlanVerificationForm,
        services.plan_verification,
        gettext_lazy("The effectiveness check is planned."),
    ),
    "request-verification": (
        VersionedForm,
        services.request_verification,
        gettext_lazy("Sent for the effectiveness check."),
    ),
    "record-verification": (
        VerificationForm,
        services.record_verification,
        gettext_lazy("The effectiveness check is recorded."),
    ),
    "close": (CloseForm, services.close, gettext_lazy("The nonconformity is closed.")),
}


@login_required
@require_POST
def nc_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    nc = _get_nc_for_user(request, pk)
    if step == "attach":
        return _attach(request, nc)
    form, result = run_step(request, NC_STEPS, step, nc=nc)
    if result is not None:
        return redirect(nc)
    nc = _get_nc_for_user(request, pk)
    key = step.replace("-", "_") + "_form"
    context = _nc_context(request, nc, **{key: form})
    context["next_panel"] = step
    return render(request, "improvement/nc_detail.html", context, status=400)


def _attach(request: HttpRequest, nc: Nonconformity) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    attached = form.is_valid() and submit(
        form,
        lambda: core_services.attach_file(
            actor=request.user,
            target=nc,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        ),
    )
    if attached:
        messages.success(request, _("File attached."))
        return redirect("improvement:nc_detail", pk=nc.pk)
    context = _nc_context(request, nc, attach_form=form)
    return render(request, "improvement/nc_detail.html", context, status=400)


# --- ideas ---------------------------------------------------------------------------


@login_required
def idea_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = IdeaFilter(
        request.GET, queryset=selectors.idea_list(user=request.user), request=request
    )
    return render_list(
        request, filters, "improvement/idea_list.html", target="idea-results", per_page=30
    )


def _idea_context(request: HttpRequest, idea: Idea, **forms) -> dict:
    user = request.user
    lock = {"version": idea.version}
    context = {
        "idea": idea,
        "actions": list(selectors.actions_of(idea)),
        "today": timezone.localdate(),
        "finding": selectors.audit_finding_of(idea),
        "history": history_of(idea),
        "attachments": attachments_of(idea),
        **policies.idea_steps(user, idea),
        "evaluate_form": EvaluateForm(initial={**lock, "evaluation": idea.evaluation}),
        "decide_form": DecideForm(initial=lock),
        "add_action_form": ActionForm(),
        "implemented_form": ImplementedForm(initial=lock),
        "open_panel": "",
    }
    context.update(forms)
    return context


@login_required
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    idea = _get_idea_for_user(request, pk)
    return render(request, "improvement/idea_detail.html", _idea_context(request, idea))


IDEA_STEPS = {
    "evaluate": (
        EvaluateForm,
        services.evaluate_idea,
        gettext_lazy("The evaluation is recorded."),
    ),
    "decide": (DecideForm, services.decide_idea, gettext_lazy("The decision is recorded.")),
    "add-action": (
        ActionForm,
        services.add_idea_action,
        gettext_lazy("Implementation action added to the tracker."),
    ),
    "implemented": (
        ImplementedForm,
        services.mark_implemented,
        gettext_lazy("The idea is recorded as implemented."),
    ),
}


@login_required
@require_POST
def idea_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    idea = _get_idea_for_user(request, pk)
    form, saved = run_step(request, IDEA_STEPS, step, idea=idea)
    if saved is not None:
        return redirect("improvement:idea_detail", pk=idea.pk)
    idea = _get_idea_for_user(request, pk)
    context = _idea_context(request, idea, **{step.replace("-", "_") + "_form": form})
    context["open_panel"] = step
    return render(request, "improvement/idea_detail.html", context, status=400)


# --- statistics ---------------------------------------------------------------------------


def _stats_filters(request: HttpRequest) -> tuple[StatsFilterForm, selectors.StatsFilters]:
    date_from, date_to = selectors.default_period()
    form = StatsFilterForm(
        request.GET or None, initial={"date_from": date_from, "date_to": date_to}
    )
    data = {}
    if form.is_bound:
        form.is_valid()  # a value it cannot use is marked on the page; the others still apply
        data = form.cleaned_data
    filters = selectors.StatsFilters(
        date_from=data.get("date_from") or date_from,
        date_to=data.get("date_to") or date_to,
        unit=data.get("unit"),
    )
    if filters.date_from > filters.date_to:
        filters.date_from, filters.date_to = filters.date_to, filters.date_from
    return form, filters


def _stats_access(request: HttpRequest) -> None:
    access.require_staff(request)
    if not policies.can_view_statistics(request.user):
        raise PermissionDenied(
            _(
                "The statistics are for the quality manager, management, auditors and heads of units."
            )
        )


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    _stats_access(request)
    form, filters = _stats_filters(request)
    stats = selectors.statistics(user=request.user, filters=filters)
    return render(
        request,
        "improvement/statistics.html",
        {
            "form": form,
            "stats": stats,
            "charts": export.charts(stats),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def statistics_export(request: HttpRequest) -> HttpResponse:
    _stats_access(request)
    _form, filters = _stats_filters(request)
    stats = selectors.statistics(user=request.user, filters=filters)
    name = f"nonconformities-{filters.date_from.isoformat()}-{filters.date_to.isoformat()}"
    return xlsx_response(export.workbook(stats), name)
