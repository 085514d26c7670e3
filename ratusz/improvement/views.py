"""Pages of nonconformities (8.7, 10.2) and improvement ideas (10.3).

Each view: access helper → form → service → redirect or render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
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
from ratusz.core.errors import Conflict, Denied
from ratusz.core.forms import apply_service_errors
from ratusz.core.listing import list_template, paginate
from ratusz.core.selectors import attachments_of, history_of
from ratusz.improvement import export, policies, selectors, services
from ratusz.improvement.forms import (
    ActionForm,
    AttachmentForm,
    CloseForm,
    CorrectionForm,
    DecideForm,
    EvaluateForm,
    IdeaFilterForm,
    ImplementedForm,
    NcFilterForm,
    NonconformityForm,
    PlainForm,
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
        initial={"org_unit": request.user.org_unit_id, "next": back or ""},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["kind"] == "idea":
                record = services.submit_idea(
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    org_unit=data["org_unit"],
                    expected_benefit=data["correction"],
                )
                messages.success(
                    request,
                    _("Thank you: your idea %(ref)s has been submitted.")
                    % {"ref": record.reference},
                )
                url = services.idea_url(record)
            else:
                record = services.raise_nonconformity(
                    actor=request.user,
                    title=data["title"],
                    description=data["description"],
                    source=Source.STAFF_REPORT,
                    org_unit=data["org_unit"],
                    correction=data["correction"],
                )
                messages.success(
                    request,
                    _("Thank you: your report %(ref)s has been sent to the quality manager.")
                    % {"ref": record.reference},
                )
                url = services.nc_url(record)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect(back or url)
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
        try:
            nc = services.raise_nonconformity(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Nonconformity %(ref)s recorded.") % {"ref": nc.reference})
            return redirect("improvement:nc_detail", pk=nc.pk)
    return render(request, "improvement/nc_form.html", {"form": form})


# --- the register ---------------------------------------------------------------------------


@login_required
def nc_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    form = NcFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.NcFilters(
        status=data.get("status") or "",
        unit=data.get("unit"),
        process=data.get("process"),
        clause=data.get("clause"),
        source=data.get("source") or "",
        grade=data.get("grade") or "",
        overdue=bool(data.get("overdue")),
        recurring=bool(data.get("recurring")),
        q=(data.get("q") or "").strip(),
        sort=data.get("sort") or "number",
    )
    page, query = paginate(request, selectors.nc_list(user=request.user, filters=filters), 30)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "today": timezone.localdate(),
        "can_create": policies.can_record_nc(request.user),
        "can_triage": policies.can_triage(request.user),
    }
    return render(
        request, list_template(request, "improvement/nc_list.html", "nc-results"), context
    )


def _next_step(user, nc: Nonconformity, actions: list) -> tuple[str, str]:
    """(panel to open, sentence) saying what this user can do next."""
    if nc.status == NC.REPORTED:
        if policies.can_triage(user):
            return "triage", _("Triage this report: accept it as a nonconformity or reject it.")
        return "", _("The quality manager will triage this report.")
    if nc.status == NC.OPEN:
        if not policies.can_change_nc(user, nc):
            return "", _("The person responsible is working on this nonconformity.")
        live = [a for a in actions if a.status != "cancelled"]
        if nc.verification_result == Nonconformity.Effectiveness.NOT_EFFECTIVE:
            hint = _("The last effectiveness check failed: add further corrective actions. ")
        else:
            hint = ""
        if not nc.correction:
            return "correction", hint + _("Record the immediate correction and containment.")
        if not nc.root_cause:
            return "root-cause", hint + _("Analyse the root cause (five whys).")
        if not live or (hint and all(not a.is_open for a in live)):
            return "add-action", hint + _("Add corrective actions that remove the root cause.")
        if any(a.is_open for a in live):
            return "", _("Complete the corrective actions in the action tracker.")
        if not nc.verification_due or not nc.verification_method:
            return "plan-verification", _("Plan the effectiveness check.")
        return "request-verification", _("Everything is done: ask for the effectiveness check.")
    if nc.status == NC.VERIFICATION:
        if nc.verification_result == Nonconformity.Effectiveness.EFFECTIVE:
            if policies.can_close(user):
                return "close", _("The actions proved effective: close the nonconformity.")
            return "", _("The actions proved effective; the quality manager will close it.")
        if policies.can_verify_nc(user, nc):
            return "record-verification", _("Check whether the actions were effective.")
        return "", _("Awaiting the effectiveness check.")
    return "", ""


def _nc_context(request: HttpRequest, nc: Nonconformity, **forms) -> dict:
    user = request.user
    actions = list(selectors.actions_of(nc))
    lock = {"version": nc.version}
    panel, next_text = _next_step(user, nc, actions)
    can_change = policies.can_change_nc(user, nc) and nc.status == NC.OPEN
    context = {
        "nc": nc,
        "actions": actions,
        "today": timezone.localdate(),
        "finding": selectors.audit_finding_of(nc),
        "history": history_of(nc)[:30],
        "attachments": attachments_of(nc),
        "cause_labels": dict(CauseCategory.choices),
        "next_panel": panel,
        "next_text": next_text,
        "can_triage": policies.can_triage(user) and nc.status == NC.REPORTED,
        "can_change": can_change,
        "can_verify": policies.can_verify_nc(user, nc)
        and nc.status == NC.VERIFICATION
        and not nc.verification_result,
        "can_close": policies.can_close(user)
        and nc.status == NC.VERIFICATION
        and nc.verification_result == Nonconformity.Effectiveness.EFFECTIVE,
        "can_attach": policies.can_change_nc(user, nc) and nc.is_open,
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
        "request_verification_form": PlainForm(initial=lock),
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


def _call_nc_step(step: str, user, nc: Nonconformity, data: dict, form) -> str:
    lock = data.pop("version", None)
    common = {"actor": user, "nc": nc, "expected_version": lock}
    if step == "triage":
        services.triage(**common, accept=True, **data)
        return _("Accepted as a nonconformity and assigned.")
    if step == "reject":
        services.triage(**common, accept=False, reason=data["rejection_reason"])
        return _("Recorded as not a nonconformity; the reporter is told why.")
    if step == "correction":
        services.record_correction(
            **common, correction=data["correction"], done_on=data["correction_done_on"]
        )
        return _("The correction is recorded.")
    if step == "root-cause":
        services.record_root_cause(
            **common,
            whys=form.whys(),
            root_cause=data["root_cause"],
            categories=data["categories"],
        )
        return _("The root-cause analysis is recorded.")
    if step == "add-action":
        action = services.add_corrective_action(actor=user, nc=nc, **data)
        return _("Corrective action %(ref)s added to the action tracker.") % {
            "ref": action.reference
        }
    if step == "plan-verification":
        services.plan_verification(
            **common, due=data["verification_due"], method=data["verification_method"]
        )
        return _("The effectiveness check is planned.")
    if step == "request-verification":
        services.request_verification(**common)
        return _("Sent for the effectiveness check.")
    if step == "record-verification":
        services.record_verification(
            **common,
            effective=data["effective"],
            notes=data["verification_notes"],
            checked_on=data["verified_on"],
        )
        return _("The effectiveness check is recorded.")
    services.close(**common, notes=data["closure_notes"])
    return _("The nonconformity is closed.")


NC_STEPS = {
    "triage": TriageForm,
    "reject": RejectForm,
    "correction": CorrectionForm,
    "root-cause": RootCauseForm,
    "add-action": ActionForm,
    "plan-verification": PlanVerificationForm,
    "request-verification": PlainForm,
    "record-verification": VerificationForm,
    "close": CloseForm,
}


@login_required
@require_POST
def nc_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    nc = _get_nc_for_user(request, pk)
    if step == "attach":
        return _attach(request, nc)
    if step not in NC_STEPS:
        raise Http404
    form = NC_STEPS[step](request.POST)
    if form.is_valid():
        try:
            done = _call_nc_step(step, request.user, nc, dict(form.cleaned_data), form)
        except Conflict as exc:
            form.add_error(None, str(exc))
        except Denied as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("improvement:nc_detail", pk=nc.pk)
    nc = _get_nc_for_user(request, pk)
    key = step.replace("-", "_") + "_form"
    context = _nc_context(request, nc, **{key: form})
    context["next_panel"] = step
    return render(request, "improvement/nc_detail.html", context, status=400)


def _attach(request: HttpRequest, nc: Nonconformity) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("file") or _("Choose a file."))
        core_services.attach_file(
            actor=request.user,
            target=nc,
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        )
    except Denied as exc:
        raise PermissionDenied(str(exc)) from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("File attached."))
    return redirect("improvement:nc_detail", pk=nc.pk)


# --- ideas ---------------------------------------------------------------------------


@login_required
def idea_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    form = IdeaFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.IdeaFilters(
        status=data.get("status") or "",
        unit=data.get("unit"),
        q=(data.get("q") or "").strip(),
    )
    page, query = paginate(request, selectors.idea_list(user=request.user, filters=filters), 30)
    return render(
        request,
        list_template(request, "improvement/idea_list.html", "idea-results"),
        {"form": form, "page": page, "query": query},
    )


def _idea_context(request: HttpRequest, idea: Idea, **forms) -> dict:
    user = request.user
    lock = {"version": idea.version}
    open_ = idea.status in (Idea.Status.SUBMITTED, Idea.Status.EVALUATING)
    can_work = policies.can_evaluate_idea(user, idea)
    context = {
        "idea": idea,
        "actions": list(selectors.actions_of(idea)),
        "today": timezone.localdate(),
        "finding": selectors.audit_finding_of(idea),
        "history": history_of(idea)[:30],
        "can_evaluate": can_work and open_,
        "can_decide": policies.can_decide_idea(user) and open_,
        "can_add_action": can_work and idea.status == Idea.Status.ACCEPTED,
        "can_implement": can_work and idea.status == Idea.Status.ACCEPTED,
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
    "evaluate": (EvaluateForm, gettext_lazy("The evaluation is recorded.")),
    "decide": (DecideForm, gettext_lazy("The decision is recorded.")),
    "add-action": (ActionForm, gettext_lazy("Implementation action added to the tracker.")),
    "implemented": (ImplementedForm, gettext_lazy("The idea is recorded as implemented.")),
}


@login_required
@require_POST
def idea_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    idea = _get_idea_for_user(request, pk)
    if step not in IDEA_STEPS:
        raise Http404
    form_class, done = IDEA_STEPS[step]
    form = form_class(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        lock = data.pop("version", None)
        common = {"actor": request.user, "idea": idea, "expected_version": lock}
        try:
            if step == "evaluate":
                services.evaluate_idea(**common, evaluation=data["evaluation"])
            elif step == "decide":
                services.decide_idea(**common, accept=data["accept"], notes=data["decision_notes"])
            elif step == "add-action":
                services.add_idea_action(actor=request.user, idea=idea, **data)
            else:
                services.mark_implemented(
                    **common,
                    benefit=data["benefit_achieved"],
                    implemented_on=data["implemented_on"],
                )
        except Conflict as exc:
            form.add_error(None, str(exc))
        except Denied as exc:
            raise PermissionDenied(str(exc)) from exc
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, str(done))
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
    data = form.cleaned_data if form.is_valid() else {}
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
    stats = selectors.statistics(filters=filters)
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
    stats = selectors.statistics(filters=filters)
    response = HttpResponse(
        export.workbook(stats),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"nonconformities-{filters.date_from.isoformat()}-{filters.date_to.isoformat()}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
