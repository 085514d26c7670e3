"""The process page shows the KPIs measuring the process (4.4 c, 9.1.1)."""

from __future__ import annotations

from datetime import date

from ratusz.objectives import process_panels
from ratusz.objectives.tests.factories import make_kpi, make_objective, measure
from ratusz.processes.tests.factories import make_process


def test_the_panel_lists_the_active_kpis_of_the_process_with_their_standing(office):
    process = make_process(office)
    objective = make_objective(office)
    kpi = make_kpi(office, objective, processes=[process])
    make_kpi(office, objective, name="Inny wskaźnik")
    measure(office, kpi, date(2026, 1, 1), "97")
    [panel] = process_panels.panels(process, office.employee)
    assert panel.key == "kpis"
    [state] = panel.data.kpis
    assert state.kpi == kpi and state.standing == "met"


def test_external_auditors_get_no_panel(office):
    assert process_panels.panels(make_process(office), office.external) == []


def test_the_process_page_shows_the_kpis_in_fixed_queries(
    office, client_for, django_assert_max_num_queries
):
    process = make_process(office)
    objective = make_objective(office)
    make_kpi(office, objective, processes=[process])
    client = client_for(office.employee)
    with django_assert_max_num_queries(16):
        html = client.get(f"/processes/{process.pk}/").content.decode()
    assert "Wnioski załatwione w terminie" in html and objective.reference in html
    for i in range(5):
        make_kpi(office, objective, name=f"Wskaźnik {i}", processes=[process])
    with django_assert_max_num_queries(16):
        html = client.get(f"/processes/{process.pk}/").content.decode()
    assert "Wskaźnik 4" in html
