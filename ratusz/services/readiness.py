"""Readiness of service delivery (ISO 9001 8.1, 8.2, 8.5, 8.6): the services are described
to residents on current cards, the office knows whether they are delivered on time, they
are, and each case's outcome is recorded."""

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


def _cards_current(today: date, p: dict) -> Verdict:
    """8.2: the requirements of each service are told to residents on a published card,
    kept as a controlled document that is reviewed on time."""
    cards = ServiceCard.objects.filter(is_active=True).select_related("document")
    if not cards.exists():
        return Verdict(
            RED,
            _("No service cards: residents are not told what each service requires."),
            reverse("services:card_create"),
            can_create_card,
        )
    unpublished = cards.filter(is_published=False).order_by("number")
    first = unpublished.first()
    if first is not None:
        return Verdict(
            AMBER,
            _("%(n)d service cards in use are not published to residents; e.g. %(card)s.")
            % {"n": unpublished.count(), "card": first},
            first.get_absolute_url(),
        )
    uncontrolled = cards.filter(document__isnull=True).order_by("number")
    first = uncontrolled.first()
    if first is not None:
        return Verdict(
            AMBER,
            _(
                "%(n)d published cards are not kept as controlled documents (numbered, "
                "approved, reviewed); e.g. %(card)s."
            )
            % {"n": uncontrolled.count(), "card": first},
            first.get_absolute_url(),
        )
    overdue = cards.filter(document__next_review_date__lt=today).order_by("number")
    first = overdue.first()
    if first is not None:
        return Verdict(
            AMBER,
            _("%(n)d service cards are past their periodic review; e.g. %(card)s.")
            % {"n": overdue.count(), "card": first},
            first.get_absolute_url(),
        )
    return Verdict(
        GREEN,
        _("%(n)d service cards published, approved and reviewed on time.") % {"n": cards.count()},
    )


def _outcomes(today: date, p: dict) -> Verdict:
    """8.6: each case settled in the last twelve months has its outcome recorded (the
    release of the service to the resident: a decision, a certificate, a letter).

    Read from the monthly rollup the import keeps (`CaseFigure.no_outcome`), never from
    the cases: one aggregate query at five million cases as at fifty."""
    first, last = figures.last_twelve_months(today)
    settled, no_outcome = figures.settled_without_outcome(first=first, last=last)
    if not settled:
        return Verdict(AMBER, _("No cases settled in the last twelve months to judge."))
    if no_outcome:
        return Verdict(
            AMBER,
            _(
                "Some cases settled in the last twelve months have no outcome in the EZD "
                "export: add the outcome column to the export."
            ),
            reverse("services:import_form"),
            can_import_cases,
        )
    return Verdict(GREEN, _("Every case settled in the last twelve months has its outcome."))


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "8.1",
        gettext_lazy("Service cards with on-time targets; cases imported from the EZD"),
        _monitored,
        {"max_import_age_days": 35},
    ),
    ReadinessRule(
        "8.2",
        gettext_lazy("Service cards published to residents, approved and reviewed"),
        _cards_current,
    ),
    ReadinessRule(
        "8.5",
        gettext_lazy("Cases settled on time, service by service, in the last twelve months"),
        _on_time,
    ),
    ReadinessRule(
        "8.6",
        gettext_lazy("The outcome of every settled case is recorded"),
        _outcomes,
    ),
]
