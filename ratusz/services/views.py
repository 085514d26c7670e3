"""Pages of public services: timeliness figures, service cards, the case import.

Each view: access helper → form or service → render or redirect.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ratusz.core import access
from ratusz.core.forms import service_kwargs, submit
from ratusz.core.models import Attachment
from ratusz.services import figures, policies, selectors, services
from ratusz.services.forms import (
    CardEditForm,
    CardForm,
    CardFormFileForm,
    FiguresFilter,
    HeaderMapForm,
    ImportForm,
)
from ratusz.services.models import CaseImport, ServiceCard


@login_required
def figures_view(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    today = timezone.localdate()
    form = FiguresFilter(request.GET or None)
    first, last = figures.last_twelve_months(today)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    selection = selectors.Selection(
        first=chosen.get("first") or first,
        last=chosen.get("last") or last,
        org_unit=chosen.get("org_unit"),
        service=chosen.get("service"),
        jrwa=(chosen.get("jrwa") or "").strip(),
    )
    context = {
        "form": form,
        "selection": selection,
        "page": selectors.figures_page(selection, today=today),
        "can_import": policies.can_import_cases(request.user),
    }
    return render(request, "services/figures.html", context)


@login_required
def card_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    context = {
        "cards": selectors.card_list(today=timezone.localdate()),
        "can_create": policies.can_create_card(request.user),
    }
    return render(request, "services/card_list.html", context)


def _card_for_staff(request: HttpRequest, pk: int) -> ServiceCard:
    access.require_staff(request)
    return get_object_or_404(
        ServiceCard.objects.select_related(
            "org_unit", "document__current_version__approver", "document__current_version__author"
        ).prefetch_related("processes"),
        pk=pk,
    )


def _render_card(
    request: HttpRequest, card: ServiceCard, *, form_file: CardFormFileForm | None = None
) -> HttpResponse:
    page = selectors.card_page(card, today=timezone.localdate())
    share = page.total.on_time_share
    can_edit = policies.can_edit_card(request.user, card)
    context = {
        "card": card,
        "page": page,
        "can_edit": can_edit,
        "below_target": share is not None and share < card.on_time_target,
        "forms": selectors.card_forms(card),
        "form_file": form_file or (CardFormFileForm() if can_edit else None),
    }
    return render(request, "services/card_detail.html", context, status=400 if form_file else 200)


@login_required
def card_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_card(request, _card_for_staff(request, pk))


@login_required
@require_POST
def card_form_attach(request: HttpRequest, pk: int) -> HttpResponse:
    card = _card_for_staff(request, pk)
    if not policies.can_edit_card(request.user, card):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit changes its cards.")
        )
    form = CardFormFileForm(request.POST, request.FILES)
    if form.is_valid():
        attached = submit(
            form,
            lambda: services.attach_form(actor=request.user, card=card, **service_kwargs(form)),
        )
        if attached is not None:
            messages.success(
                request, _("Form %(name)s attached.") % {"name": attached.original_name}
            )
            return redirect(card)
    return _render_card(request, card, form_file=form)


@login_required
@require_POST
def card_form_remove(request: HttpRequest, pk: int, file: int) -> HttpResponse:
    card = _card_for_staff(request, pk)
    if not policies.can_edit_card(request.user, card):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit changes its cards.")
        )
    form = get_object_or_404(Attachment, pk=file)
    try:
        services.remove_form(actor=request.user, card=card, form=form)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(card)
    messages.success(request, _("Form %(name)s removed.") % {"name": form.original_name})
    return redirect(card)


@login_required
def card_create(request: HttpRequest) -> HttpResponse:
    if not policies.can_create_card(request.user):
        raise PermissionDenied(_("Only the quality manager or a head of unit adds service cards."))
    form = CardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        card = submit(
            form, lambda: services.create_card(actor=request.user, **service_kwargs(form))
        )
        if card is not None:
            messages.success(request, _("Service card %(number)s added.") % {"number": card.number})
            return redirect(card)
    return render(request, "services/card_form.html", {"form": form, "card": None})


@login_required
def card_edit(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(ServiceCard.objects.select_related("org_unit"), pk=pk)
    if not policies.can_edit_card(request.user, card):
        raise PermissionDenied(
            _("Only the quality manager or the head of the unit changes its cards.")
        )
    initial = {name: getattr(card, name) for name in services.CARD_FIELDS}
    initial.update(
        org_unit=card.org_unit_id,
        document=card.document_id,
        processes=list(card.processes.values_list("pk", flat=True)),
        version=card.version,
    )
    form = CardEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = submit(
            form,
            lambda: services.update_card(actor=request.user, card=card, **service_kwargs(form)),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(saved)
    context = {"form": form, "card": card, "conflict": form.conflict}
    return render(request, "services/card_form.html", context)


@login_required
def import_cases(request: HttpRequest) -> HttpResponse:
    if not policies.can_import_cases(request.user):
        raise PermissionDenied(_("Only the quality manager imports the case register."))
    # Bound on any POST: a post with only the file has an empty request.POST.
    data = request.POST if request.method == "POST" else None
    form = ImportForm(data, request.FILES or None)
    headers = HeaderMapForm(data, prefix="headers")
    headers_valid = headers.is_valid()  # validated even when the file is refused
    if request.method == "POST" and form.is_valid() and headers_valid:
        job = submit(
            form,
            lambda: services.import_upload(
                actor=request.user,
                file=form.cleaned_data["file"],
                mapping=headers.mapping(),
                skip_bad=form.cleaned_data["skip_bad"],
            ),
        )
        if job is not None:
            return redirect(job)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "headers": headers,
        "open_headers": bool(headers.errors) or (headers_valid and bool(headers.mapping())),
    }
    return render(request, "services/import_form.html", context, status=status)


@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    access.require_staff(request)
    paginator = Paginator(selectors.imports(), 30)
    page = paginator.get_page(request.GET.get("page"))
    context = {"page": page, "can_import": policies.can_import_cases(request.user)}
    return render(request, "services/import_list.html", context)


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_staff(request)
    record = get_object_or_404(CaseImport.objects.select_related("started_by"), pk=pk)
    return render(request, "services/import_detail.html", {"record": record})


@login_required
@require_POST
def card_nonconformity(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(ServiceCard.objects.select_related("org_unit"), pk=pk)
    if not policies.can_edit_card(request.user, card):
        raise PermissionDenied(_("Only the quality manager or the head of the unit records this."))
    try:
        nc = services.propose_nonconformity(actor=request.user, card=card)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(card)
    messages.success(request, _("Nonconformity %(nc)s recorded.") % {"nc": nc.reference})
    return redirect(nc)
