"""Readiness of service delivery (ISO 9001 8.1, 8.5): the office knows whether its
services are delivered on time, and they are."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.services import figures
from ratusz.services.models import CaseImport, ServiceCard
from ratusz.services.policies import can_create_card, can_import_cases


def _monitored(today: date, p: dict) -> Verdict:
    """8.1: services have cards with targets, and their cases are imported regularly."""
    if not ServiceCard.objects.filter(is_active=True).exists():
        return Verdict(
            RED,
            _("No service cards: the services and their on-time targets are not described."),
            reverse("services:card_create"),
            can_create_card,
        )
    last = (
        CaseImport.objects.filter(status=CaseImport.Status.DONE)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if last is None:
        return Verdict(
            RED,
            _("No cases have been imported from the EZD: timeliness is not monitored."),
            reverse("services:import_form"),
            can_import_cases,
        )
    if last.date() < today - timedelta(days=p["max_import_age_days"]):
        return Verdict(
            AMBER,
            _("The last import of cases was on %(day)s; the figures are out of date.")
            % {"day": last.date().isoformat()},
            reverse("services:import_form"),
            can_import_cases,
        )
    return Verdict(GREEN, _("Cases imported on %(day)s.") % {"day": last.date().isoformat()})


def _on_time(today: date, p: dict) -> Verdict:
    """8.5: every service with cases in the last twelve months meets its on-time target."""
    first, last = figures.last_twelve_months(today)
    by_card = figures.grouped("service_id", first=first, last=last)
    cards = ServiceCard.objects.filter(is_active=True, pk__in=[k for k in by_card if k])
    below = []
    for card in cards.order_by("number"):
        share = by_card[card.pk].on_time_share
        if share is not None and share < card.on_time_target:
            below.append((card, share))
    if not by_card:
        return Verdict(AMBER, _("No settled cases in the last twelve months to judge."))
    if below:
        card, share = below[0]
        return Verdict(
            RED,
            _(
                "%(n)d services settle fewer cases on time than their target; e.g. "
                "%(card)s: %(share)s%% against %(target)s%%."
            )
            % {
                "n": len(below),
                "card": card,
                "share": number_format(share, 1),
                "target": number_format(card.on_time_target, 1),
            },
            card.get_absolute_url(),
        )
    share = figures.total(first=first, last=last).on_time_share
    return Verdict(
        GREEN,
        _("Every service meets its on-time target; %(share)s%% of cases settled on time.")
        % {"share": number_format(share, 1) if share is not None else "—"},
    )


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "8.1",
        gettext_lazy("Service cards with on-time targets; cases imported from the EZD"),
        _monitored,
        {"max_import_age_days": 35},
    ),
    ReadinessRule(
        "8.5",
        gettext_lazy("Cases settled on time, service by service, in the last twelve months"),
        _on_time,
    ),
]
