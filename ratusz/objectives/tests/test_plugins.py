"""What objectives add to the shared features: readiness, dashboard, daily run,
calendar, management review and evidence pack."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ratusz.core.models import Notification
from ratusz.core.plugins import AMBER, GREEN, RED, ReviewTopic
from ratusz.objectives import calendar, daily, dashboard, evidence, readiness, review
from ratusz.objectives.tests.factories import approved, make_kpi, make_objective, measure

TODAY = date(2026, 5, 10)


def _rule(clause):
    return next(rule for rule in readiness.RULES if rule.clause == clause)


def _check(clause):
    rule = _rule(clause)
    return rule.check(TODAY, rule.params)


def test_readiness_6_2_wants_this_years_objectives_approved_with_kpis(office):
    assert _check("6.2").state == RED  # none at all
    first = make_objective(office)
    verdict = _check("6.2")
    assert verdict.state == RED and "no KPI" in verdict.reason
    make_kpi(office, first)
    verdict = _check("6.2")
    assert verdict.state == AMBER and "awaits approval" in verdict.reason
    approved(office, first)
    assert _check("6.2").state == GREEN


def test_readiness_9_1_wants_no_measurement_overdue_by_more_than_a_period(office):
    kpi = make_kpi(office, make_objective(office))
    # Measured from January: by 10 May, January to March are overdue by over a month.
    verdict = _check("9.1")
    assert verdict.state == AMBER and "1 KPI" in verdict.reason
    for month in (1, 2, 3):
        measure(office, kpi, date(2026, month, 1), "96", today=TODAY)
    # April ended ten days ago: due, but not overdue by more than a period.
    assert _check("9.1").state == GREEN


def test_the_dashboard_card_shows_objectives_at_risk(office, settings):
    objective = make_objective(office, year=date.today().year)
    kpi = make_kpi(office, objective, measured_from=date(date.today().year - 1, 1, 1))
    card = dashboard.card(office.employee)
    assert card is not None
    assert card.data["overdue"] == 1 and card.data["at_risk"][0].kpi == kpi
    assert dashboard.card(office.external) is None


def test_the_daily_run_computes_ended_periods_and_reminds_once(office):
    from ratusz.improvement.tests.test_kpi import _nc

    objective = make_objective(office)
    manual = make_kpi(office, objective, owner=office.employee)
    computed = make_kpi(
        office,
        objective,
        name="NC",
        source="improvement.nc_on_time",
        target=Decimal(90),
        warning=Decimal(80),
    )
    _nc(office, 1, date(2026, 2, 10))
    counts = daily.run(TODAY)
    assert counts == {"KPI periods computed": 1, "KPI measurements due": 1}
    assert computed.measurements.get().period_start == date(2026, 2, 1)
    note = Notification.objects.get(recipient=office.employee)
    assert note.url == manual.get_absolute_url() and note.params["period"] == "2026-01"
    assert daily.run(TODAY) == {"KPI periods computed": 0, "KPI measurements due": 0}


def test_the_calendar_shows_when_the_next_measurement_is_due(office):
    kpi = make_kpi(office, make_objective(office), owner=office.employee, frequency="quarterly")
    (event,) = calendar.personal(office.employee)
    assert event.start == date(2026, 4, 1)  # Q1 is measured once it is over
    assert "2026 Q1" in event.summary and event.path == kpi.get_absolute_url()
    assert calendar.personal(office.outsider) == []


def test_review_inputs_count_objectives_met_and_measurements_against_target(office):
    objective = make_objective(office, year=2025)
    kpi = make_kpi(office, objective)
    for month, value in ((1, "96"), (2, "92"), (3, "80")):
        measure(office, kpi, date(2025, month, 1), value, today=TODAY)
    c2, c5 = review.inputs(date(2025, 1, 1), date(2025, 12, 31))
    assert c2.topic == ReviewTopic.OBJECTIVES
    assert [f.value for f in c2.figures] == ["1", "0", "0", "0"]
    assert c5.topic == ReviewTopic.MEASUREMENT
    assert [(f.value, f.previous) for f in c5.figures] == [
        ("3", "0"),
        ("1", "0"),
        ("1", "0"),
        ("1", "0"),
    ]


def test_the_evidence_pack_gets_the_objectives_and_the_kpi_table(office):
    assert [type(i).__name__ for i in evidence.items(TODAY)] == ["EvidenceGap"]
    make_kpi(office, make_objective(office))
    objectives, kpis = evidence.items(TODAY)
    assert (objectives.clause, kpis.clause) == ("6.2", "9.1.1")
    assert kpis.render().startswith(b"%PDF")
