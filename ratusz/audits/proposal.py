"""The risk-based proposal of the yearly audit programme (ISO 9001 9.2.2 a).

Every process is audited at least once in three consecutive years; within
that, processes with a higher risk, more findings in the last three years and a
longer time since their last audit come first and earlier in the year.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ratusz.audits.models import Audit, Finding, Programme, ProgrammeItem
from ratusz.core.models import Clause, OrgUnit
from ratusz.core.plugins import ProcessRisk, area_modules
from ratusz.processes.models import Process

CYCLE_YEARS = 3  # every process audited at least once in this many years
FINDINGS_LOOKBACK = 3
FINDING_WEIGHTS = {
    Finding.Grade.MAJOR: 6,
    Finding.Grade.MINOR: 3,
    Finding.Grade.OBSERVATION: 1,
}
FIRST_MONTH, LAST_MONTH = 2, 11  # audits are spread over February to November


# --- the programme proposal -------------------------------------------------------------------


@dataclass
class ProposedItem:
    process: Process
    org_unit: OrgUnit
    clauses: list[Clause]
    score: int
    mandatory: bool
    years_since: (
        int  # years since the last closed audit (never audited: counted from the cycle start)
    )
    last_audited: int | None
    findings: Counter
    rationale: str = ""
    month: int = 0
    risk: int = 0  # the risk the score used: the register's, else the typed-in one


def register_risk(processes: Sequence[Process]) -> dict[int, ProcessRisk]:
    """Process risk from the areas' registers (`process_risk.py`), by process id."""
    found: dict[int, ProcessRisk] = {}
    for _label, module in area_modules("process_risk"):
        found.update(module.levels(processes))
    return found


def _cycle_start(year: int) -> int:
    """The year the 3-year cycle of never-audited processes counts from."""
    first = Programme.objects.aggregate(first=Min("year"))["first"]
    return min(first or year, year)


def due_state(*, year: int, processes: list[Process] | None = None) -> dict[int, dict]:
    """Per process id: last closed audit year, years since it, findings in the last
    3 years and whether the 3-year rule makes an audit mandatory in `year`."""
    processes = (
        processes
        if processes is not None
        else list(Process.objects.filter(is_active=True).select_related("owner_unit"))
    )
    ids = [p.pk for p in processes]
    last = dict(
        Audit.objects.filter(
            process_id__in=ids, status=Audit.Status.CLOSED, planned_start__year__lt=year
        )
        .values("process_id")
        .annotate(last=Max("planned_start"))
        .values_list("process_id", "last")
    )
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Finding.objects.filter(
            process_id__in=ids,
            audit__planned_start__year__gte=year - FINDINGS_LOOKBACK,
            audit__planned_start__year__lt=year,
        )
        .values("process_id", "grade")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["process_id"]][row["grade"]] += row["n"]
    start = _cycle_start(year)
    registered = register_risk(processes)
    state = {}
    for process in processes:
        last_day = last.get(process.pk)
        created = min(process.created_at.year if process.created_at else year, year)
        if last_day is not None:
            years_since = year - last_day.year
        else:
            # Never audited: as if audited the year before the cycle (or the process) began,
            # so it becomes mandatory in the cycle's third year at the latest.
            years_since = year - max(min(start, created), year - CYCLE_YEARS) + 1
        from_register = registered.get(process.pk)
        state[process.pk] = {
            "risk": from_register.level if from_register else process.risk,
            "risk_reason": from_register.reason if from_register else "",
            "last": last_day.year if last_day else None,
            "last_day": last_day,
            "years_since": years_since,
            "findings": counts[process.pk],
            "mandatory": years_since >= CYCLE_YEARS,
        }
    return state


def _score(process: Process, info: dict) -> int:
    findings = sum(FINDING_WEIGHTS.get(g, 0) * n for g, n in info["findings"].items())
    return info.get("risk", process.risk) * 10 + min(findings, 30) + min(info["years_since"], 4) * 8


