"""Contractors and contracts of the synthetic benchmark office (`ratusz generate`):
2,000 contractors, 20,000 contracts and 100,000 milestones at city-L, written with
bulk_create; contract numbers continue each year's series."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from ratusz.core.services import last_number, raise_series_to
from ratusz.suppliers.models import Contract, Contractor, Milestone, Penalty, PenaltyClause

CONTRACTORS = {"s": 100, "m": 500, "l": 2000}
CONTRACTS = {"s": 1000, "m": 5000, "l": 20000}
MILESTONES_PER_CONTRACT = 5  # four partial ones and the completion
BATCH = 2000
_NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
SUBJECTS = [
    "Przebudowa ulicy",
    "Remont budynku szkoły",
    "Dostawa sprzętu komputerowego",
    "Utrzymanie zieleni",
    "Modernizacja oświetlenia",
    "Budowa ścieżki rowerowej",
    "Dokumentacja projektowa",
    "Odbiór odpadów",
]


def _nip(seed: int) -> str | None:
    base = f"{100_000_000 + seed * 7919 % 899_999_999:09d}"
    check = sum(int(d) * w for d, w in zip(base, _NIP_WEIGHTS, strict=True)) % 11
    return None if check == 10 else base + str(check)


def _count(table: dict[str, int], scale) -> int:
    return table.get(scale.name, max(round(table["l"] * scale.factor), 10))


def generate(ctx, scale) -> int:
    rng, today = ctx.rng, ctx.today
    contractors = []
    for i in range(_count(CONTRACTORS, scale)):
        contractors.append(
            Contractor(
                name=f"Wykonawca {i + 1:05d} Sp. z o.o.",
                nip=_nip(i + 1),
                categories=SUBJECTS[i % len(SUBJECTS)].lower(),
            )
        )
    Contractor.objects.bulk_create(contractors, batch_size=BATCH)
    units = list(ctx.units)
    numbers: dict[int, int] = {}
    contracts = []
    for i in range(_count(CONTRACTS, scale)):
        signed = today - timedelta(days=rng.randint(30, 1500))
        year = signed.year
        numbers[year] = numbers.get(year, last_number(f"contract:{year}")) + 1
        planned = signed + timedelta(days=rng.randint(60, 540))
        done = planned + timedelta(days=rng.randint(-20, 60)) if planned < today else None
        net = rng.randint(5_000, 5_000_000) * 100
        unit = units[i % len(units)]
        contracts.append(
            Contract(
                year=year,
                number=numbers[year],
                reference=f"UM/{year}/{numbers[year]:04d}",
                subject=f"{SUBJECTS[i % len(SUBJECTS)]} nr {i + 1}",
                kind=rng.choice(Contract.Kind.values),
                procedure=rng.choice(Contract.Procedure.values),
                contractor=contractors[i % len(contractors)],
                org_unit=unit,
                manager=ctx.heads.get(unit.pk),
                value_net=net,
                value_gross=net * 123 // 100,
                offer_price=net * 123 // 100,
                signed_on=signed,
                planned_completion=planned,
                completed_on=done if done and done <= today else None,
                final_accepted_on=done if done and done <= today else None,
                cap_percent=Decimal(20),
                status=Contract.Status.COMPLETED
                if done and done <= today
                else Contract.Status.RUNNING,
                is_public=i % 3 == 0,
            )
        )
    Contract.objects.bulk_create(contracts, batch_size=BATCH)
    for year, last in numbers.items():
        raise_series_to(f"contract:{year}", last)
    milestones, clauses = [], []
    for contract in contracts:
        span = (contract.planned_completion - contract.signed_on).days
        for k in range(1, MILESTONES_PER_CONTRACT):
            planned = contract.signed_on + timedelta(days=span * k // MILESTONES_PER_CONTRACT)
            milestones.append(
                Milestone(
                    contract=contract,
                    name=f"Etap {k}",
                    planned_on=planned,
                    original_planned_on=planned,
                    completed_on=planned if planned < today else None,
                )
            )
        milestones.append(
            Milestone(
                contract=contract,
                name="Wykonanie umowy",
                planned_on=contract.planned_completion,
                original_planned_on=contract.planned_completion,
                completed_on=contract.completed_on,
                is_final=True,
            )
        )
        clauses.append(
            PenaltyClause(
                contract=contract,
                breach=PenaltyClause.Breach.LATE_COMPLETION,
                basis=PenaltyClause.Basis.PERCENT_PER_DAY,
                base="net",
                rate=Decimal("0.1"),
            )
        )
    Milestone.objects.bulk_create(milestones, batch_size=BATCH)
    PenaltyClause.objects.bulk_create(clauses, batch_size=BATCH)
    penalties = []
    for contract, clause in zip(contracts, clauses, strict=True):
        if contract.completed_on and contract.completed_on > contract.planned_completion:
            days = (contract.completed_on - contract.planned_completion).days
            due = min(contract.value_net * days // 1000, contract.value_net // 5)
            penalties.append(
                Penalty(
                    contract=contract,
                    clause=clause,
                    event_on=contract.completed_on,
                    days=days,
                    raw=contract.value_net * days // 1000,
                    due=due,
                    capped=due < contract.value_net * days // 1000,
                    charged=due if rng.random() < 0.6 else 0,
                    charge_document="NK/GEN" if rng.random() < 0.6 else "",
                )
            )
    Penalty.objects.bulk_create(penalties, batch_size=BATCH)
    return len(contractors) + len(contracts) + len(milestones) + len(clauses) + len(penalties)
