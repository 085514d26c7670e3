"""Pages of the core area: dashboard, action tracker, clauses, organisation.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ratusz.core import access, calendar, jobs, public, search, selectors, services, trail, uploads
from ratusz.core.filters import ActionFilter
from ratusz.core.forms import (
    ActionEditForm,
    ActionForm,
    AttachmentForm,
    CancelActionForm,
    ClauseApplicabilityForm,
    CompleteActionForm,
    ProfileForm,
    StartActionForm,
    VerifyActionForm,
    run_step,
    submit,
)
from ratusz.core.listing import export_name, render_list, xlsx_response
from ratusz.core.models import (
    Action,
    Clause,
    Notification,
    Office,
)
from ratusz.core.plugins import DashboardCard, area_modules
from ratusz.lib import spreadsheet


def _get_action_for_user(request: HttpRequest, pk: int) -> Action:
    action = selectors.action_detail(user=request.user, pk=pk)
    if action is None:
        raise Http404(_("No such action, or it is not visible to you."))
    return action


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def public_index(request: HttpRequest) -> HttpResponse:
    """The public portal's front page, open to everyone: the office, the scope of its
    QMS and the sections the areas publish."""
    context = {"office": Office.current(), "sections": public.sections()}
    return render(request, "core/public_index.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    if access.is_external(request.user):
        packs = request.user.evidence_packs.order_by("-created_at")
        return render(request, "core/external_home.html", {"packs": packs})
    data = selectors.dashboard(user=request.user)
    # Core's "My actions" card, then each area's (`dashboard.card(user)`; None means the
    # area has nothing to show this person), by their order.
    cards = [DashboardCard("core/_dashboard_card.html", data, order=20)]
    for _label, module in area_modules("dashboard"):
        if (card := module.card(request.user)) is not None:
            cards.append(card)
    cards.sort(key=lambda card: card.order)
    return render(request, "core/dashboard.html", {"data": data, "cards": cards})


# --- action tracker ---------------------------------------------------------


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    filters = ActionFilter(
        request.GET, queryset=selectors.action_list(user=request.user), request=request
    )
    return render_list(
        request,
        filters,
        "core/action_list.html",
        target="action-results",
        per_page=25,
        can_create=access.can_create_action(request.user),
    )


@login_required
def action_export(request: HttpRequest) -> HttpResponse:
    """The tracker with the page's filters, as a spreadsheet."""
    access.require_staff(request)
    filters = ActionFilter(
        request.GET, queryset=selectors.action_list(user=request.user), request=request
    )
    headers = [
        _("Reference"),
        _("Title"),
        _("Kind"),
        _("Status"),
        _("Org unit"),
        _("Owner"),
        _("Due date"),
        _("Raised by"),
        _("Completed"),
    ]
    rows = (
        [
            action.reference,
            action.title,
            action.get_kind_display(),
            action.get_status_display(),
            action.org_unit.name,
            action.owner.get_full_name(),
            action.due_date,
            action.source_label,
            action.completed_at,
        ]
        for action in filters.qs.iterator(chunk_size=2000)
    )
    content = spreadsheet.table(_("Actions"), [str(h) for h in headers], rows)
    return xlsx_response(content, export_name("actions"))


@login_required
def action_create(request: HttpRequest) -> HttpResponse:
    if not access.can_create_action(request.user):
        raise PermissionDenied(_("Only the quality manager and heads of units raise actions."))
    initial = {"org_unit": request.user.org_unit_id, "owner": request.user.pk}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        action = submit(
            form, lambda: services.create_action(actor=request.user, **form.cleaned_data)
        )
        if action is not None:
            messages.success(request, _("Action %(ref)s created.") % {"ref": action.reference})
            return redirect("core:action_detail", pk=action.pk)
    return render(request, "core/action_form.html", {"form": form, "action": None})


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    return render(request, "core/action_detail.html", _action_context(request, action))


