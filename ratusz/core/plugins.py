"""How areas join the shared features: the optional modules an area may have, and
the types they exchange with core.

Every Ratusz app other than core may have any of these modules; core finds them
with `area_modules(name)`, in INSTALLED_APPS order, so a new area joins a shared
feature without editing core or another area. Each module, and what it holds:

- `demo.py`: `load(ctx: core.demo.DemoContext) -> None`, the area's demo data
  (`ratusz demo`).
- `generate.py`: `generate(ctx: core.generate.GenerateContext, scale: Scale) -> int`,
  benchmark data; returns the number of rows made (`ratusz generate`).
- `bench.py`: `PAGES: list[BenchEntry]`, pages to measure (`ratusz bench`).
- `loadtest.py`: `SCENARIOS: dict[str, core.loadtest.Scenario]`, load-test mixes
  by name (`ratusz loadtest --scenario NAME`; core's own is "office").
- `api.py`: `register(router: rest_framework.routers.DefaultRouter) -> None`, the
  area's API endpoints under `/api/v1/`.
- `daily.py`: `run() -> dict[str, int]`, the area's part of the daily run
  (`ratusz remind`); the counts are printed as "label: n".
- `dashboard.py`: `card(user) -> DashboardCard | None`, the area's dashboard card
  (None: nothing to show this person).
- `calendar.py`: `personal(user) -> list[Event]` and/or `office() -> list[Event]`,
  events for the personal and the office iCalendar feeds.
- `evidence.py`: `items(today: date) -> list[EvidenceItem | EvidenceGap]`, the
  area's files in the evidence pack, by clause (a gap: evidence not held); PDF
  records are drawn with `core.records.record_pdf` and `table_html`.
- `readiness.py`: `RULES: list[ReadinessRule]`, the area's checks in the
  readiness view (`certification/readiness.py` runs them; it also holds the rules
  of the clauses core owns: 4.3 scope, 5.3 roles).
- `navigation.py`: `ENTRIES: list[NavEntry]`, the area's links in the side
  navigation, each with its group, its place in the group and the policy check
  that decides who sees it.
- `review.py`: `inputs(start: date, end: date) -> list[ReviewInput]`, the area's
  inputs to the management review (ISO 9001 9.3.2) for the period reviewed (both
  days included), each figure with the previous period's for the trend.
- `kpi.py`: `SOURCES: list[KpiSource]`, measures computed from the area's records
  that quality objectives can track as KPIs (9.1.1); a source's
  `measure(start=, end=, org_unit=None) -> Decimal | None`.
- `public.py`: `sections() -> list[PublicSection]`, the area's sections of the
  public portal at `/public/` (pages extend `core/public_base.html`; no sign-in).
- `process_panels.py`: `panels(process, user) -> list[ProcessPanel]`, the area's
  sections on a process page (ISO 9001 4.4: e.g. the process's risks and KPIs),
  so the processes area shows later areas' records without importing them; each
  call runs a fixed number of queries, whatever the number of rows.
- `process_risk.py`: `levels(processes) -> dict[int, ProcessRisk]`, a process's
  risk on the 1–5 scale of `Process.risk` as the area's register assesses it,
  by process id (processes it has nothing on are left out); the audit
  programme's proposal uses it instead of the typed-in risk. One query.
- `auditor_qualification.py`: `qualifications(user_ids) -> dict[int,
  AuditorQualification] | None`, the internal auditors' qualification as the
  area's competence records hold it, by user id (a user left out holds none);
  None while the area keeps no auditor qualification, so the audits area uses
  the pool's own entries. Two queries at most, whatever the number of users.
- `tests/test_permissions.py`: `TABLE` (and `WRITES`), the area's rows of the
  permission table in `core/tests/test_permissions.py`.

`MODULES` below names what each module defines; `core/tests/test_plugins.py`
holds every area to it.

Registrations made once, in the area's `AppConfig.ready()` rather than by a
module: object policies (`core.access.register_object_policy`, for the records
its pages show), searchable records (`core.search.register`) and notification
texts (`core.notifications.register`).

To contribute, an area imports the types below from core, never anything from
`certification` or another area that collects the contributions.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from ratusz.core.models import OrgUnit, User

# Each optional module and the names it defines (calendar.py: either or both).
MODULES: dict[str, tuple[str, ...]] = {
    "demo": ("load",),
    "generate": ("generate",),
    "bench": ("PAGES",),
    "loadtest": ("SCENARIOS",),
    "api": ("register",),
    "daily": ("run",),
    "dashboard": ("card",),
    "calendar": ("personal", "office"),
    "evidence": ("items",),
    "readiness": ("RULES",),
    "navigation": ("ENTRIES",),
    "review": ("inputs",),
    "kpi": ("SOURCES",),
    "public": ("sections",),
    "process_panels": ("panels",),
    "process_risk": ("levels",),
    "auditor_qualification": ("qualifications",),
}


def area_modules(name: str) -> Iterator[tuple[str, ModuleType]]:
    """Yield (app label, module) for each Ratusz app, other than core, that has `name`."""
    for config in apps.get_app_configs():
        if not config.name.startswith("ratusz.") or config.label == "core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
            continue
        yield config.label, module


# --- bench.py -------------------------------------------------------------------------

# (name, path) or (name, path, p95 budget in ms); `path` is called once the benchmark
# data exists, so it can look a record up.
BenchEntry = tuple[str, Callable[[], str]] | tuple[str, Callable[[], str], int]


# --- dashboard.py ---------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardCard:
    """One card on the dashboard: `template` is included with `data` as `card`."""

    template: str  # e.g. "documents/_dashboard_card.html"
    data: Any  # a dict or a dataclass the template reads
    # Cards are shown by `order`, then in INSTALLED_APPS order; core's "My actions"
    # card is 20, so a card before it takes a lower number.
    order: int = 100


# --- calendar.py ----------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """An all-day event in an iCalendar feed: deadlines and audit days, not meetings."""

    uid: str  # stable across refreshes, e.g. "action-12"
    summary: str
    start: date
    end: date | None = None  # inclusive last day; None for one day
    description: str = ""
    path: str = ""  # link inside Ratusz


# --- evidence.py ----------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceItem:
    """A file of the evidence pack, listed in its index under an ISO clause."""

    clause: str  # e.g. "7.5"
    title: str
    path: str  # inside the ZIP, e.g. "documents/P-01.pdf"
    render: Callable[[], bytes]  # called only when the pack is built


@dataclass(frozen=True)
class EvidenceGap:
    """Evidence the index names as not held by Ratusz (e.g. no audit programme)."""

    clause: str
    title: str


# --- readiness.py ---------------------------------------------------------------------

GREEN, AMBER, RED = "green", "amber", "red"  # the states of a verdict


@dataclass(frozen=True)
class Verdict:
    """What a readiness rule found: its state, why, and where the gap is fixed."""

    state: str  # GREEN, AMBER or RED
    reason: str
    fix_url: str = ""
    # Who may follow `fix_url`: the policy of the page it opens (None: every
    # member of staff), so the link shows only to those it opens for.
    fix_for: Callable[[Any], bool] | None = field(default=None, compare=False)

    def fix_url_for(self, user) -> str:
        if not self.fix_url or (self.fix_for is not None and not self.fix_for(user)):
            return ""
        return self.fix_url


@dataclass(frozen=True)
class ReadinessRule:
    """A check of one clause's evidence: `check(today, params)` gives the verdict.

    The thresholds are data (`params`), so a rule's test can move them.
    """

    clause: str  # e.g. "7.5"
    evidence: Any  # what Ratusz looks at (lazy text)
    check: Callable[[date, dict], Verdict]
    params: dict = field(default_factory=dict)


# --- navigation.py --------------------------------------------------------------------


class NavGroup(models.IntegerChoices):
    """The groups of the side navigation, in clause order."""

    OVERVIEW = 0, _("Overview")
    CONTEXT = 4, _("Context and leadership (4–5)")
    PLANNING = 6, _("Planning (6)")
    SUPPORT = 7, _("Support (7)")
    OPERATION = 8, _("Operation (8)")
    EVALUATION = 9, _("Performance evaluation (9)")
    IMPROVEMENT = 10, _("Improvement (10)")


@dataclass(frozen=True)
class NavEntry:
    """A link in the side navigation, shown to staff for whom `visible(user)` holds."""

    group: NavGroup
    order: int  # place in the group; core's own links leave gaps of ten
    label: str  # lazy text
    url_name: str  # reversed when the navigation is drawn, e.g. "documents:register"
    # The policy check; None: every member of staff. External auditors see none.
    visible: Callable[[User], bool] | None = None

    @property
    def href(self) -> str:
        return reverse(self.url_name)

    def is_visible_to(self, user: User) -> bool:
        return self.visible is None or self.visible(user)


# --- review.py ------------------------------------------------------------------------


class ReviewTopic(models.TextChoices):
    """The inputs a management review considers (ISO 9001 9.3.2)."""

    PREVIOUS_ACTIONS = "a", _("Status of actions from previous management reviews")
    ISSUES = "b", _("Changes in external and internal issues")
    SATISFACTION = "c1", _("Customer satisfaction and feedback from residents")
    OBJECTIVES = "c2", _("Extent to which quality objectives have been met")
    PROCESSES = "c3", _("Process performance and conformity of services")
    NONCONFORMITIES = "c4", _("Nonconformities and corrective actions")
    MEASUREMENT = "c5", _("Monitoring and measurement results")
    AUDITS = "c6", _("Audit results")
    PROVIDERS = "c7", _("Performance of external providers")
    RESOURCES = "d", _("Adequacy of resources")
    RISKS = "e", _("Effectiveness of actions taken to address risks and opportunities")
    IMPROVEMENT = "f", _("Opportunities for improvement")


@dataclass(frozen=True)
class ReviewFigure:
    """One figure of an input, with the previous period's for the trend."""

    label: str
    value: str  # formatted, e.g. "12" or "87%"
    previous: str = ""  # "" when there was no previous period


