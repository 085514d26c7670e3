"""Keeping the context: issues, the climate decision, parties and reviews."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.context import services
from ratusz.context.models import ClimateDecision, ContextReview, Requirement
from ratusz.context.tests.factories import make_issue, make_party
from ratusz.core.errors import Conflict, Denied


def test_the_quality_manager_records_an_issue(office):
    issue = make_issue(office, title="  Nowa ustawa  ")
    assert issue.title == "Nowa ustawa"
    assert issue.version == 1


def test_an_employee_may_not_add_an_issue(office):
    with pytest.raises(Denied):
        make_issue(office, actor=office.employee)


def test_an_issue_without_its_effect_is_refused_naming_the_field(office):
    with pytest.raises(ValidationError) as exc:
        make_issue(office, effect="  ")
    assert "effect" in exc.value.message_dict


def test_the_owner_of_an_issue_changes_it_but_may_not_hand_it_over(office):
    issue = make_issue(office, owner=office.owner)
    saved = services.update_issue(
        actor=office.owner, issue=issue, expected_version=1, effect="Nowy wpływ."
    )
    assert saved.effect == "Nowy wpływ." and saved.version == 2
    with pytest.raises(Denied) as exc:
        services.update_issue(
            actor=office.owner, issue=issue, expected_version=2, owner=office.employee
        )
    assert exc.value.field == "owner"


def test_two_people_editing_one_issue_conflict(office):
    issue = make_issue(office)
    services.update_issue(actor=office.quality, issue=issue, expected_version=1, title="A")
    with pytest.raises(Conflict):
        services.update_issue(actor=office.mayor, issue=issue, expected_version=1, title="B")


def test_the_climate_decision_is_one_record_for_the_office(office):
    first = services.decide_climate_change(
        actor=office.mayor, relevant=True, justification="Podtopienia ulic."
    )
    second = services.decide_climate_change(
        actor=office.quality, relevant=False, justification="Brak wpływu.", expected_version=1
    )
    assert ClimateDecision.objects.count() == 1
    assert first.pk == second.pk and second.version == 2 and not second.relevant


def test_a_climate_decision_needs_a_justification(office):
    with pytest.raises(ValidationError) as exc:
        services.decide_climate_change(actor=office.mayor, relevant=False, justification=" ")
    assert "justification" in exc.value.message_dict
    assert not ClimateDecision.objects.exists()


def test_a_process_owner_may_not_decide_on_climate_change(office):
    with pytest.raises(Denied):
        services.decide_climate_change(actor=office.owner, relevant=True, justification="x")


def test_a_context_review_cannot_be_dated_in_the_future(office):
    with pytest.raises(ValidationError) as exc:
        services.record_context_review(
            actor=office.quality, reviewed_on=timezone.localdate() + timedelta(days=1)
        )
    assert "reviewed_on" in exc.value.message_dict
    review = services.record_context_review(actor=office.quality, notes="Bez zmian")
    assert review.reviewed_on == timezone.localdate()
    assert ContextReview.objects.count() == 1


def test_requirements_change_the_party_and_its_version(office):
    party = make_party(office, requirements=2)
    assert party.version == 3
    requirement = party.requirements.first()
    services.remove_requirement(
        actor=office.owner, party=party, requirement=requirement.pk, expected_version=3
    )
    assert Requirement.objects.filter(party=party).count() == 1


def test_a_requirement_without_how_it_is_monitored_is_refused(office):
    party = make_party(office, requirements=0)
    with pytest.raises(ValidationError) as exc:
        services.add_requirement(
            actor=office.quality, party=party, text="Terminy", monitoring="", review="Raz w roku"
        )
    assert "monitoring" in exc.value.message_dict
    assert not Requirement.objects.exists()


def test_a_party_without_requirements_cannot_be_marked_reviewed(office):
    party = make_party(office, requirements=0)
    with pytest.raises(ValidationError):
        services.mark_party_reviewed(actor=office.quality, party=party)
    party = make_party(office, name="Rada", requirements=1)
    saved = services.mark_party_reviewed(actor=office.quality, party=party)
    assert saved.reviewed_on == timezone.localdate()