def _action_context(request: HttpRequest, action: Action, **forms) -> dict:
    user = request.user
    initial = {"version": action.version}
    context = {
        "action": action,
        "can_manage": access.can_manage_action(user, action) and action.is_open,
        "can_work": access.can_work_on_action(user, action) and action.is_open,
        "can_verify": access.can_verify_action(user, action)
        and action.status == Action.Status.DONE,
        "can_attach": access.can_change_object(user, action),
        "attachments": selectors.attachments_of(action),
        "history": selectors.history_of(action, limit=20),
        "start_form": StartActionForm(initial=initial),
        "complete_form": CompleteActionForm(initial=initial),
        "verify_form": VerifyActionForm(initial=initial),
        "cancel_form": CancelActionForm(initial=initial),
        "attachment_form": AttachmentForm(),
    }
    context.update(forms)
    return context


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    if not access.can_manage_action(request.user, action):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit can edit this action.")
        )
    initial = {name: getattr(action, name) for name in services.ACTION_EDITABLE_FIELDS}
    initial["version"] = action.version
    form = ActionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = submit(
            form,
            lambda: services.update_action(
                actor=request.user, action=action, expected_version=version, **data
            ),
        )
        if saved is not None:
            messages.success(request, _("Action %(ref)s saved.") % {"ref": saved.reference})
            return redirect("core:action_detail", pk=saved.pk)
    return render(
        request,
        "core/action_form.html",
        {"form": form, "action": action, "conflict": form.conflict},
    )


TRANSITIONS = {
    "start": (StartActionForm, services.start_action, gettext_lazy("The action is in progress.")),
    "complete": (
        CompleteActionForm,
        services.complete_action,
        gettext_lazy("The action is marked done."),
    ),
    "verify": (
        VerifyActionForm,
        services.verify_effectiveness,
        gettext_lazy("Effectiveness recorded."),
    ),
    "cancel": (CancelActionForm, services.cancel_action, gettext_lazy("The action is cancelled.")),
}


@login_required
@require_POST
def action_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    form, done = run_step(request, TRANSITIONS, name, action=action)
    if done is not None:
        return redirect("core:action_detail", pk=pk)
    action = _get_action_for_user(request, pk)
    context = _action_context(request, action, **{f"{name}_form": form})
    context["open_panel"] = name
    return render(request, "core/action_detail.html", context, status=400)


