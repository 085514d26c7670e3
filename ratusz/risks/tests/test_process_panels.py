"""The process page shows the process's open risks and opportunities (4.4 f)."""

from __future__ import annotations

from ratusz.processes.tests.factories import make_process
from ratusz.risks import process_panels
from ratusz.risks.tests.factories import make_risk


def test_the_panel_lists_open_risks_of_the_process_highest_first(office):
    process = make_process(office)
    other = make_process(office, code="P05")
    low = make_risk(office, title="Niskie ryzyko", process=process)
    high = make_risk(
        office,
        title="Wysokie ryzyko",
        process=process,
        residual_likelihood=4,
        residual_impact=4,
    )
    make_risk(office, title="Inny proces", process=other)
    [panel] = process_panels.panels(process, office.employee)
    assert panel.key == "risks"
    assert [r.title for r in panel.data.risks] == [high.title, low.title]
    assert not panel.data.more and f"process={process.pk}" in panel.data.register_url


def test_external_auditors_get_no_panel(office):
    assert process_panels.panels(make_process(office), office.external) == []


def test_the_process_page_shows_the_risks_in_fixed_queries(
    office, client_for, django_assert_max_num_queries
):
    process = make_process(office)
    first = make_risk(office, title="Pierwsze ryzyko", process=process)
    client = client_for(office.employee)
    with django_assert_max_num_queries(16):
        html = client.get(f"/processes/{process.pk}/").content.decode()
    assert first.reference in html and 'id="risks-heading"' in html
    for i in range(12):
        make_risk(office, title=f"Ryzyko {i}", process=process)
    with django_assert_max_num_queries(16):
        html = client.get(f"/processes/{process.pk}/").content.decode()
    assert "All open risks of this process" in html
