"""Objectives, KPIs and measurements: the rules a user meets when saving."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ratusz.core.errors import Conflict, Denied
from ratusz.core.selectors import attachments_of
from ratusz.objectives import services
from ratusz.objectives.models import Measurement, Objective
from ratusz.objectives.tests.factories import approved, make_kpi, make_objective, measure

TODAY = date(2026, 5, 10)


def test_objectives_are_numbered_per_year(office):
    first = make_objective(office)
    second = make_objective(office, org_unit=None)
    other_year = make_objective(office, year=2027)
    assert (first.reference, second.reference) == ("CJ/2026/01", "CJ/2026/02")
    assert other_year.reference == "CJ/2027/01"


def test_the_head_of_a_unit_sets_objectives_only_for_their_unit(office):
    mine = make_objective(office, actor=office.owner)
    assert mine.org_unit == office.civil
    with pytest.raises(Denied) as refused:
        make_objective(office, actor=office.owner, org_unit=office.transport)
    assert refused.value.field == "org_unit"
    with pytest.raises(Denied):
        make_objective(office, actor=office.owner, org_unit=None)
    with pytest.raises(Denied):
        make_objective(office, actor=office.employee)


def test_an_objective_cannot_be_due_before_its_year(office):
    with pytest.raises(ValidationError) as refused:
        make_objective(office, due_date=date(2025, 12, 31))
    assert "due_date" in refused.value.message_dict
    assert not Objective.objects.exists()


def test_an_objective_without_a_kpi_cannot_be_approved(office):
    objective = make_objective(office)
    with pytest.raises(ValidationError) as refused:
        approved(office, objective)
    assert "without a measure" in str(refused.value)
    objective.refresh_from_db()
    assert objective.status == Objective.Status.DRAFT


def test_top_management_approves_an_objective_with_a_kpi(office):
    objective = make_objective(office)
    make_kpi(office, objective)
    with pytest.raises(Denied):
        services.approve_objective(
            actor=office.quality, objective=objective, expected_version=objective.version
        )
    done = approved(office, objective)
    assert done.status == Objective.Status.APPROVED
    assert done.approved_by == office.mayor


def test_changing_an_approved_objective_sends_it_back_for_approval(office):
    objective = make_objective(office)
    make_kpi(office, objective)
    objective = approved(office, objective)
    changed = services.update_objective(
        actor=office.owner,
        objective=objective,
        expected_version=objective.version,
        title="Nowy cel",
    )
    assert changed.status == Objective.Status.DRAFT
    assert changed.approved_by is None


def test_two_people_editing_an_objective_get_a_conflict(office):
    objective = make_objective(office)
    services.update_objective(
        actor=office.quality, objective=objective, expected_version=1, title="Pierwszy"
    )
    with pytest.raises(Conflict):
        services.update_objective(
            actor=office.owner, objective=objective, expected_version=1, title="Drugi"
        )


def test_an_approved_objective_is_evaluated_with_a_reason(office):
    objective = make_objective(office)
    make_kpi(office, objective)
    objective = approved(office, objective)
    with pytest.raises(ValidationError) as refused:
        services.evaluate_objective(
            actor=office.quality,
            objective=objective,
            expected_version=objective.version,
            result=Objective.Status.ACHIEVED,
            result_notes=" ",
        )
    assert "result_notes" in refused.value.message_dict
    done = services.evaluate_objective(
        actor=office.quality,
        objective=objective,
        expected_version=objective.version,
        result=Objective.Status.ACHIEVED,
        result_notes="96% w roku.",
    )
    assert done.status == Objective.Status.ACHIEVED


def test_the_warning_threshold_lies_on_the_worse_side_of_the_target(office):
    objective = make_objective(office)
    with pytest.raises(ValidationError) as refused:
        make_kpi(office, objective, target=Decimal(95), warning=Decimal(97))
    assert "warning" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        make_kpi(office, objective, higher_is_better=False, target=Decimal(14), warning=Decimal(7))
    assert "warning" in refused.value.message_dict
    kpi = make_kpi(
        office, objective, higher_is_better=False, target=Decimal(14), warning=Decimal(21)
    )
    assert kpi.pk


def test_a_kpi_starts_on_the_first_day_of_a_period(office):
    objective = make_objective(office)
    with pytest.raises(ValidationError) as refused:
        make_kpi(office, objective, frequency="quarterly", measured_from=date(2026, 2, 1))
    assert "2026-01-01" in refused.value.message_dict["measured_from"][0]


def test_a_computed_kpi_takes_the_unit_of_its_measure(office):
    objective = make_objective(office)
    with pytest.raises(ValidationError) as refused:
        make_kpi(office, objective, source="improvement.nc_on_time", unit="days")
    assert "%" in refused.value.message_dict["unit"][0]
    with pytest.raises(ValidationError) as refused:
        make_kpi(office, objective, source="nothing.here")
    assert "source" in refused.value.message_dict


def test_a_measurement_is_entered_for_an_ended_period_with_evidence(office):
    kpi = make_kpi(office, make_objective(office))
    m = measure(office, kpi, date(2026, 4, 1), "93.5", today=TODAY)
    assert m.standing == "warning"
    assert m.period_label == "2026-04"


@pytest.mark.parametrize(
    ("start", "field", "words"),
    [
        (date(2026, 5, 1), "period_start", "has not ended"),
        (date(2026, 6, 1), "period_start", "has not ended"),
        (date(2026, 4, 15), "period_start", "2026-04-01"),
        (date(2025, 12, 1), "period_start", "measured from"),
    ],
)
def test_a_measurement_for_a_wrong_period_is_refused_on_the_period(office, start, field, words):
    kpi = make_kpi(office, make_objective(office))
    with pytest.raises(ValidationError) as refused:
        measure(office, kpi, start, "90", today=TODAY)
    assert words in refused.value.message_dict[field][0]
    assert not Measurement.objects.exists()


def test_a_measurement_in_another_unit_or_without_evidence_is_refused(office):
    kpi = make_kpi(office, make_objective(office))
    with pytest.raises(ValidationError) as refused:
        measure(office, kpi, date(2026, 3, 1), "12", unit="days", today=TODAY)
    assert "days" in refused.value.message_dict["unit"][0]
    with pytest.raises(ValidationError) as refused:
        measure(office, kpi, date(2026, 3, 1), "12", note="", today=TODAY)
    assert "note" in refused.value.message_dict


def test_a_period_is_measured_once(office):
    kpi = make_kpi(office, make_objective(office))
    measure(office, kpi, date(2026, 3, 1), "96", today=TODAY)
    with pytest.raises(ValidationError) as refused:
        measure(office, kpi, date(2026, 3, 1), "97", today=TODAY)
    assert "already measured" in refused.value.message_dict["period_start"][0]


def test_a_file_is_kept_as_the_evidence_of_a_measurement(office):
    kpi = make_kpi(office, make_objective(office))
    upload = SimpleUploadedFile("zestawienie.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    m = measure(office, kpi, date(2026, 3, 1), "96", note="", evidence=upload, today=TODAY)
    assert [a.original_name for a in attachments_of(m)] == ["zestawienie.pdf"]


def test_only_those_who_keep_the_kpi_measure_it(office):
    kpi = make_kpi(office, make_objective(office), owner=office.employee)
    measure(office, kpi, date(2026, 3, 1), "96", actor=office.employee, today=TODAY)
    with pytest.raises(Denied):
        measure(office, kpi, date(2026, 4, 1), "96", actor=office.outsider, today=TODAY)


def test_the_analysis_of_a_period_is_kept_with_its_measurement(office):
    kpi = make_kpi(office, make_objective(office))
    m = measure(office, kpi, date(2026, 3, 1), "88", today=TODAY)
    with pytest.raises(ValidationError):
        services.comment_measurement(
            actor=office.owner, measurement=m, expected_version=m.version, analysis=""
        )
    done = services.comment_measurement(
        actor=office.owner,
        measurement=m,
        expected_version=m.version,
        analysis="Dwie osoby na zwolnieniu; działanie korygujące podjęte.",
    )
    assert done.analysis.startswith("Dwie osoby")
    assert done.version == 2


def test_a_computed_kpi_is_computed_not_typed(office):
    kpi = make_kpi(
        office,
        make_objective(office),
        source="improvement.nc_on_time",
        target=Decimal(90),
        warning=Decimal(80),
    )
    with pytest.raises(ValidationError):
        measure(office, kpi, date(2026, 3, 1), "96", today=TODAY)
    # No nonconformity was due, so there is nothing to compute.
    assert (
        services.compute_measurement(
            actor=office.quality, kpi=kpi, period_start=date(2026, 3, 1), today=TODAY
        )
        is None
    )
    assert services.compute_due(kpi=kpi, today=TODAY) == 0


def test_the_unit_of_a_measured_kpi_stays(office):
    kpi = make_kpi(office, make_objective(office))
    measure(office, kpi, date(2026, 3, 1), "96", today=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.update_kpi(actor=office.quality, kpi=kpi, expected_version=1, unit="days")
    assert "unit" in refused.value.message_dict
    changed = services.update_kpi(
        actor=office.quality, kpi=kpi, expected_version=1, target=Decimal(97), warning=Decimal(92)
    )
    assert changed.target == Decimal(97)


def test_a_measurement_is_corrected_with_a_reason(office):
    kpi = make_kpi(office, make_objective(office))
    m = measure(office, kpi, date(2026, 3, 1), "96", today=TODAY)
    with pytest.raises(ValidationError):
        services.correct_measurement(
            actor=office.quality, measurement=m, expected_version=1, value=Decimal(95), note=""
        )
    fixed = services.correct_measurement(
        actor=office.quality,
        measurement=m,
        expected_version=1,
        value=Decimal(95),
        note="Błąd w zestawieniu.",
    )
    assert fixed.value == Decimal(95)
    assert m.period_start + timedelta(days=0) == fixed.period_start


def test_a_computed_kpi_is_measured_from_the_nonconformity_register(office):
    from ratusz.improvement.tests.test_kpi import _nc

    kpi = make_kpi(
        office,
        make_objective(office),
        source="improvement.nc_on_time",
        target=Decimal(90),
        warning=Decimal(80),
    )
    _nc(office, 1, date(2026, 3, 10))  # still open on its date: late
    from ratusz.improvement.tests.test_kpi import WARSAW

    _nc(office, 2, date(2026, 4, 10), datetime(2026, 4, 9, tzinfo=WARSAW))
    made = services.compute_due(kpi=kpi, today=TODAY)
    values = dict(kpi.measurements.values_list("period_start", "value"))
    assert made == 2
    assert values == {date(2026, 3, 1): Decimal("0.00"), date(2026, 4, 1): Decimal("100.00")}
    again = services.compute_measurement(
        actor=office.owner, kpi=kpi, period_start=date(2026, 3, 1), today=TODAY
    )
    assert again is not None and again.computed
