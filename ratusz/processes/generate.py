"""Processes of the synthetic benchmark office (`ratusz generate`): 120 at city-L,
spread over the generated units, each owned by its unit's head. Written with
bulk_create (processes, then their clauses in one go) and indexed for search."""

from __future__ import annotations

from ratusz.core import search
from ratusz.core.models import Clause, OrgUnit
from ratusz.processes.models import Process
from ratusz.processes.search import process_row

COUNTS = {"s": 12, "m": 40, "l": 120}
KIND_CLAUSES = {
    Process.Kind.MANAGEMENT: ("4.4", "5.1", "6.1", "6.2", "9.3"),
    Process.Kind.CORE: ("8.2", "8.5.1", "7.5", "9.1.2"),
    Process.Kind.SUPPORT: ("7.1.2", "7.1.3", "7.2", "8.4"),
}
STEMS = [
    "Obsługa wniosków",
    "Wydawanie decyzji",
    "Wydawanie zaświadczeń",
    "Prowadzenie rejestru",
    "Kontrola i nadzór",
    "Rozpatrywanie skarg i wniosków",
    "Planowanie i sprawozdawczość",
    "Współpraca z organizacjami",
]


def generate(ctx, scale) -> int:
    rng = ctx.rng
    total = COUNTS.get(scale.name, max(round(COUNTS["l"] * scale.factor), 12))
    numbers = {n for group in KIND_CLAUSES.values() for n in group}
    clause_ids = dict(
        Clause.objects.filter(standard="ISO 9001", edition="2015", number__in=numbers).values_list(
            "number", "pk"
        )
    )
    units = [u for u in ctx.units if u.code != "SZJ"] or list(ctx.units)
    szj = next((u for u in ctx.units if u.code == "SZJ"), units[0])
    processes = []
    for i in range(total):
        if i == 0:
            unit, kind = szj, Process.Kind.MANAGEMENT
        else:
            unit = units[i % len(units)]
            kind = (
                Process.Kind.MANAGEMENT
                if unit.kind == OrgUnit.Kind.MANAGEMENT
                else Process.Kind.SUPPORT
                if i % 5 == 0
                else Process.Kind.CORE
            )
        processes.append(
            Process(
                code=f"P{i + 1:03d}",
                name=f"{STEMS[i % len(STEMS)]}: {unit.name}",
                kind=kind,
                description=f"Proces wygenerowany dla testów wydajności ({unit.name}).",
                owner_unit=unit,
                owner=ctx.heads.get(unit.pk),
                risk=rng.randint(1, 5),
            )
        )
    Process.objects.bulk_create(processes)
    Through = Process.clauses.through
    links = [
        Through(process_id=process.pk, clause_id=clause_ids[number])
        for process in processes
        for number in KIND_CLAUSES[process.kind]
        if number in clause_ids
    ]
    Through.objects.bulk_create(links)
    for process in processes:
        search.index("process", **process_row(process))
    return len(processes)
