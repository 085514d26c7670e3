"""Pages of the contract register. Each view: access helper → form or service → response."""

from __future__ import annotations

from functools import partial

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
from ratusz.core.forms import run_step, service_kwargs, submit
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.lib import spreadsheet
from ratusz.suppliers import forms, importing, policies, selectors, services
from ratusz.suppliers.filters import ContractFilter, ContractorFilter
from ratusz.suppliers.models import (
    Contract,
    Contractor,
    EvaluationCriterion,
    LargeContractThreshold,
    Penalty,
)

PER_PAGE = 30

CONTRACT_STEPS = {
    "milestone": (forms.MilestoneForm, services.add_milestone, gettext_lazy("Milestone added.")),
    "clause": (forms.ClauseForm, services.add_clause, gettext_lazy("Penalty clause added.")),
    "annex": (forms.AnnexForm, services.add_annex, gettext_lazy("Annex recorded.")),
    "acceptance": (
        forms.AcceptanceForm,
        services.record_acceptance,
        gettext_lazy("Acceptance protocol recorded."),
    ),
    "delay": (forms.DelayForm, services.record_delay, gettext_lazy("Delay period recorded.")),
    "repair": (
        forms.RepairForm,
        services.record_repair,
        gettext_lazy("Repair of the defects recorded."),
    ),
    "penalty": (
        forms.PenaltyForm,
        services.record_penalty,
        gettext_lazy("Penalty recorded; the amount due is computed."),
    ),
    "status": (forms.StatusForm, services.change_status, gettext_lazy("Status changed.")),
    "report": (
        forms.ReportForm,
        services.write_446_report,
        gettext_lazy("Art. 446 report written."),
    ),
    "notice": (
        forms.NoticeForm,
        services.record_448_notice,
        gettext_lazy("Art. 448 notice recorded."),
    ),
    "evaluate": (
        forms.EvaluationForm,
        services.evaluate_contractor,
        gettext_lazy("Contractor evaluated."),
    ),
    "nonconformity": (
        forms.NonconformityForm,
        services.open_nonconformity,
        gettext_lazy("Nonconformity %(ref)s opened."),
    ),
}

PENALTY_STEPS = {
    "charge": (forms.ChargeForm, services.charge_penalty, gettext_lazy("Penalty charged.")),
    "waive": (forms.WaiveForm, services.waive_penalty, gettext_lazy("Decision recorded.")),
}


def _get_contract_for_user(request: HttpRequest, pk: int) -> Contract:
    contract = selectors.contract_detail(user=request.user, pk=pk)
    if contract is None:
        raise Http404(_("No such contract, or it is not visible to you."))
    return contract


def _get_contractor_for_user(request: HttpRequest, pk: int) -> Contractor:
    contractor = selectors.contractor_detail(user=request.user, pk=pk)
    if contractor is None:
        raise Http404(_("No such contractor, or it is not visible to you."))
    return contractor


# --- contractors ---------------------------------------------------------------


@login_required
def contractor_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ContractorFilter(
        request.GET, queryset=selectors.contractor_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "suppliers/contractor_list.html",
        target="contractor-results",
        per_page=PER_PAGE,
        can_create=policies.can_manage_contractors(request.user),
    )


@login_required
def contractor_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_manage_contractors(request.user):
        raise PermissionDenied(
            _("Only the quality manager or a head of unit registers contractors.")
        )
    form = forms.ContractorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contractor = submit(
            form, lambda: services.create_contractor(actor=request.user, **service_kwargs(form))
        )
        if contractor is not None:
            messages.success(request, _("Contractor added."))
            return redirect(contractor)
    return render(request, "suppliers/contractor_form.html", {"form": form, "contractor": None})


@login_required
def contractor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contractor = _get_contractor_for_user(request, pk)
    context = {
        "contractor": contractor,
        "can_edit": policies.can_edit_contractor(request.user, contractor),
        **selectors.contractor_page(contractor),
    }
    return render(request, "suppliers/contractor_detail.html", context)


