"""The objectives pages: the list, an objective, a KPI with its trend, and their steps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ratusz.objectives.models import Measurement, Objective
from ratusz.objectives.tests.factories import approved, make_kpi, make_objective, measure

LAST_YEAR = date.today().year - 1


def _measured_kpi(office, months=6, **kpi):
    objective = make_objective(office, year=LAST_YEAR)
    kpi = make_kpi(office, objective, **kpi)
    for month, value in zip(
        range(1, months + 1), ["96", "94", "89", "97", "95", "91"], strict=False
    ):
        measure(office, kpi, date(LAST_YEAR, month, 1), value)
    return kpi


@pytest.mark.parametrize("path", ["/objectives/", "/objectives/?status=draft&sort=due"])
def test_the_list_queries_do_not_grow_with_objectives(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.employee)
    make_kpi(office, make_objective(office))
    # session, user, roles, unit choices, count, rows, office and unread count (+ subtree)
    with django_assert_max_num_queries(10):
        assert client.get(path).status_code == 200
    for i in range(30):
        unit = office.transport if i % 2 else office.civil
        make_kpi(office, make_objective(office, title=f"Cel {i}", org_unit=unit))
    with django_assert_max_num_queries(10):
        response = client.get(path)
    assert response.status_code == 200
    assert "Cel 1" in response.content.decode()


def test_the_list_filters_by_year_unit_and_status(office, client_for):
    make_objective(office, title="Cel wydziału")
    make_objective(office, title="Cel urzędu", org_unit=None, year=2025)
    client = client_for(office.employee)
    page = client.get(f"/objectives/?unit={office.transport.pk}").content.decode()
    assert "Cel wydziału" not in page
    page = client.get("/objectives/?year=2025").content.decode()
    assert "Cel urzędu" in page and "Cel wydziału" not in page
    page = client.get("/objectives/?status=approved").content.decode()
    assert "Cel urzędu" not in page


def test_a_head_of_unit_sets_an_objective_from_the_form(office, client_for, form_on_page):
    client = client_for(office.owner)
    data = form_on_page(client.get("/objectives/new/"))
    data.update(
        title="Mniej skarg na obsługę",
        org_unit=str(office.civil.pk),
        owner=str(office.owner.pk),
        evaluation="Co kwartał.",
    )
    response = client.post("/objectives/new/", data)
    objective = Objective.objects.get()
    assert response.status_code == 302 and response["Location"] == objective.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "cannot be approved until at least one KPI" in page


def test_approving_without_a_kpi_says_why_on_the_page(office, client_for):
    objective = make_objective(office)
    response = client_for(office.mayor).post(
        f"/objectives/{objective.pk}/approve/", {"version": objective.version}
    )
    assert response.status_code == 400
    assert "without a measure cannot be approved" in response.content.decode()
    objective.refresh_from_db()
    assert objective.status == Objective.Status.DRAFT


def test_top_management_approves_from_the_objective_page(office, client_for):
    objective = make_objective(office)
    make_kpi(office, objective)
    client = client_for(office.mayor)
    assert "Approve the objective" in client.get(objective.get_absolute_url()).content.decode()
    response = client.post(f"/objectives/{objective.pk}/approve/", {"version": objective.version})
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.status == Objective.Status.APPROVED
    assert (
        "Approve the objective"
        not in client_for(office.quality).get(objective.get_absolute_url()).content.decode()
    )


def test_the_objective_page_shows_each_kpi_against_its_target(
    office, client_for, django_assert_max_num_queries
):
    kpi = _measured_kpi(office)
    make_kpi(
        office,
        kpi.objective,
        name="Czas oczekiwania",
        unit="min",
        higher_is_better=False,
        target=Decimal(15),
        warning=Decimal(20),
    )
    client = client_for(office.employee)
    with django_assert_max_num_queries(12):
        page = client.get(kpi.objective.get_absolute_url()).content.decode()
    assert f"{LAST_YEAR}-06: 91" in page
    assert "Below target" in page  # 91 against 95, warning 90
    assert "Not measured yet" in page


def test_the_kpi_page_draws_the_trend_with_the_same_figures_in_a_table(
    office, client_for, django_assert_max_num_queries
):
    kpi = _measured_kpi(office)
    client = client_for(office.employee)
    with django_assert_max_num_queries(12):
        page = client.get(kpi.get_absolute_url()).content.decode()
    assert page.count("<circle") == 6
    assert f"<title>{LAST_YEAR}-03: 89</title>" in page
    assert f'<th scope="row" class="nowrap">{LAST_YEAR}-03</th>' in page
    assert "Past the warning threshold" in page  # 89 < 90
    # The employee sees the figures but no forms to change them.
    assert "Enter a measurement" not in page and "Add the analysis" not in page


def test_a_measurement_with_a_file_is_entered_on_the_kpi_page(office, client_for):
    kpi = make_kpi(office, make_objective(office, year=LAST_YEAR), owner=office.employee)
    client = client_for(office.employee)
    upload = SimpleUploadedFile("raport.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    response = client.post(
        f"/objectives/kpis/{kpi.pk}/measure/",
        {"period_start": f"{LAST_YEAR}-02-01", "value": "97", "unit": "%", "evidence": upload},
    )
    assert response.status_code == 302
    page = client.get(kpi.get_absolute_url()).content.decode()
    assert "raport.pdf" in page and "Target met" in page


def test_a_wrong_measurement_is_refused_on_its_field(office, client_for):
    kpi = make_kpi(office, make_objective(office, year=LAST_YEAR))
    client = client_for(office.quality)
    response = client.post(
        f"/objectives/kpis/{kpi.pk}/measure/",
        {"period_start": f"{LAST_YEAR}-02-15", "value": "97", "unit": "dni", "note": "x"},
    )
    assert response.status_code == 400
    assert "not in dni" in response.content.decode()
    response = client.post(
        f"/objectives/kpis/{kpi.pk}/measure/",
        {"period_start": f"{LAST_YEAR}-02-15", "value": "97", "unit": "%", "note": "x"},
    )
    assert f"{LAST_YEAR}-02-01" in response.content.decode()
    assert not Measurement.objects.exists()


def test_the_analysis_of_a_period_is_written_on_the_kpi_page(office, client_for):
    kpi = _measured_kpi(office, months=1)
    m = kpi.measurements.get()
    client = client_for(office.owner)
    response = client.post(
        f"/objectives/measurements/{m.pk}/comment/",
        {"version": m.version, "analysis": "Wynik powyżej celu dzięki e-usługom."},
    )
    assert response.status_code == 302
    assert "dzięki e-usługom" in client.get(kpi.get_absolute_url()).content.decode()
    stale = client.post(
        f"/objectives/measurements/{m.pk}/comment/", {"version": 1, "analysis": "Inna"}
    )
    assert stale.status_code == 400
    m.refresh_from_db()
    assert m.analysis.endswith("e-usługom.")


def test_compute_now_fills_a_computed_kpi_from_the_records(office, client_for):
    objective = make_objective(office, year=LAST_YEAR)
    kpi = make_kpi(
        office, objective, source="improvement.nc_on_time", target=Decimal(90), warning=Decimal(80)
    )
    from ratusz.improvement.tests.test_kpi import _nc

    _nc(office, 1, date(LAST_YEAR, 3, 10))
    client = client_for(office.quality)
    page = client.get(kpi.get_absolute_url()).content.decode()
    assert "Compute now" in page and "Enter a measurement" not in page
    response = client.post(
        f"/objectives/kpis/{kpi.pk}/compute/", {"period_start": f"{LAST_YEAR}-03-01"}
    )
    assert response.status_code == 302
    assert kpi.measurements.get().value == Decimal(0)
    response = client.post(
        f"/objectives/kpis/{kpi.pk}/compute/", {"period_start": f"{LAST_YEAR}-04-01"}
    )
    assert response.status_code == 302
    assert kpi.measurements.count() == 1  # nothing was due in April


def test_the_kpi_table_is_exported_to_xlsx(office, client_for):
    _measured_kpi(office)
    response = client_for(office.employee).get("/objectives/kpis/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[-1][3] == "Wnioski załatwione w terminie"
    assert rows[-1][10] == f"{LAST_YEAR}-06"
    assert float(rows[-1][11]) == 91


def test_changing_an_approved_objective_warns_that_it_needs_approval_again(
    office, client_for, form_on_page
):
    objective = make_objective(office)
    make_kpi(office, objective)
    objective = approved(office, objective)
    client = client_for(office.quality)
    data = form_on_page(client.get(f"/objectives/{objective.pk}/edit/"))
    data["title"] = "Zmieniony cel"
    response = client.post(f"/objectives/{objective.pk}/edit/", data, follow=True)
    assert "needs approval again" in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/objectives/", "/api/v1/kpis/", "/api/v1/measurements/"])
def test_the_api_lists_queries_do_not_grow_with_rows(
    office, client_for, django_assert_max_num_queries, path
):
    client = client_for(office.quality)
    _measured_kpi(office, months=2)
    # session, user, roles, count, rows, processes of the rows
    with django_assert_max_num_queries(7):
        assert client.get(path).status_code == 200
    for i in range(15):
        objective = make_objective(office, year=LAST_YEAR, title=f"Cel {i}")
        kpi = make_kpi(office, objective)
        measure(office, kpi, date(LAST_YEAR, 1, 1), "95")
    with django_assert_max_num_queries(7):
        response = client.get(path)
    assert response.status_code == 200 and response.json()["count"] >= 16


def test_a_long_kpi_table_shows_two_years_and_all_on_request(office, client_for):
    objective = make_objective(office, year=LAST_YEAR)
    kpi = make_kpi(office, objective, measured_from=date(LAST_YEAR - 2, 1, 1))
    months = [date(LAST_YEAR - 2 + i // 12, i % 12 + 1, 1) for i in range(30)]
    for month in months:
        measure(office, kpi, month, "95")
    client = client_for(office.quality)

    page = client.get(kpi.get_absolute_url()).content.decode()
    everything = client.get(kpi.get_absolute_url() + "?all=1").content.decode()

    assert page.count('<th scope="row"') == 24
    assert f'<th scope="row" class="nowrap">{LAST_YEAR}-06</th>' in page
    assert f'<th scope="row" class="nowrap">{LAST_YEAR - 2}-01</th>' not in page
    assert "Show all 30 measurements" in page
    assert everything.count('<th scope="row"') == 30
    assert "Show the latest 24 only" in everything
    # A refused correction of a row older than two years is shown with its message.
    oldest = kpi.measurements.order_by("period_start").first()
    refused = client.post(
        f"/objectives/measurements/{oldest.pk}/correct/",
        {"version": oldest.version, "value": "not a number", "note": ""},
    )
    assert refused.status_code == 400
    assert f'<th scope="row" class="nowrap">{LAST_YEAR - 2}-01</th>' in refused.content.decode()
