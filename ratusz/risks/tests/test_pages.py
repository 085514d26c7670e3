"""The register pages: list with filters and export, a risk with its steps, the
heat map and the scale."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from ratusz.core.models import Action
from ratusz.processes.tests.factories import make_process
from ratusz.risks.models import Assessment, Risk
from ratusz.risks.tests.factories import make_risk, reassess


@pytest.mark.parametrize("path", ["/risks/", "/risks/?above=on&sort=-residual", "/risks/heat-map/"])
def test_the_register_and_the_heat_map_queries_do_not_grow_with_risks(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    process = make_process(office)
    make_risk(office, process=process)
    # session, user, roles, unit and process choices, count, rows, scale, office, unread
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200
    for i in range(30):
        risk = make_risk(office, title=f"Ryzyko {i:02d}", residual_likelihood=3, residual_impact=3)
        reassess(office, risk, residual=(1 + i % 4, 3))
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


def test_filters_narrow_the_register(office, client_for):
    process = make_process(office)
    make_risk(office, title="Awaria EZD", category="information", process=process)
    make_risk(
        office,
        title="Powódź",
        category="environment",
        org_unit=office.transport,
        actor=office.quality,
    )
    make_risk(office, title="Szansa na dotację", kind="opportunity", response="exploit")
    client = client_for(office.employee)

    def titles(query):
        html = client.get(f"/risks/?{query}").content.decode()
        return [t for t in ("Awaria EZD", "Powódź", "Szansa na dotację") if t in html]

    assert titles("category=environment") == ["Powódź"]
    assert titles(f"unit={office.civil.pk}") == ["Awaria EZD", "Szansa na dotację"]
    assert titles(f"process={process.pk}") == ["Awaria EZD"]
    assert titles("kind=opportunity") == ["Szansa na dotację"]
    assert titles("cell=i-4-4") == ["Awaria EZD", "Powódź", "Szansa na dotację"]
    assert titles("cell=r-1-1") == []


def test_a_cell_the_filter_cannot_read_is_marked_and_refused_by_the_api(office, client_for):
    make_risk(office)
    client = client_for(office.employee)
    html = client.get("/risks/?cell=zz").content.decode()
    assert 'id="id_cell_error"' in html
    assert client.get("/api/v1/risks/?cell=zz").status_code == 400


def test_the_register_exports_to_xlsx(office, client_for):
    make_risk(office, title="Awaria EZD")
    response = client_for(office.employee).get("/risks/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:2] == ("Reference", "Title")
    assert rows[1][1] == "Awaria EZD" and rows[1][11] == "6 (2 × 3)"


def test_the_heat_map_shows_each_figure_as_a_link_to_its_risks(office, client_for):
    make_risk(office, title="A")
    make_risk(office, title="B")
    html = client_for(office.employee).get("/risks/heat-map/").content.decode()
    assert "<svg" in html
    # Two risks at inherent likelihood 4, impact 4, and residual 2 × 3, in the table.
    assert 'cell=i-4-4" aria-label="2 at likelihood 4, impact 4">2</a>' in html
    assert 'cell=r-2-3" aria-label="2 at likelihood 2, impact 3">2</a>' in html


def test_the_heat_map_filters_by_unit_and_keeps_the_filter_in_its_links(office, client_for):
    make_risk(office, title="A")
    make_risk(office, title="B", org_unit=office.transport)
    html = (
        client_for(office.employee)
        .get(f"/risks/heat-map/?unit={office.transport.pk}")
        .content.decode()
    )
    assert f"unit={office.transport.pk}" in html
    assert 'aria-label="1 at likelihood 4, impact 4">1</a>' in html


def test_the_heat_map_shows_the_movement_since_the_last_review(office, client_for):
    rose = make_risk(office, title="Rośnie")
    fell = make_risk(office, title="Spada")
    make_risk(office, title="Nowe")
    reassess(office, rose, residual=(3, 3))
    reassess(office, fell, residual=(1, 1))
    html = client_for(office.employee).get("/risks/heat-map/").content.decode()
    assert "<dt>Rose</dt><dd>1</dd>" in html and "<dt>Fell</dt><dd>1</dd>" in html
    assert "<dt>Assessed once only</dt><dd>1</dd>" in html
    assert rose.reference in html and fell.reference not in html


def test_a_process_owner_assesses_a_risk_and_adds_a_treatment(office, client_for):
    risk = make_risk(office)
    client = client_for(office.owner)
    response = client.post(
        f"/risks/{risk.pk}/assess/",
        {
            "version": 1,
            "inherent_likelihood": 4,
            "inherent_impact": 4,
            "residual_likelihood": 3,
            "residual_impact": 3,
            "note": "Brak kadr",
        },
    )
    assert response.status_code == 302
    due = (timezone.localdate() + timedelta(days=20)).isoformat()
    response = client.post(
        f"/risks/{risk.pk}/add-treatment/",
        {"version": 2, "title": "Zastępstwa", "owner": office.owner.pk, "due_date": due},
    )
    assert response.status_code == 302
    html = client.get(f"/risks/{risk.pk}/").content.decode()
    assert "Zastępstwa" in html and "Brak kadr" in html
    assert "is above the accepted level" in html
    assert Action.objects.get().kind == Action.Kind.RISK_TREATMENT


def test_a_residual_level_above_the_inherent_one_is_refused_on_the_page(office, client_for):
    risk = make_risk(office)
    response = client_for(office.owner).post(
        f"/risks/{risk.pk}/assess/",
        {
            "version": 1,
            "inherent_likelihood": 2,
            "inherent_impact": 2,
            "residual_likelihood": 3,
            "residual_impact": 3,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_residual_reason_error"' in html and "say why" in html
    assert Assessment.objects.count() == 1


def test_a_stale_assessment_shows_a_conflict(office, client_for):
    risk = make_risk(office)
    reassess(office, risk, residual=(1, 1))
    response = client_for(office.owner).post(
        f"/risks/{risk.pk}/assess/",
        {
            "version": 1,
            "inherent_likelihood": 4,
            "inherent_impact": 4,
            "residual_likelihood": 2,
            "residual_impact": 2,
        },
    )
    assert response.status_code == 400
    assert Assessment.objects.count() == 2


def test_a_risk_is_added_from_the_form_with_a_level_off_the_scale_refused(office, client_for):
    client = client_for(office.quality)
    data = {
        "title": "Powódź",
        "kind": "risk",
        "category": "environment",
        "cause": "Ulewy",
        "event": "Zalanie ulic",
        "effect": "Utrudnienia",
        "org_unit": office.transport.pk,
        "owner": office.transport_owner.pk,
        "inherent_likelihood": 7,
        "inherent_impact": 5,
        "residual_likelihood": 3,
        "residual_impact": 4,
        "appetite": 6,
        "response": "reduce",
        "review_date": (timezone.localdate() + timedelta(days=60)).isoformat(),
    }
    response = client.post("/risks/new/", data)
    assert (
        response.status_code == 200
        and 'id="id_inherent_likelihood_error"' in response.content.decode()
    )
    data["inherent_likelihood"] = 4
    response = client.post("/risks/new/", data)
    risk = Risk.objects.get()
    assert response["Location"] == risk.get_absolute_url() and risk.inherent_level == 20


def test_the_quality_manager_sets_the_scale_and_the_forms_follow_it(office, client_for):
    client = client_for(office.quality)
    response = client.post(
        "/risks/scale/",
        {
            "likelihood_levels": "Rzadko\nCzasem\nCzęsto",
            "impact_levels": "Mały\nDuży",
            "appetite": 3,
        },
    )
    assert response.status_code == 302
    html = client.get("/risks/new/").content.decode()
    assert "3: Często" in html and "2: Duży" in html and "4: " not in html


def test_the_yearly_report_lists_top_risks_and_late_treatments(office, client_for):
    from pypdf import PdfReader

    from ratusz.risks import services

    risk = make_risk(
        office, title="Powódź na Nadrzecznej", residual_likelihood=4, residual_impact=4
    )
    services.add_treatment(
        actor=office.quality,
        risk=risk,
        title="Zbiornik retencyjny",
        owner=office.owner,
        due_date=timezone.localdate() - timedelta(days=3),
        confirmed=True,
    )
    year = timezone.localdate().year
    client = client_for(office.employee)
    response = client.get(f"/risks/report/{year}.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Powódź na Nadrzecznej" in text and "Zbiornik retencyjny" in text
    assert client.get(f"/risks/report/{year + 1}.pdf").status_code == 404


def test_the_context_issue_page_lists_the_risks_that_come_from_it(office, client_for):
    from ratusz.context.tests.factories import make_issue

    issue = make_issue(office, title="Ulewy")
    risk = make_risk(office, title="Zalanie ulic", issues=[issue])
    html = client_for(office.employee).get(f"/context/issues/{issue.pk}/").content.decode()
    assert risk.reference in html and "Zalanie ulic" in html