@login_required
def contractor_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contractor = _get_contractor_for_user(request, pk)
    if not policies.can_edit_contractor(request.user, contractor):
        raise PermissionDenied(_("Only the quality manager or a head of unit changes contractors."))
    initial = {name: getattr(contractor, name) for name in services.CONTRACTOR_FIELDS}
    initial["version"] = contractor.version
    form = forms.ContractorEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_contractor(
                actor=request.user, contractor=contractor, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(
        request,
        "suppliers/contractor_form.html",
        {"form": form, "contractor": contractor, "conflict": form.conflict},
    )


# --- contracts -------------------------------------------------------------------


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ContractFilter(
        request.GET, queryset=selectors.contract_list(user=request.user), request=request
    )
    if request.GET.get("format") == "xlsx":
        return _register_xlsx(selectors.annotate_rows(filters.qs))
    response = render_list(
        request,
        filters,
        "suppliers/contract_list.html",
        target="contract-results",
        per_page=PER_PAGE,
        can_create=policies.can_create_contract(request.user),
    )
    return response


def _register_xlsx(rows) -> HttpResponse:
    headers = [
        _("Contract number"),
        _("Subject"),
        _("Contractor"),
        _("Kind"),
        _("Procedure"),
        _("Responsible unit"),
        _("Value net (zł)"),
        _("Value gross (zł)"),
        _("Offer price (zł)"),
        _("Signed on"),
        _("Planned completion"),
        _("Completed on"),
        _("Days of zwłoka"),
        _("Penalties due (zł)"),
        _("Penalties charged (zł)"),
        _("Penalties waived (zł)"),
        _("Status"),
        _("Art. 446 report required"),
    ]
    content = spreadsheet.table(
        str(_("Contracts")),
        headers,
        (
            [
                c.reference,
                c.subject,
                c.contractor.name,
                c.get_kind_display(),
                c.get_procedure_display(),
                c.org_unit.name,
                c.value_net / 100,
                c.value_gross / 100,
                c.offer_price / 100,
                c.signed_on,
                c.planned_completion,
                c.completed_on,
                c.days_late,
                c.penalties_due / 100,
                c.penalties_charged / 100,
                c.penalties_waived / 100,
                c.get_status_display(),
                _("yes") if c.report_reasons else _("no"),
            ]
            for c in rows
        ),
    )
    return xlsx_response(content, export_name("contracts"))


@login_required
def contract_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_contract(request.user):
        raise PermissionDenied(_("Only the quality manager or a head of unit registers contracts."))
    form = forms.ContractForm(
        request.POST or None, initial={"status": "running", "cap_base": "net"}
    )
    if request.method == "POST" and form.is_valid():
        contract = submit(
            form, lambda: services.create_contract(actor=request.user, **service_kwargs(form))
        )
        if contract is not None:
            messages.success(
                request, _("Contract %(ref)s registered.") % {"ref": contract.reference}
            )
            return redirect(contract)
    return render(request, "suppliers/contract_form.html", {"form": form, "contract": None})


def _contract_context(request: HttpRequest, contract: Contract, **forms_given) -> dict:
    page = selectors.contract_page(contract, user=request.user)
    steps = policies.contract_steps(request.user, contract)
    milestones = contract.milestones.all()
    built = {}
    if steps["edit"]:
        version = {"version": contract.version}
        defaults = {
            "milestone_form": forms.MilestoneForm(),
            "clause_form": forms.ClauseForm(),
            "annex_form": forms.AnnexForm(initial=version),
            "acceptance_form": forms.AcceptanceForm(),
            "delay_form": forms.DelayForm(),
            "repair_form": forms.RepairForm(),
            "penalty_form": forms.PenaltyForm(),
            "status_form": forms.StatusForm(initial=version),
            "report_form": forms.ReportForm(
                initial={
                    "spent": _amount(contract.spent),
                    "estimate": _amount(contract.value_gross),
                }
            ),
            "notice_form": forms.NoticeForm(initial=version),
            "evaluate_form": forms.EvaluationForm(),
            "nonconformity_form": forms.NonconformityForm(),
            "file_form": forms.ContractFileForm(),
        }
        defaults.update(forms_given)
        for key in ("annex_form", "acceptance_form", "penalty_form"):
            defaults[key].fields["milestone"].queryset = milestones
        defaults["penalty_form"].fields["clause"].queryset = contract.clauses.all()
        with_defects = contract.protocols.filter(repair_deadline__isnull=False)
        defaults["penalty_form"].fields["protocol"].queryset = with_defects
        defaults["repair_form"].fields["protocol"].queryset = with_defects.filter(
            repaired_on__isnull=True
        )
        built = defaults
    return {"contract": contract, "page": page, "steps": steps, **built}


def _amount(grosze: int) -> str:
    return f"{grosze // 100},{grosze % 100:02d}"


@login_required
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _get_contract_for_user(request, pk)
    return render(request, "suppliers/contract_detail.html", _contract_context(request, contract))


@login_required
@require_POST
def contract_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    contract = _get_contract_for_user(request, pk)
    if not policies.can_edit_contract(request.user, contract):
        raise PermissionDenied(
            _("Only the contract manager, the head of the unit or the quality manager.")
        )
    if step == "attach":
        return _attach(request, contract)
    form, result = run_step(request, CONTRACT_STEPS, step, contract=contract)
    if result is not None:
        return redirect(contract)
    contract = _get_contract_for_user(request, pk)
    context = _contract_context(request, contract, **{f"{step}_form": form})
    context["next_panel"] = step
    return render(request, "suppliers/contract_detail.html", context, status=400)


def _attach(request: HttpRequest, contract: Contract) -> HttpResponse:
    form = forms.ContractFileForm(request.POST, request.FILES)
    attached = form.is_valid() and submit(
        form,
        lambda: services.attach_contract_file(
            actor=request.user, contract=contract, **service_kwargs(form)
        ),
    )
    if attached:
        messages.success(request, _("File attached."))
        return redirect(contract)
    contract = _get_contract_for_user(request, contract.pk)
    context = _contract_context(request, contract, file_form=form)
    context["next_panel"] = "attach"
    return render(request, "suppliers/contract_detail.html", context, status=400)


@login_required
@require_POST
def penalty_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    penalty = Penalty.objects.select_related("contract").filter(pk=pk).first()
    if penalty is None or not policies.can_view_register(request.user, penalty.contract):
        raise Http404
    form, result = run_step(request, PENALTY_STEPS, step, penalty=penalty)
    if result is not None:
        return redirect(penalty.contract)
    contract = _get_contract_for_user(request, penalty.contract_id)
    context = _contract_context(request, contract)
    context.update({"failed_penalty": penalty.pk, "failed_step": step, "failed_form": form})
    return render(request, "suppliers/contract_detail.html", context, status=400)


@login_required
def contract_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _get_contract_for_user(request, pk)
    if not policies.can_edit_contract(request.user, contract):
        raise PermissionDenied(
            _("Only the contract manager, the head of the unit or the quality manager.")
        )
    initial = {name: getattr(contract, name) for name in services.CONTRACT_FIELDS}
    for name in ("offer_price", "spent", "security_amount"):
        initial[name] = _amount(initial[name])
    initial["version"] = contract.version
    form = forms.ContractEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_contract(
                actor=request.user, contract=contract, **service_kwargs(form)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    return render(
        request,
        "suppliers/contract_form.html",
        {"form": form, "contract": contract, "conflict": form.conflict},
    )


@login_required
def ledger_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    contract = _get_contract_for_user(request, pk)
    page = selectors.contract_page(contract, user=request.user)
    headers = [
        _("Breach"),
        _("Breach on"),
        _("Days of zwłoka"),
        _("By the clause (zł)"),
        _("Due (zł)"),
        _("Charged (zł)"),
        _("Document number"),
        _("Waived or reduced (zł)"),
        _("Decision"),
        _("Justification"),
        _("Open (zł)"),
    ]
    rows = (
        [
            p.clause.get_breach_display(),
            p.event_on,
            p.days,
            p.raw / 100,
            p.due / 100,
            p.charged / 100,
            p.charge_document,
            p.waived / 100,
            p.get_decision_display(),
            p.justification,
            p.open / 100,
        ]
        for p in page.penalties
    )
    content = spreadsheet.table(str(_("Penalties")), headers, rows)
    return xlsx_response(content, export_name(f"penalties-{contract.pk}"))


# --- evaluation criteria ----------------------------------------------------------


@login_required
def criteria(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    can_manage = policies.can_manage_criteria(request.user)
    form = forms.CriterionForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("Only the quality manager sets the evaluation criteria."))
        if form.is_valid() and submit(
            form, partial(services.create_criterion, actor=request.user, **service_kwargs(form))
        ):
            messages.success(request, _("Criterion added."))
            return redirect("suppliers:criteria")
    rows = list(EvaluationCriterion.objects.all())
    return render(
        request,
        "suppliers/criteria.html",
        {"criteria": rows, "form": form, "total": sum(c.weight for c in rows if c.is_active)},
    )


# --- art. 446 large-contract thresholds -------------------------------------------


@login_required
def thresholds(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    can_manage = policies.can_manage_thresholds(request.user)
    form = forms.ThresholdForm(request.POST or None) if can_manage else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(
                _("Only the quality manager sets the large contract thresholds.")
            )
        if form.is_valid() and submit(
            form,
            partial(services.set_large_thresholds, actor=request.user, **service_kwargs(form)),
        ):
            messages.success(request, _("Thresholds saved."))
            return redirect("suppliers:thresholds")
    return render(
        request,
        "suppliers/thresholds.html",
        {
            "rows": list(LargeContractThreshold.objects.all()),
            "form": form,
            "in_force": LargeContractThreshold.objects.filter(
                valid_from__lte=timezone.localdate()
            ).first(),
            "days": Contract.art446_thresholds(),
        },
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def contract_import(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_contract(request.user):
        raise PermissionDenied(_("Only the quality manager or a head of unit registers contracts."))
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        count = submit(
            form,
            lambda: importing.import_contracts(
                actor=request.user, name=upload.name, content=upload.read()
            ),
        )
        if count is not None:
            messages.success(request, _("Contracts imported: %(n)d.") % {"n": count})
            return redirect("suppliers:list")
    return render(
        request,
        "suppliers/contract_import.html",
        {"form": form, "columns": importing.COLUMNS},
        status=400 if form.errors else 200,
    )
