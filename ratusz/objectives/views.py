"""Pages of quality objectives and KPIs: the list, an objective, a KPI with its
trend, and the steps on them. Each view: access helper → form or service →
render or redirect."""

from __future__ import annotations

from datetime import date

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
from ratusz.lib import periods
from ratusz.lib.spreadsheet import table
from ratusz.objectives import policies, selectors, services
from ratusz.objectives.filters import KpiFilter, ObjectiveFilter
from ratusz.objectives.forms import (
    CommentForm,
    ComputeForm,
    CorrectForm,
    EvaluateForm,
    KpiEditForm,
    KpiForm,
    MeasurementForm,
    ObjectiveCreateForm,
    ObjectiveEditForm,
)
from ratusz.objectives.models import Kpi, Measurement, Objective
from ratusz.objectives.sources import all_sources

PER_PAGE = 30


def _get_objective_for_user(request: HttpRequest, pk: int) -> Objective:
    objective = selectors.objective_detail(user=request.user, pk=pk)
    if objective is None:
        raise Http404(_("No such objective, or it is not visible to you."))
    return objective


def _get_kpi_for_user(request: HttpRequest, pk: int) -> Kpi:
    kpi = selectors.kpi_detail(user=request.user, pk=pk)
    if kpi is None:
        raise Http404(_("No such KPI, or it is not visible to you."))
    return kpi


# --- objectives -------------------------------------------------------------------------


@login_required
def objective_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ObjectiveFilter(
        request.GET, queryset=selectors.objective_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "objectives/objective_list.html",
        target="objective-results",
        per_page=PER_PAGE,
        can_create=policies.can_create_objective(request.user),
        year=timezone.localdate().year,
    )


@login_required
def objective_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_objective(request.user):
        raise PermissionDenied(_("Only the quality manager or a head of unit sets objectives."))
    today = timezone.localdate()
    initial = {"year": today.year, "due_date": today.replace(month=12, day=31)}
    if not access.is_quality_manager(request.user):
        initial["org_unit"] = getattr(request.user, "org_unit_id", None)
    form = ObjectiveCreateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        objective = submit(
            form, lambda: services.create_objective(actor=request.user, **service_kwargs(form))
        )
        if objective is not None:
            messages.success(
                request,
                _("Objective %(ref)s set. Add its KPIs, then send it for approval.")
                % {"ref": objective.reference},
            )
            return redirect(objective)
    return render(request, "objectives/objective_form.html", {"form": form, "objective": None})


def _objective_context(request: HttpRequest, objective: Objective, **forms) -> dict:
    user = request.user
    context = {
        "objective": objective,
        "page": selectors.objective_page(objective),
        "can_edit": policies.can_edit_objective(user, objective),
        "can_add_kpi": policies.can_add_kpi(user, objective),
        "can_approve": policies.can_approve_objective(user, objective),
        "can_evaluate": policies.can_evaluate_objective(user, objective),
        "approve_form": VersionedForm(initial={"version": objective.version}),
        "evaluate_form": EvaluateForm(initial={"version": objective.version}),
    }
    context.update(forms)
    return context


@login_required
def objective_detail(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _get_objective_for_user(request, pk)
    return render(
        request, "objectives/objective_detail.html", _objective_context(request, objective)
    )


def _objective_initial(objective: Objective) -> dict:
    return {
        "title": objective.title,
        "description": objective.description,
        "org_unit": objective.org_unit_id,
        "policy_document": objective.policy_document_id,
        "processes": list(objective.processes.values_list("pk", flat=True)),
        "resources": objective.resources,
        "owner": objective.owner_id,
        "due_date": objective.due_date,
        "evaluation": objective.evaluation,
        "version": objective.version,
    }


@login_required
def objective_edit(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _get_objective_for_user(request, pk)
    if not policies.can_edit_objective(request.user, objective):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit changes this objective.")
        )
    form = ObjectiveEditForm(request.POST or None, initial=_objective_initial(objective))
    if request.method == "POST" and form.is_valid():
        was_approved = objective.status == Objective.Status.APPROVED
        saved = submit(
            form,
            lambda: services.update_objective(
                actor=request.user, objective=objective, **service_kwargs(form)
            ),
        )
        if saved is not None:
            if was_approved and saved.status == Objective.Status.DRAFT:
                messages.warning(request, _("Saved. The changed objective needs approval again."))
            else:
                messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "objective": objective, "conflict": form.conflict}
    return render(request, "objectives/objective_form.html", context)


