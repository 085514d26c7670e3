"""The register's writes: numbering, scoring on the office's scale, assessments
kept as history, treatments in the action tracker, conflicts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Action
from ratusz.risks import selectors, services
from ratusz.risks.models import Assessment, Risk, RiskScale
from ratusz.risks.tests.factories import make_risk, reassess


def test_a_new_risk_is_numbered_in_its_year_with_its_first_assessment(office):
    first = make_risk(office)
    second = make_risk(office, title="Drugie")
    year = timezone.localdate().year
    assert first.reference == f"R/{year}/0001" and second.reference == f"R/{year}/0002"
    assert (first.inherent_level, first.residual_level) == (16, 6)
    assert first.appetite == 6  # the office's default accepted level
    assessment = Assessment.objects.get(risk=first)
    assert (assessment.inherent_level, assessment.residual_level) == (16, 6)


def test_a_level_off_the_scale_is_refused_on_its_field_and_nothing_is_saved(office):
    with pytest.raises(ValidationError) as exc:
        make_risk(office, inherent_likelihood=6, residual_impact=0)
    errors = exc.value.message_dict
    assert errors["inherent_likelihood"] == ["Choose a level from 1 to 5 (the office's scale)."]
    assert "residual_impact" in errors
    assert not Risk.objects.exists() and not Assessment.objects.exists()


def test_a_residual_level_above_the_inherent_one_needs_a_reason(office):
    with pytest.raises(ValidationError) as exc:
        make_risk(office, inherent_likelihood=2, inherent_impact=2, residual_likelihood=3)
    assert "residual_reason" in exc.value.message_dict
    risk = make_risk(
        office,
        inherent_likelihood=2,
        inherent_impact=2,
        residual_likelihood=3,
        residual_reason="Kontrola nie działa",
    )
    assert risk.residual_level == 9


def test_an_opportunity_takes_only_the_responses_of_an_opportunity(office):
    with pytest.raises(ValidationError) as exc:
        make_risk(office, kind="opportunity", response="reduce")
    assert "Exploit" in exc.value.message_dict["response"][0]
    assert make_risk(office, kind="opportunity", response="exploit").kind == "opportunity"


def test_an_appetite_off_the_scale_is_refused(office):
    with pytest.raises(ValidationError) as exc:
        make_risk(office, appetite=26)
    assert "appetite" in exc.value.message_dict


def test_the_head_of_another_unit_may_not_add_a_risk_for_this_one(office):
    with pytest.raises(Denied) as exc:
        make_risk(office, actor=office.transport_owner)
    assert exc.value.field == "org_unit"
    assert make_risk(office, actor=office.owner).org_unit == office.civil


def test_each_assessment_is_kept_and_the_risk_takes_the_latest(office):
    risk = make_risk(office)
    reassess(office, risk, residual=(1, 3), note="Wdrożono dyżury")
    risk.refresh_from_db()
    assert risk.residual_level == 3 and risk.version == 2
    assert list(risk.assessments.values_list("residual_level", flat=True)) == [3, 6]


def test_two_people_assessing_one_risk_at_once_conflict(office):
    risk = make_risk(office)
    services.assess_risk(
        actor=office.owner,
        risk=risk,
        expected_version=1,
        inherent_likelihood=4,
        inherent_impact=4,
        residual_likelihood=1,
        residual_impact=1,
    )
    with pytest.raises(Conflict):
        services.assess_risk(
            actor=office.quality,
            risk=risk,
            expected_version=1,
            inherent_likelihood=4,
            inherent_impact=4,
            residual_likelihood=5,
            residual_impact=5,
            residual_reason="x",
        )
    assert risk.assessments.count() == 2


def test_an_employee_of_the_unit_may_not_assess(office):
    risk = make_risk(office)
    with pytest.raises(Denied):
        reassess(office, risk, actor=office.employee)


def test_a_treatment_is_an_action_raised_by_the_risk(office):
    risk = make_risk(office)
    due = timezone.localdate() + timedelta(days=30)
    action = services.add_treatment(
        actor=office.owner, risk=risk, title="Drugi serwer", owner=office.employee, due_date=due
    )
    assert action.kind == Action.Kind.RISK_TREATMENT and action.source == risk
    assert action.org_unit == office.civil
    assert list(selectors.treatments_of(risk)) == [action]
    risk.refresh_from_db()
    assert risk.version == 2


def test_a_treatment_due_in_the_past_needs_confirming(office):
    risk = make_risk(office)
    past = timezone.localdate() - timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.add_treatment(
            actor=office.owner, risk=risk, title="X", owner=office.owner, due_date=past
        )
    assert "confirmed" in exc.value.message_dict
    assert not Action.objects.exists()


def test_untreated_risks_above_appetite_are_found(office):
    above = make_risk(office, residual_likelihood=3, residual_impact=3)  # 9 > 6
    make_risk(office, title="Within appetite")
    assert list(selectors.untreated_above_appetite()) == [above]
    services.add_treatment(
        actor=office.quality,
        risk=above,
        title="Szkolenie",
        owner=office.owner,
        due_date=timezone.localdate() + timedelta(days=5),
    )
    assert not selectors.untreated_above_appetite().exists()


def test_the_scale_can_be_made_smaller_only_when_open_risks_fit(office):
    make_risk(office, inherent_likelihood=4)
    with pytest.raises(ValidationError) as exc:
        services.set_scale(
            actor=office.quality,
            likelihood_levels=["a", "b", "c"],
            impact_levels=["a", "b", "c", "d", "e"],
            appetite=4,
        )
    assert "likelihood_levels" in exc.value.message_dict
    scale = services.set_scale(
        actor=office.quality,
        likelihood_levels=["a", "b", "c", "d", "e", "f"],
        impact_levels=["a", "b", "c", "d", "e"],
        appetite=8,
    )
    assert RiskScale.current().likelihood_count == 6 and scale.top == 30
    assert make_risk(office, inherent_likelihood=6).inherent_level == 24


def test_only_the_quality_manager_sets_the_scale(office):
    with pytest.raises(Denied):
        services.set_scale(
            actor=office.mayor, likelihood_levels=["a", "b"], impact_levels=["a", "b"], appetite=2
        )