def _rationale(process: Process, info: dict, year: int) -> str:
    """Why and when, in the reader's language: rendered when shown, never stored."""
    f = info["findings"]
    risk = info.get("risk", process.risk)
    reason = info.get("risk_reason", "")
    parts = [
        _("Risk from the risk register: %(risk)s/5 (%(reason)s).")
        % {"risk": risk, "reason": reason}
        if reason
        else _("Risk: %(label)s (%(risk)s/5).")
        % {"label": process.get_risk_display(), "risk": process.risk},
        _(
            "Findings in the last %(n)s years: %(major)s major, %(minor)s minor, "
            "%(obs)s observations."
        )
        % {
            "n": FINDINGS_LOOKBACK,
            "major": f.get(Finding.Grade.MAJOR, 0),
            "minor": f.get(Finding.Grade.MINOR, 0),
            "obs": f.get(Finding.Grade.OBSERVATION, 0),
        },
    ]
    last_day = info.get("last_day")
    if last_day is None:
        parts.append(_("Never audited."))
    elif last_day.year >= year:
        parts.append(
            _("Audited this year (%(date)s).")
            % {"date": date_format(last_day, "SHORT_DATE_FORMAT")}
        )
    else:
        parts.append(
            ngettext(
                "Last audited on %(date)s (%(n)s year ago).",
                "Last audited on %(date)s (%(n)s years ago).",
                year - last_day.year,
            )
            % {"date": date_format(last_day, "SHORT_DATE_FORMAT"), "n": year - last_day.year}
        )
    if info["mandatory"] and (last_day is None or last_day.year < year):
        parts.append(_("Due this year under the 3-year cycle."))
    return " ".join(parts)


def item_reasons(year: int, items: Sequence[ProgrammeItem]) -> dict[int, str]:
    """Why and when each item of the year's programme is audited, from today's data
    (risk, findings, the last closed audit, including one closed this year) and in
    the reader's language; the quality manager's own note follows."""
    processes = {item.process.pk: item.process for item in items if item.process is not None}
    state = due_state(year=year, processes=list(processes.values())) if processes else {}
    latest = dict(
        Audit.objects.filter(
            process_id__in=list(processes),
            status=Audit.Status.CLOSED,
            planned_start__year__lte=year,
        )
        .values("process_id")
        .annotate(last=Max("planned_start"))
        .values_list("process_id", "last")
    )
    reasons = {}
    for item in items:
        note = item.rationale.strip()
        if item.process is None:
            reasons[item.pk] = note or _("Added by the quality manager.")
            continue
        info = {**state[item.process.pk], "last_day": latest.get(item.process.pk)}
        reasons[item.pk] = " ".join(
            part for part in (_rationale(item.process, info, year), note) if part
        )
    return reasons


def propose_programme(year: int) -> list[ProposedItem]:
    """Which processes to audit in `year`, and when, ranked by risk.

    Mandatory: every process the 3-year rule makes due. Then the highest scores,
    until at least a third of the active processes are in. The highest scores
    get the earliest months, spread over February to November.
    """
    processes = list(
        Process.objects.filter(is_active=True)
        .select_related("owner_unit")
        .prefetch_related("clauses")
        .order_by("code")
    )
    if not processes:
        return []
    state = due_state(year=year, processes=processes)
    proposals = []
    for process in processes:
        info = state[process.pk]
        proposals.append(
            ProposedItem(
                process=process,
                org_unit=process.owner_unit,
                clauses=list(process.clauses.all()),
                score=_score(process, info),
                mandatory=info["mandatory"],
                years_since=info["years_since"],
                last_audited=info["last"],
                findings=info["findings"],
                rationale=_rationale(process, info, year),
                risk=info["risk"],
            )
        )
    proposals.sort(key=lambda p: (-p.score, -p.risk, p.process.code))
    wanted = math.ceil(len(processes) / CYCLE_YEARS)
    chosen = [p for p in proposals if p.mandatory]
    for p in proposals:
        if len(chosen) >= wanted:
            break
        if not p.mandatory:
            chosen.append(p)
    chosen.sort(key=lambda p: (-p.score, -p.risk, p.process.code))
    span = LAST_MONTH - FIRST_MONTH + 1
    for index, p in enumerate(chosen):
        p.month = FIRST_MONTH + (index * span) // len(chosen)
    return chosen


def missing_due_processes(programme: Programme) -> list[Process]:
    """Processes the 3-year rule makes due that are neither planned nor justifiably deferred."""
    processes = list(Process.objects.filter(is_active=True).order_by("code"))
    state = due_state(year=programme.year, processes=processes)
    covered = set(
        programme.items.filter(
            Q(status=ProgrammeItem.Status.PLANNED)
            | (Q(status=ProgrammeItem.Status.DEFERRED) & ~Q(justification=""))
        ).values_list("process_id", flat=True)
    )
    return [p for p in processes if state[p.pk]["mandatory"] and p.pk not in covered]