@dataclass(frozen=True)
class ReviewInput:
    """An area's input to a management review, for the period reviewed.

    Plain texts only, so a held review can freeze its inputs as they were.
    """

    topic: ReviewTopic
    title: str
    summary: str = ""
    figures: tuple[ReviewFigure, ...] = ()
    url: str = ""  # where the live records are


# --- kpi.py ---------------------------------------------------------------------------


class Measure(Protocol):
    """A KPI value over a period, office-wide or for one unit; None: nothing to measure."""

    def __call__(
        self, *, start: date, end: date, org_unit: OrgUnit | None = None
    ) -> Decimal | None: ...


@dataclass(frozen=True)
class KpiSource:
    """A measure computed from an area's records, which a KPI can track."""

    key: str  # stable, stored by the KPIs that track it, e.g. "improvement.nc_on_time"
    label: str  # lazy text
    unit: str  # e.g. "%", "days"
    measure: Measure
    higher_is_better: bool = True


# --- public.py ------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicSection:
    """An area's section of the public portal, listed on `/public/`."""

    title: str
    summary: str  # a sentence or two for the portal's index
    url: str  # the section's own page, under /public/
    order: int = 100  # sections are listed by order, then in INSTALLED_APPS order


# --- process_panels.py ----------------------------------------------------------------


@dataclass(frozen=True)
class ProcessPanel:
    """An area's section on a process page: `template` is included with `data` as `panel`.

    `title` heads the section; the template draws the rest (a table, with an empty
    state of its own). Panels are shown by `order`, then in INSTALLED_APPS order.
    """

    key: str  # the section's id on the page, e.g. "risks"
    title: str
    template: str  # e.g. "risks/_process_panel.html"
    data: Any
    order: int = 100


# --- process_risk.py ------------------------------------------------------------------


@dataclass(frozen=True)
class ProcessRisk:
    """A process's risk as a register assesses it, on `Process.risk`'s 1–5 scale."""

    level: int  # 1–5
    reason: str  # why, for the audit programme's rationale, e.g. "R/2026/0003: 16 of 25"


# --- auditor_qualification.py ---------------------------------------------------------


@dataclass(frozen=True)
class AuditorQualification:
    """An internal auditor's qualification as a competence record holds it (7.2, 9.2)."""

    trained_on: date | None  # the auditor training held now (None: none, or expired)
    can_lead: bool  # holds the lead auditor's competence now
    training: str = ""  # what evidences it, e.g. the certificate