OBJECTIVE_STEPS = {
    "approve": (
        VersionedForm,
        services.approve_objective,
        gettext_lazy("Objective %(ref)s approved."),
    ),
    "evaluate": (
        EvaluateForm,
        services.evaluate_objective,
        gettext_lazy("The result of objective %(ref)s is recorded."),
    ),
}


@login_required
@require_POST
def objective_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    objective = _get_objective_for_user(request, pk)
    form, result = run_step(request, OBJECTIVE_STEPS, step, objective=objective)
    if result is not None:
        return redirect(result)
    objective = _get_objective_for_user(request, pk)
    context = _objective_context(request, objective, **{f"{step}_form": form})
    context["open_panel"] = step
    return render(request, "objectives/objective_detail.html", context, status=400)


# --- KPIs -------------------------------------------------------------------------------


@login_required
def kpi_create(request: HttpRequest, pk: int) -> HttpResponse:
    objective = _get_objective_for_user(request, pk)
    if not policies.can_add_kpi(request.user, objective):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit adds KPIs here.")
        )
    initial = {
        "unit": "%",
        "higher_is_better": "True",
        "frequency": Kpi.Frequency.MONTHLY,
        "measured_from": date(objective.year, 1, 1),
        "owner": objective.owner_id,
        "processes": list(objective.processes.values_list("pk", flat=True)),
    }
    form = KpiForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kpi = submit(
            form,
            lambda: services.create_kpi(
                actor=request.user, objective=objective, **service_kwargs(form)
            ),
        )
        if kpi is not None:
            messages.success(request, _("KPI added."))
            return redirect(kpi)
    return render(
        request, "objectives/kpi_form.html", {"form": form, "objective": objective, "kpi": None}
    )


def _kpi_context(request: HttpRequest, kpi: Kpi, **forms) -> dict:
    # A correction refused on an older row shows every row, so that its form is seen.
    show_all = request.GET.get("all") == "1" or forms.get("failed_pk") is not None
    page = selectors.kpi_page(kpi, show_all=show_all)
    can_measure = policies.can_measure(request.user, kpi)
    due = page.due[0] if page.due else None
    context = {
        "kpi": kpi,
        "objective": kpi.objective,
        "page": page,
        "show_all": show_all,
        "table_periods": selectors.TABLE_PERIODS,
        "source": all_sources().get(kpi.source),
        "due_labels": [periods.label(kpi.frequency, d) for d in page.due],
        "can_edit": policies.can_edit_kpi(request.user, kpi),
        "can_measure": can_measure,
        "measure_form": MeasurementForm(initial={"period_start": due, "unit": kpi.unit}),
        "compute_form": ComputeForm(initial={"period_start": due}),
    }
    context.update(forms)
    return context


@login_required
def kpi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _get_kpi_for_user(request, pk)
    return render(request, "objectives/kpi_detail.html", _kpi_context(request, kpi))


def _kpi_initial(kpi: Kpi) -> dict:
    return {
        "name": kpi.name,
        "description": kpi.description,
        "source": kpi.source,
        "unit": kpi.unit,
        "higher_is_better": str(kpi.higher_is_better),
        "target": kpi.target,
        "warning": kpi.warning,
        "frequency": kpi.frequency,
        "measured_from": kpi.measured_from,
        "owner": kpi.owner_id,
        "processes": [p.pk for p in kpi.processes.all()],
        "is_active": kpi.is_active,
        "version": kpi.version,
    }


@login_required
def kpi_edit(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _get_kpi_for_user(request, pk)
    if not policies.can_edit_kpi(request.user, kpi):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit changes this KPI.")
        )
    form = KpiEditForm(request.POST or None, initial=_kpi_initial(kpi))
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form, lambda: services.update_kpi(actor=request.user, kpi=kpi, **service_kwargs(form))
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "objective": kpi.objective, "kpi": kpi, "conflict": form.conflict}
    return render(request, "objectives/kpi_form.html", context)


