"""The residents' catalogue of service cards: no sign-in, only published cards in use."""

from __future__ import annotations

from django import forms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core import uploads
from ratusz.core.listing import paginate
from ratusz.services import selectors
from ratusz.services.models import LifeSituation

PER_PAGE = 30


class CatalogueFilter(forms.Form):
    """Search and browse the catalogue (a GET form, works without JavaScript)."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    topic = forms.ChoiceField(
        label=_("Life situation"),
        choices=[("", _("All"))] + list(LifeSituation.choices),
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=selectors.public_units(), required=False, empty_label=_("All")
    )


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilter(request.GET or None)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cards = selectors.public_cards(
        q=(chosen.get("q") or "").strip(),
        org_unit=chosen.get("unit"),
        topic=chosen.get("topic") or "",
    )
    page, query = paginate(request, cards, PER_PAGE)
    context = {"form": form, "page": page, "query": query, "filtered": bool(chosen)}
    return render(request, "services/public_catalogue.html", context)


def card(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.public_card(pk)
    if found is None:
        raise Http404
    context = {
        "card": found,
        "figures": selectors.card_figures(found, today=timezone.localdate()),
        "approved": found.document.current_version if found.document else None,
        "forms": selectors.card_forms(found),
    }
    return render(request, "services/public_card.html", context)


def form_download(request: HttpRequest, pk: int, file: int) -> FileResponse:
    """A form of a published card, as a download (never shown in the browser's page)."""
    form = selectors.public_form(card_pk=pk, pk=file)
    if form is None:
        raise Http404
    return uploads.download(form.file, filename=form.original_name, content_type=form.mime_type)