@login_required
@require_POST
def action_attach(request: HttpRequest, pk: int) -> HttpResponse:
    action = _get_action_for_user(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        attached = submit(
            form,
            lambda: services.attach_file(
                actor=request.user,
                target=action,
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                clauses=list(form.cleaned_data["clauses"]),
            ),
        )
        if attached is not None:
            messages.success(request, _("File attached."))
            return redirect("core:action_detail", pk=pk)
    context = _action_context(request, action, attachment_form=form)
    return render(request, "core/action_detail.html", context, status=400)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.attachment_detail(pk=pk)
    target = attachment.target if attachment is not None else None
    if target is None or not access.can_view_object(request.user, target):
        raise Http404(_("No such file, or it is not visible to you."))
    return uploads.download(
        attachment.file, filename=attachment.original_name, content_type=attachment.mime_type
    )


# --- notifications -----------------------------------------------------------


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.mark_notifications_read(user=request.user)
        messages.success(request, _("All notifications marked as read."))
        return redirect("core:notifications")
    page = Paginator(selectors.notifications_of(user=request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page})


@login_required
@require_GET
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    services.mark_notifications_read(user=request.user, ids=[notification.pk])
    return redirect(notification.url or "core:notifications")


# --- clause registry ----------------------------------------------------------


@login_required
def clause_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    clauses = selectors.clause_registry()
    return render(
        request,
        "core/clause_list.html",
        {"clauses": clauses, "can_manage": access.can_manage_clauses(request.user)},
    )


@login_required
def clause_edit(request: HttpRequest, pk: int) -> HttpResponse:
    clause = get_object_or_404(Clause, pk=pk)
    if not access.can_manage_clauses(request.user):
        raise PermissionDenied(_("Only the quality manager decides which clauses apply."))
    form = ClauseApplicabilityForm(
        request.POST or None,
        initial={
            "applicable": clause.applicable,
            "justification": clause.justification,
            "version": clause.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.set_clause_applicability(
                actor=request.user,
                clause=clause,
                applicable=form.cleaned_data["applicable"],
                justification=form.cleaned_data["justification"],
                expected_version=form.cleaned_data["version"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Clause %(number)s saved.") % {"number": clause.number})
            return redirect("core:clauses")
    return render(request, "core/clause_form.html", {"form": form, "clause": clause})


# --- organisation -------------------------------------------------------------


@login_required
def org_unit_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    context = {"units": selectors.org_units()}
    return render(request, "core/org_unit_list.html", context)


@login_required
def org_unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    unit = selectors.org_unit_detail(pk=pk)
    if unit is None:
        raise Http404(_("No such unit."))
    context = {"unit": unit, "members": selectors.members_of(unit)}
    return render(request, "core/org_unit_detail.html", context)


@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    if not access.can_view_audit_trail(request.user):
        raise PermissionDenied(_("The audit trail is open to the quality manager and auditors."))
    model = request.GET.get("model", "")
    page = Paginator(selectors.audit_trail(model_label=model), 50).get_page(request.GET.get("page"))
    entries = trail.present(page.object_list)
    return render(
        request, "core/audit_trail.html", {"page": page, "entries": entries, "model": model}
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"language": user.language})
    if request.method == "POST" and form.is_valid():
        services.update_profile(user=user, **form.cleaned_data)
        messages.success(request, _("Your settings are saved."))
        response = redirect("core:profile")
        if user.language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                user.language,
                max_age=31536000,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response
    return render(request, "core/profile.html", {"form": form, **_feed_addresses(request)})


def _feed_addresses(request: HttpRequest) -> dict:
    if not access.can_view_directory(request.user):
        return {}
    token = calendar.feed_token(request.user)
    return {
        "feed_personal": request.build_absolute_uri(
            reverse("core:calendar_feed", args=[token, "mine"])
        ),
        "feed_office": request.build_absolute_uri(
            reverse("core:calendar_feed", args=[token, "office"])
        ),
    }


@login_required
@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    calendar.reset_feed(request.user)
    messages.success(request, _("Your calendar addresses are new; the old ones no longer work."))
    return redirect("core:profile")


def calendar_feed(request: HttpRequest, token: str, scope: str) -> HttpResponse:
    """An iCalendar feed; the secret token is the only credential, as calendar apps need."""
    user = calendar.owner_of(token)
    if user is None or scope not in ("mine", "office"):
        raise Http404
    base_url = request.build_absolute_uri("/")
    with translation.override(user.language or settings.LANGUAGE_CODE):
        if scope == "mine":
            body = calendar.to_ics(
                calendar.personal_events(user),
                _("Ratusz: %(name)s") % {"name": user},
                base_url=base_url,
            )
        else:
            body = calendar.to_ics(
                calendar.office_events(), _("Ratusz: external audits"), base_url=base_url
            )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


# --- search -------------------------------------------------------------------------


SEARCH_PAGE = 20


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    query = request.GET.get("q", "").strip()[:200]
    available = search.kinds()
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in available else None
    try:
        page = max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        page = 1
    results = None
    if query:
        results = search.search(
            request.user, query, kinds=kinds, limit=SEARCH_PAGE, offset=(page - 1) * SEARCH_PAGE
        )
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "kind": kind,
            "kinds": available,
            "results": results,
            "page": page,
            "labels": available,
            "has_next": bool(results and results.total > page * SEARCH_PAGE),
        },
    )


@login_required
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    """A background job's progress; the page asks again until the job has finished."""
    job = selectors.job_for(user=request.user, pk=pk)
    if job is None:
        raise Http404(_("No such job, or it was not yours."))
    template = "core/job.html#status" if request.htmx else "core/job.html"
    return render(request, template, {"job": job, "kind": jobs.kind_label(job.kind)})
