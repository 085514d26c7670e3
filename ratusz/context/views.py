"""Pages of the office's context: the overview, issues, interested parties.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ratusz.context import export, policies, selectors, services
from ratusz.context import leadership as leadership_records
from ratusz.context.filters import IssueFilter, PartyFilter
from ratusz.context.forms import (
    ClimateForm,
    ContextReviewForm,
    IssueEditForm,
    IssueForm,
    PartyEditForm,
    PartyForm,
    PartyReviewedForm,
    RemoveRequirementForm,
    RequirementForm,
)
from ratusz.context.models import ContextIssue, InterestedParty
from ratusz.core import access
from ratusz.core.forms import run_step, service_kwargs, submit
from ratusz.core.listing import export_name, render_list, xlsx_response

PER_PAGE = 30


def _get_issue(request: HttpRequest, pk: int) -> ContextIssue:
    issue = selectors.issue_detail(user=request.user, pk=pk)
    if issue is None:
        raise Http404(_("No such issue, or it is not visible to you."))
    return issue


def _get_party(request: HttpRequest, pk: int) -> InterestedParty:
    party = selectors.party_detail(user=request.user, pk=pk)
    if party is None:
        raise Http404(_("No such interested party, or it is not visible to you."))
    return party


def _require_manager(request: HttpRequest) -> None:
    if not policies.can_manage_context(request.user):
        raise PermissionDenied(_("Only the quality manager or top management keep the context."))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    can_manage = policies.can_manage_context(request.user)
    context = {
        "page": selectors.overview(today=timezone.localdate()),
        "can_manage": can_manage,
        "review_form": ContextReviewForm() if can_manage else None,
    }
    return render(request, "context/overview.html", context)


@login_required
def leadership(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    today = timezone.localdate()
    context = {
        "page": leadership_records.leadership(today=today),
        "standing": leadership_records.standing(today=today),
    }
    return render(request, "context/leadership.html", context)


@login_required
def climate(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    _require_manager(request)
    decision = services.climate_decision()
    initial = (
        {
            "relevant": "yes" if decision.relevant else "no",
            "justification": decision.justification,
            "version": decision.version,
        }
        if decision
        else {}
    )
    form = ClimateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.decide_climate_change(actor=request.user, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("The climate-change decision is recorded."))
            return redirect("context:overview")
    return render(
        request,
        "context/climate_form.html",
        {"form": form, "decision": decision, "conflict": getattr(form, "conflict", None)},
    )


@login_required
@require_POST
def reviewed(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    _require_manager(request)
    form = ContextReviewForm(request.POST)
    if form.is_valid():
        saved = submit(
            form,
            lambda: services.record_context_review(actor=request.user, **_given(form)),
        )
        if saved is not None:
            messages.success(request, _("The context review is recorded."))
            return redirect("context:overview")
    context = {
        "page": selectors.overview(today=timezone.localdate()),
        "can_manage": True,
        "review_form": form,
    }
    return render(request, "context/overview.html", context, status=400)


def _given(form) -> dict:
    """The form's values, leaving out an empty date so the service takes today."""
    return {k: v for k, v in service_kwargs(form).items() if v is not None}


# --- issues ---------------------------------------------------------------------------


def _issue_filters(request: HttpRequest) -> IssueFilter:
    return IssueFilter(
        request.GET, queryset=selectors.issue_list(user=request.user), request=request
    )


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render_list(
        request,
        _issue_filters(request),
        "context/issue_list.html",
        target="issue-results",
        per_page=PER_PAGE,
        today=timezone.localdate(),
        can_create=policies.can_manage_context(request.user),
    )