@login_required
@require_POST
def kpi_measure(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _get_kpi_for_user(request, pk)
    form = MeasurementForm(request.POST, request.FILES)
    if form.is_valid():
        saved = submit(
            form,
            lambda: services.record_measurement(
                actor=request.user, kpi=kpi, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("%(period)s measured.") % {"period": saved.period_label})
            return redirect(kpi)
    context = _kpi_context(request, kpi, measure_form=form)
    context["open_panel"] = "measure"
    return render(request, "objectives/kpi_detail.html", context, status=400)


@login_required
@require_POST
def kpi_compute(request: HttpRequest, pk: int) -> HttpResponse:
    kpi = _get_kpi_for_user(request, pk)
    form = ComputeForm(request.POST)
    if form.is_valid():
        done = submit(
            form,
            lambda: (
                services.compute_measurement(
                    actor=request.user, kpi=kpi, period_start=form.cleaned_data["period_start"]
                )
                or False
            ),
        )
        if done is False:
            messages.info(request, _("The records hold nothing to measure for this period."))
            return redirect(kpi)
        if done is not None:
            messages.success(
                request,
                _("%(period)s computed: %(value)s.")
                % {"period": done.period_label, "value": done.value},
            )
            return redirect(kpi)
    context = _kpi_context(request, kpi, compute_form=form)
    context["open_panel"] = "compute"
    return render(request, "objectives/kpi_detail.html", context, status=400)


MEASUREMENT_STEPS = {
    "comment": (
        CommentForm,
        services.comment_measurement,
        gettext_lazy("The analysis is saved."),
    ),
    "correct": (
        CorrectForm,
        services.correct_measurement,
        gettext_lazy("The value is corrected."),
    ),
}


@login_required
@require_POST
def measurement_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    measurement = Measurement.objects.filter(pk=pk).first()
    if measurement is None:
        raise Http404
    kpi = _get_kpi_for_user(request, measurement.kpi_id)
    if not policies.can_measure(request.user, kpi):
        raise PermissionDenied(
            _("Only the KPI's owner, the head of the unit or the quality manager measure it.")
        )
    form, result = run_step(request, MEASUREMENT_STEPS, step, measurement=measurement)
    if result is not None:
        return redirect(kpi)
    context = _kpi_context(request, kpi, failed_pk=measurement.pk)
    context["failed_form"] = form
    context["failed_step"] = step
    return render(request, "objectives/kpi_detail.html", context, status=400)


@login_required
def kpi_export(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = KpiFilter(
        request.GET, queryset=selectors.kpi_table(user=request.user), request=request
    )
    today = timezone.localdate()
    rows = []
    for kpi in filters.qs:
        state = selectors.state_of(kpi, today)
        rows.append(
            [
                kpi.objective.reference,
                kpi.objective.title,
                kpi.objective.org_unit.name if kpi.objective.org_unit else _("Whole office"),
                kpi.name,
                kpi.unit,
                _("Higher is better") if kpi.higher_is_better else _("Lower is better"),
                kpi.target,
                kpi.warning,
                kpi.get_frequency_display(),
                str(kpi.owner),
                state.last_label,
                state.last_value,
                str(STANDING_LABELS.get(state.standing, "")),
                _("yes") if state.overdue else _("no"),
            ]
        )
    headers = [
        _("Objective"),
        _("Title"),
        _("Unit"),
        _("KPI"),
        _("Unit of measure"),
        _("Direction"),
        _("Target"),
        _("Warning threshold"),
        _("Frequency"),
        _("Measured by"),
        _("Latest period"),
        _("Latest value"),
        _("Against target"),
        _("Measurement overdue"),
    ]
    return xlsx_response(table(_("KPIs"), headers, rows), export_name("kpis"))


STANDING_LABELS = {
    periods.MET: gettext_lazy("Target met"),
    periods.WARNING: gettext_lazy("Below target, within the warning threshold"),
    periods.MISSED: gettext_lazy("Past the warning threshold"),
}
