"""The audit programme's proposal reads process risk from the register (9.2.2 a)."""

from __future__ import annotations

from ratusz.audits import proposal
from ratusz.processes.tests.factories import make_process
from ratusz.risks import process_risk
from ratusz.risks.tests.factories import make_risk


def test_levels_are_brought_to_the_five_point_scale():
    assert [process_risk.to_five(level, 25) for level in (1, 5, 6, 15, 25)] == [1, 1, 2, 3, 5]


def test_the_worst_open_risk_of_each_process_counts_and_opportunities_do_not(office):
    process = make_process(office, risk=1)
    untouched = make_process(office, code="P05", risk=4)
    make_risk(office, process=process)  # residual 2 × 3 = 6
    worst = make_risk(office, process=process, residual_likelihood=4, residual_impact=4)
    make_risk(
        office,
        title="Szansa",
        kind="opportunity",
        response="exploit",
        process=untouched,
        inherent_likelihood=5,
        inherent_impact=5,
        residual_likelihood=5,
        residual_impact=5,
    )
    found = process_risk.levels([process, untouched])
    assert set(found) == {process.pk}
    assert found[process.pk].level == 4 and worst.reference in found[process.pk].reason


def test_the_proposal_uses_the_register_and_keeps_the_typed_in_risk_as_fallback(office):
    process = make_process(office, risk=1)
    other = make_process(office, code="P05", risk=2)
    make_risk(
        office,
        process=process,
        inherent_likelihood=5,
        inherent_impact=5,
        residual_likelihood=5,
        residual_impact=5,
    )
    state = proposal.due_state(year=2027, processes=[process, other])
    assert state[process.pk]["risk"] == 5 and state[other.pk]["risk"] == 2
    [first, *_rest] = proposal.propose_programme(2027)
    assert first.process == process and first.risk == 5 and "risk register" in first.rationale
    assert "Risk: " in proposal._rationale(other, state[other.pk], 2027)
