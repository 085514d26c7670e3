"""The bridge between the contract's records and the pure penalty arithmetic.

`ratusz.lib.penalties` knows nothing of models; this module turns a contract's
clauses, delay periods and penalties into its inputs and reads its answers back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from ratusz.lib import penalties as calc
from ratusz.suppliers.models import Contract, DelayPeriod, Milestone, Penalty, PenaltyClause


def cap_of(contract: Contract) -> calc.Cap:
    base = calc.Base(contract.cap_base or "net")
    if contract.cap_amount is not None:
        return calc.Cap(amount=contract.cap_amount, base=base)
    return calc.Cap(percent=Decimal(contract.cap_percent or 0), base=base)


def clause_of(clause: PenaltyClause) -> calc.Clause:
    return calc.Clause(
        basis=calc.Basis(clause.basis),
        rate=Decimal(clause.rate),
        base=calc.Base(clause.base) if clause.base else None,
    )


def excused(delays: Iterable[DelayPeriod]) -> list[tuple[date, date]]:
    """The periods the contractor is not to blame for (only zwłoka accrues penalties)."""
    return [(d.starts_on, d.ends_on) for d in delays if not d.is_zwloka]


def milestone_delay(milestone: Milestone, delays: Iterable[DelayPeriod], today: date) -> int:
    """Days of zwłoka of a milestone: to its completion, or to today while it is open."""
    done = milestone.completed_on or today
    return calc.days_of_delay(milestone.planned_on, done, excused=excused(delays))


def repair_delay(protocol, delays: Iterable[DelayPeriod], today: date) -> int:
    """Days of zwłoka in repairing a protocol's defects: past its deadline to the repair,
    or to today while the defects are not repaired."""
    if protocol.repair_deadline is None:
        return 0
    done = protocol.repaired_on or today
    return calc.days_of_delay(protocol.repair_deadline, done, excused=excused(delays))


def contract_delay(contract: Contract, delays: Iterable[DelayPeriod], today: date) -> int:
    """Days of zwłoka of the whole contract against its planned completion."""
    if contract.status == Contract.Status.PLANNED:
        return 0
    done = contract.completed_on or today
    return calc.days_of_delay(contract.planned_completion, done, excused=excused(delays))


def compute(contract: Contract, rows: list[Penalty]) -> calc.Ledger:
    events = [
        calc.Event(key=p.pk, clause=clause_of(p.clause), on=p.event_on, days=p.days) for p in rows
    ]
    return calc.compute(
        events, cap=cap_of(contract), net=contract.value_net, gross=contract.value_gross
    )
