"""Named reads of the public services area, for pages, the API and plug-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.formats import date_format

from ratusz.core import access
from ratusz.core.models import Attachment, OrgUnit, Role
from ratusz.services import figures
from ratusz.services.models import CaseImport, ServiceCard


@dataclass(frozen=True)
class Selection:
    """What a figures page covers: months `first` to `last`, and optional filters."""

    first: date
    last: date
    org_unit: OrgUnit | None = None
    service: ServiceCard | None = None
    jrwa: str = ""

    def kwargs(self) -> dict[str, Any]:
        return {
            "first": self.first,
            "last": self.last,
            "org_unit": self.org_unit.pk if self.org_unit else None,
            "service": self.service.pk if self.service else None,
            "jrwa": self.jrwa,
        }


@dataclass(frozen=True)
class Line:
    """A row of a figures table: what it is about, its figures and its open cases."""

    label: str
    figures: figures.Figures
    url: str = ""
    target: Decimal | None = None
    overdue: int = 0
    due_soon: int = 0

    @property
    def below_target(self) -> bool:
        share = self.figures.on_time_share
        return self.target is not None and share is not None and share < self.target


@dataclass(frozen=True)
class FiguresPage:
    total: figures.Figures
    overdue: int
    due_soon: int
    by_service: list[Line]
    by_unit: list[Line]
    by_month: list[Line]
    by_jrwa: list[Line]


def figures_page(selection: Selection, *, today: date) -> FiguresPage:
    """Every table of the figures page, from the rollup (and the open cases' index)."""
    kwargs = selection.kwargs()
    found = figures.breakdown(**kwargs)
    total = found.total
    by_service, by_unit, by_month, by_jrwa = (
        found.by_service, found.by_unit, found.by_month, found.by_jrwa
    )  # fmt: skip
    open_by_unit = figures.open_cases(
        today,
        org_unit=kwargs["org_unit"],
        service=kwargs["service"],
        jrwa=kwargs["jrwa"],
    )
    cards = ServiceCard.objects.in_bulk([k for k in by_service if k is not None])
    units = OrgUnit.objects.in_bulk(list({*by_unit, *(k for k in open_by_unit if k)}))
    service_lines = []
    for key, value in by_service.items():
        card = cards.get(key) if key is not None else None
        service_lines.append(
            Line(
                label=str(card) if card else "",
                figures=value,
                url=card.get_absolute_url() if card else "",
                target=card.on_time_target if card else None,
            )
        )
    service_lines.sort(key=lambda line: (line.label == "", line.label))
    unit_lines = sorted(
        (
            Line(
                label=units[key].name,
                figures=by_unit.get(key, figures.Figures()) if key else figures.Figures(),
                overdue=open_by_unit[key].overdue if key in open_by_unit else 0,
                due_soon=open_by_unit[key].due_soon if key in open_by_unit else 0,
            )
            for key in {*by_unit, *open_by_unit}
            if key in units
        ),
        key=lambda line: line.label,
    )
    return FiguresPage(
        total=total,
        overdue=sum(o.overdue for o in open_by_unit.values()),
        due_soon=sum(o.due_soon for o in open_by_unit.values()),
        by_service=service_lines,
        by_unit=unit_lines,
        by_month=[
            Line(label=date_format(m, "YEAR_MONTH_FORMAT"), figures=by_month[m])
            for m in sorted(by_month)
        ],
        by_jrwa=[Line(label=k, figures=by_jrwa[k]) for k in sorted(by_jrwa)],
    )


def card_list(*, today: date) -> list[tuple[ServiceCard, figures.Figures]]:
    """Every card with its figures of the last twelve months (one rollup read)."""
    first, last = figures.last_twelve_months(today)
    by_card = figures.grouped("service_id", first=first, last=last)
    cards = ServiceCard.objects.select_related("org_unit").order_by("number")
    return [(card, by_card.get(card.pk, figures.Figures())) for card in cards]


def card_page(card: ServiceCard, *, today: date) -> FiguresPage:
    """A card's figures of the last twelve months."""
    first, last = figures.last_twelve_months(today)
    return figures_page(Selection(first=first, last=last, service=card), today=today)


def imports():
    return CaseImport.objects.select_related("started_by").order_by("-started_at")


@dataclass(frozen=True)
class UnitOverdue:
    unit: OrgUnit
    overdue: int
    due_soon: int


def dashboard(*, user, today: date) -> dict | None:
    """Open cases overdue and due soon in the units the user answers for (all: the
    quality manager and top management); None when there is nothing to show."""
    everything = access.has_role(user, Role.QUALITY_MANAGER, Role.TOP_MANAGEMENT)
    paths = access.managed_unit_paths(user)
    if not everything and not paths:
        return None
    counts = figures.open_cases(today)
    units = OrgUnit.objects.in_bulk([k for k in counts if k])
    rows = [
        UnitOverdue(units[pk], c.overdue, c.due_soon)
        for pk, c in counts.items()
        if pk in units
        and (c.overdue or c.due_soon)
        and (everything or any(units[pk].path.startswith(p) for p in paths))
    ]
    if not rows:
        return None
    rows.sort(key=lambda r: (-r.overdue, r.unit.name))
    return {"units": rows[:8], "more": max(len(rows) - 8, 0)}


def public_cards(*, q: str = "", org_unit: OrgUnit | None = None, topic: str = ""):
    """Cards residents see: in use and published; searched by name, number and content."""
    cards = ServiceCard.objects.filter(is_active=True, is_published=True).select_related("org_unit")
    if q:
        cards = cards.filter(
            Q(name__icontains=q)
            | Q(number__icontains=q)
            | Q(outcome__icontains=q)
            | Q(required_documents__icontains=q)
        )
    if org_unit is not None:
        cards = cards.filter(org_unit=org_unit)
    if topic:
        cards = cards.filter(topic=topic)
    return cards.order_by("name", "number")


def public_units():
    """Units with a published card, for the catalogue's filter."""
    return (
        OrgUnit.objects.filter(service_cards__is_active=True, service_cards__is_published=True)
        .distinct()
        .order_by("name")
    )


def public_card(pk: int) -> ServiceCard | None:
    return (
        ServiceCard.objects.filter(is_active=True, is_published=True, pk=pk)
        .select_related(
            "org_unit",
            "document__current_version__author",
            "document__current_version__approver",
        )
        .first()
    )


def card_figures(card: ServiceCard, *, today: date) -> figures.Figures:
    """A card's figures of the last twelve months, from the rollup."""
    first, last = figures.last_twelve_months(today)
    return figures.total(first=first, last=last, service=card.pk)


def card_forms(card: ServiceCard) -> list[Attachment]:
    """The forms kept with a card, in the order they were added."""
    return list(
        Attachment.objects.filter(
            target_type=ContentType.objects.get_for_model(ServiceCard), target_id=str(card.pk)
        )
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )


def public_form(*, card_pk: int, pk: int) -> Attachment | None:
    """A form residents may download: one of a published card in use, else None."""
    if not ServiceCard.objects.filter(pk=card_pk, is_active=True, is_published=True).exists():
        return None
    return Attachment.objects.filter(
        pk=pk, target_type=ContentType.objects.get_for_model(ServiceCard), target_id=str(card_pk)
    ).first()