@login_required
def issue_export(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    rows = _issue_filters(request).qs.iterator(chunk_size=2000)
    return xlsx_response(export.issues_xlsx(rows), export_name("context-issues"))


@login_required
def issue_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    _require_manager(request)
    form = IssueForm(request.POST or None, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        issue = submit(
            form, lambda: services.create_issue(actor=request.user, **service_kwargs(form))
        )
        if issue is not None:
            messages.success(request, _("Issue added."))
            return redirect(issue)
    return render(request, "context/issue_form.html", {"form": form, "issue": None})


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _get_issue(request, pk)
    context = {
        "issue": issue,
        "can_edit": policies.can_edit_issue(request.user, issue),
        "risks": selectors.linked_risks(issue),
    }
    return render(request, "context/issue_detail.html", context)


@login_required
def issue_edit(request: HttpRequest, pk: int) -> HttpResponse:
    issue = _get_issue(request, pk)
    if not policies.can_edit_issue(request.user, issue):
        raise PermissionDenied(
            _("Only the quality manager, top management or the issue's owner change it.")
        )
    initial = {
        "title": issue.title,
        "kind": issue.kind,
        "category": issue.category,
        "description": issue.description,
        "effect": issue.effect,
        "source": issue.source,
        "owner": issue.owner_id,
        "review_date": issue.review_date,
        "is_active": issue.is_active,
        "version": issue.version,
    }
    form = IssueEditForm(request.POST or None, initial=initial, issue=issue)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_issue(actor=request.user, issue=issue, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "issue": issue, "conflict": form.conflict}
    return render(request, "context/issue_form.html", context)


# --- interested parties -----------------------------------------------------------------


def _party_filters(request: HttpRequest) -> PartyFilter:
    return PartyFilter(
        request.GET, queryset=selectors.party_list(user=request.user), request=request
    )


@login_required
def party_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    return render_list(
        request,
        _party_filters(request),
        "context/party_list.html",
        target="party-results",
        per_page=PER_PAGE,
        year_ago=selectors.year_before(timezone.localdate()),
        can_create=policies.can_manage_context(request.user),
    )


@login_required
def party_export(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    parties = export.with_requirements(_party_filters(request).qs)
    return xlsx_response(export.parties_xlsx(parties), export_name("interested-parties"))


@login_required
def party_create(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    _require_manager(request)
    form = PartyForm(request.POST or None, initial={"owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        party = submit(
            form, lambda: services.create_party(actor=request.user, **service_kwargs(form))
        )
        if party is not None:
            messages.success(request, _("Interested party added; now record their requirements."))
            return redirect(party)
    return render(request, "context/party_form.html", {"form": form, "party": None})


def _party_context(request: HttpRequest, party: InterestedParty, **forms) -> dict:
    can_edit = policies.can_edit_party(request.user, party)
    initial = {"version": party.version}
    context = {
        "party": party,
        "requirements": list(party.requirements.order_by("pk")),
        "can_edit": can_edit,
        "requirement_form": RequirementForm(initial=initial) if can_edit else None,
        "reviewed_form": PartyReviewedForm(initial=initial) if can_edit else None,
    }
    context.update(forms)
    return context


@login_required
def party_detail(request: HttpRequest, pk: int) -> HttpResponse:
    party = _get_party(request, pk)
    return render(request, "context/party_detail.html", _party_context(request, party))


PARTY_STEPS = {
    "add-requirement": (
        RequirementForm,
        services.add_requirement,
        gettext_lazy("Requirement added."),
    ),
    "remove-requirement": (
        RemoveRequirementForm,
        services.remove_requirement,
        gettext_lazy("Requirement removed."),
    ),
    "reviewed": (
        PartyReviewedForm,
        services.mark_party_reviewed,
        gettext_lazy("The party's requirements are marked reviewed."),
    ),
}


@login_required
@require_POST
def party_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    party = _get_party(request, pk)
    form, result = run_step(request, PARTY_STEPS, step, party=party)
    if result is not None:
        return redirect(party)
    party = _get_party(request, pk)
    key = {"add-requirement": "requirement_form", "reviewed": "reviewed_form"}.get(
        step, "remove_form"
    )
    return render(
        request,
        "context/party_detail.html",
        _party_context(request, party, **{key: form}),
        status=400,
    )


@login_required
def party_edit(request: HttpRequest, pk: int) -> HttpResponse:
    party = _get_party(request, pk)
    if not policies.can_edit_party(request.user, party):
        raise PermissionDenied(
            _("Only the quality manager, top management or the party's owner change it.")
        )
    initial = {
        "name": party.name,
        "kind": party.kind,
        "owner": party.owner_id,
        "description": party.description,
        "is_active": party.is_active,
        "version": party.version,
    }
    form = PartyEditForm(request.POST or None, initial=initial, party=party)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_party(actor=request.user, party=party, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "party": party, "conflict": form.conflict}
    return render(request, "context/party_form.html", context)
