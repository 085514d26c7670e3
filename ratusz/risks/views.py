"""Pages of the register of risks and opportunities: the register, a risk with its
assessments and treatments, the heat map and the office's scale.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.core import access
from ratusz.core.forms import VersionedForm, run_step, service_kwargs, submit
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.risks import export, policies, report, selectors, services
from ratusz.risks.filters import ChangeFilter, HeatMapFilter, RiskFilter
from ratusz.risks.forms import (
    AssessForm,
    ChangeEditForm,
    ChangeForm,
    RiskEditForm,
    RiskForm,
    ScaleForm,
    TreatmentForm,
)
from ratusz.risks.models import ChangePlan, Risk, RiskScale

PER_PAGE = 30


def _get_risk(request: HttpRequest, pk: int) -> Risk:
    risk = selectors.risk_detail(user=request.user, pk=pk)
    if risk is None:
        raise Http404(_("No such risk, or it is not visible to you."))
    return risk


def _filters(request: HttpRequest) -> RiskFilter:
    return RiskFilter(request.GET, queryset=selectors.risk_list(user=request.user), request=request)


@login_required
def risk_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render_list(
        request,
        _filters(request),
        "risks/risk_list.html",
        target="risk-results",
        per_page=PER_PAGE,
        today=timezone.localdate(),
        can_create=policies.can_create_risk(request.user),
        can_set_scale=policies.can_set_scale(request.user),
    )


@login_required
def risk_export(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    rows = _filters(request).qs.iterator(chunk_size=2000)
    return xlsx_response(export.register_xlsx(rows), export_name("risks"))


@login_required
def yearly_report(request: HttpRequest, year: int) -> HttpResponse:
    """The yearly risk report for the mayor, as a PDF download."""
    access.require_staff(request)
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise Http404(_("There is no risk report for that year."))
    response = HttpResponse(report.yearly_report_pdf(year, today), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="risk-report-{year}.pdf"'
    return response


@login_required
def heat_map(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = HeatMapFilter(
        request.GET, queryset=selectors.risks_for_map(user=request.user), request=request
    )
    risks = filters.qs
    # Each figure links to the register with the map's own filters and its cell.
    used = {name: value for name, value in filters.form.cleaned_data.items() if value}
    context = {
        "form": filters.form,
        "page": selectors.heat_map(risks),
        "query": urlencode({name: getattr(v, "pk", v) for name, v in used.items()}),
        "year": timezone.localdate().year,
    }
    return render(request, "risks/heat_map.html", context)


@login_required
def risk_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    if not policies.can_create_risk(request.user):
        raise PermissionDenied(
            _("Only the quality manager, top management or the head of a unit add risks.")
        )
    scale = RiskScale.current()
    initial = {
        "owner": request.user.pk,
        "org_unit": request.user.org_unit_id,
        "appetite": scale.appetite,
        "kind": Risk.Kind.RISK,
        "response": Risk.Response.REDUCE,
    }
    form = RiskForm(request.POST or None, initial=initial, scale=scale)
    if request.method == "POST" and form.is_valid():
        risk = submit(
            form, lambda: services.create_risk(actor=request.user, **service_kwargs(form))
        )
        if risk is not None:
            messages.success(request, _("%(ref)s added to the register.") % {"ref": risk.reference})
            return redirect(risk)
    return render(request, "risks/risk_form.html", {"form": form, "risk": None})


def _risk_context(request: HttpRequest, risk: Risk, **forms) -> dict:
    steps = policies.risk_steps(request.user, risk)
    page = selectors.risk_page(risk, user=request.user)
    version = {"version": risk.version}
    context = {
        "risk": risk,
        "page": page,
        "steps": steps,
        "assess_form": AssessForm(
            initial={
                **version,
                "inherent_likelihood": risk.inherent_likelihood,
                "inherent_impact": risk.inherent_impact,
                "residual_likelihood": risk.residual_likelihood,
                "residual_impact": risk.residual_impact,
            },
            scale=page.scale,
        )
        if steps["assess"]
        else None,
        "add_treatment_form": TreatmentForm(initial={**version, "owner": risk.owner_id})
        if steps["add_treatment"]
        else None,
        "close_form": VersionedForm(initial=version),
        "today": timezone.localdate(),
    }
    context.update(forms)
    return context


@login_required
def risk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk(request, pk)
    return render(request, "risks/risk_detail.html", _risk_context(request, risk))


RISK_STEPS = {
    "assess": (AssessForm, services.assess_risk, gettext_lazy("The assessment is recorded.")),
    "add-treatment": (
        TreatmentForm,
        services.add_treatment,
        gettext_lazy("Treatment %(ref)s added to the action tracker."),
    ),
    "close": (VersionedForm, services.close_risk, gettext_lazy("The risk is closed.")),
    "reopen": (VersionedForm, services.reopen_risk, gettext_lazy("The risk is open again.")),
}


@login_required
@require_POST
def risk_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    risk = _get_risk(request, pk)
    form, result = run_step(request, RISK_STEPS, step, risk=risk)
    if result is not None:
        return redirect(risk)
    risk = _get_risk(request, pk)
    key = step.replace("-", "_") + "_form"
    context = _risk_context(request, risk, **{key: form})
    context["next_panel"] = step
    return render(request, "risks/risk_detail.html", context, status=400)


@login_required
def risk_edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _get_risk(request, pk)
    if not policies.risk_steps(request.user, risk)["edit"]:
        raise PermissionDenied(
            _("Only the quality manager, the head of the unit or the risk's owner change it.")
        )
    initial = {
        "title": risk.title,
        "kind": risk.kind,
        "category": risk.category,
        "cause": risk.cause,
        "event": risk.event,
        "effect": risk.effect,
        "process": risk.process_id,
        "org_unit": risk.org_unit_id,
        "owner": risk.owner_id,
        "controls": risk.controls,
        "appetite": risk.appetite,
        "response": risk.response,
        "review_date": risk.review_date,
        "issues": list(risk.issues.values_list("pk", flat=True)),
        "requirements": list(risk.requirements.values_list("pk", flat=True)),
        "version": risk.version,
    }
    form = RiskEditForm(request.POST or None, initial=initial, risk=risk)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_risk(actor=request.user, risk=risk, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "risk": risk, "conflict": form.conflict}
    return render(request, "risks/risk_form.html", context)


@login_required
def scale(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    if not policies.can_set_scale(request.user):
        raise PermissionDenied(_("Only the quality manager sets the risk scale."))
    current = RiskScale.current()
    initial = {
        "likelihood_levels": "\n".join(current.likelihood_meanings),
        "impact_levels": "\n".join(current.impact_meanings),
        "appetite": current.appetite,
        "version": current.version,
    }
    form = ScaleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(form, lambda: services.set_scale(actor=request.user, **service_kwargs(form)))
        if saved is not None:
            messages.success(request, _("The risk scale is saved."))
            return redirect("risks:list")
    return render(
        request,
        "risks/scale_form.html",
        {"form": form, "conflict": getattr(form, "conflict", None)},
    )


# --- planning of changes (6.3) ---------------------------------------------------------------


def _get_change(request: HttpRequest, pk: int) -> ChangePlan:
    plan = selectors.change_detail(user=request.user, pk=pk)
    if plan is None:
        raise Http404(_("No such planned change, or it is not visible to you."))
    return plan


@login_required
def change_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ChangeFilter(
        request.GET, queryset=selectors.change_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "risks/change_list.html",
        target="change-results",
        per_page=PER_PAGE,
        can_create=policies.can_plan_change(request.user),
    )


@login_required
def change_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    if not policies.can_plan_change(request.user):
        raise PermissionDenied(
            _("Only the quality manager, top management or the head of a unit plan changes.")
        )
    initial = {"owner": request.user.pk, "org_unit": request.user.org_unit_id}
    form = ChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        plan = submit(
            form, lambda: services.plan_change(actor=request.user, **service_kwargs(form))
        )
        if plan is not None:
            messages.success(request, _("The change is planned."))
            return redirect(plan)
    return render(request, "risks/change_form.html", {"form": form, "plan": None})


def _change_context(request: HttpRequest, plan: ChangePlan, **forms) -> dict:
    can_edit = (
        policies.can_edit_change(request.user, plan) and plan.status == ChangePlan.Status.PLANNED
    )
    context = {
        "plan": plan,
        "actions": selectors.actions_of_change(plan),
        "can_edit": policies.can_edit_change(request.user, plan),
        "add_action_form": TreatmentForm(initial={"version": plan.version, "owner": plan.owner_id})
        if can_edit
        else None,
    }
    context.update(forms)
    return context


@login_required
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _get_change(request, pk)
    return render(request, "risks/change_detail.html", _change_context(request, plan))


CHANGE_STEPS = {
    "add-action": (
        TreatmentForm,
        services.add_change_action,
        gettext_lazy("Action %(ref)s added to the action tracker."),
    ),
}


@login_required
@require_POST
def change_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    plan = _get_change(request, pk)
    form, result = run_step(request, CHANGE_STEPS, step, plan=plan)
    if result is not None:
        return redirect(plan)
    plan = _get_change(request, pk)
    context = _change_context(request, plan, add_action_form=form)
    context["next_panel"] = step
    return render(request, "risks/change_detail.html", context, status=400)


@login_required
def change_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _get_change(request, pk)
    if not policies.can_edit_change(request.user, plan):
        raise PermissionDenied(
            _("Only the quality manager, the head of the unit or the change's owner change it.")
        )
    initial = {
        name: getattr(plan, name)
        for name in (
            "title",
            "purpose",
            "consequences",
            "integrity",
            "resources",
            "responsibilities",
            "planned_for",
            "status",
            "version",
        )
    } | {"org_unit": plan.org_unit_id, "owner": plan.owner_id}
    form = ChangeEditForm(request.POST or None, initial=initial, plan=plan)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_change(actor=request.user, plan=plan, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(
        request, "risks/change_form.html", {"form": form, "plan": plan, "conflict": form.conflict}
    )
