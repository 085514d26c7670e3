"""Planning of changes (6.3): a change with purpose, consequences, integrity,
resources and responsibilities, and its actions in the action tracker."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ratusz.core.errors import Conflict, Denied
from ratusz.core.models import Action
from ratusz.risks import services
from ratusz.risks.models import ChangePlan


def make_change(office, **overrides):
    fields = {
        "title": "Nowy system EZD",
        "purpose": "Elektroniczny obieg dokumentów",
        "consequences": "Przerwa we wdrożeniu",
        "integrity": "Instrukcja kancelaryjna zmieniona przed startem",
        "resources": "Szkolenia, serwer",
        "responsibilities": "Kierownik OR-IT",
        "org_unit": office.civil,
        "owner": office.owner,
        "planned_for": timezone.localdate() + timedelta(days=90),
    }
    fields.update(overrides)
    actor = fields.pop("actor", office.quality)
    return services.plan_change(actor=actor, **fields)


def test_a_change_without_how_the_qms_stays_whole_is_refused_on_the_field(office):
    with pytest.raises(ValidationError) as exc:
        make_change(office, integrity=" ")
    assert "integrity" in exc.value.message_dict
    assert not ChangePlan.objects.exists()


def test_an_employee_may_not_plan_a_change(office):
    with pytest.raises(Denied):
        make_change(office, actor=office.employee)


def test_a_change_takes_actions_and_conflicts_on_a_stale_version(office):
    plan = make_change(office)
    action = services.add_change_action(
        actor=office.owner,
        plan=plan,
        title="Szkolenie",
        owner=office.owner,
        due_date=timezone.localdate() + timedelta(days=10),
        expected_version=1,
    )
    assert action.source == plan and action.clause.number == "6.3"
    with pytest.raises(Conflict):
        services.update_change(actor=office.quality, plan=plan, expected_version=1, status="done")
    saved = services.update_change(
        actor=office.quality, plan=plan, expected_version=2, status="done"
    )
    assert saved.status == "done"


def test_the_pages_plan_a_change_and_add_an_action(
    office, client_for, django_assert_max_num_queries
):
    client = client_for(office.owner)
    data = {
        "title": "Nowa kancelaria",
        "purpose": "Cel",
        "consequences": "Skutki",
        "integrity": "Integralność",
        "resources": "Zasoby",
        "responsibilities": "Odpowiedzialność",
        "org_unit": office.civil.pk,
        "owner": office.owner.pk,
        "planned_for": (timezone.localdate() + timedelta(days=30)).isoformat(),
    }
    response = client.post("/risks/changes/new/", data)
    plan = ChangePlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(
        f"/risks/changes/{plan.pk}/add-action/",
        {"version": 1, "title": "Regulamin", "owner": office.owner.pk, "due_date": due},
    )
    assert response.status_code == 302 and Action.objects.get().title == "Regulamin"
    for i in range(20):
        make_change(office, title=f"Zmiana {i:02d}")
    with django_assert_max_num_queries(10):
        html = client.get("/risks/changes/").content.decode()
    assert "Zmiana 05" in html and "Nowa kancelaria" in html


def test_readiness_6_3_names_a_planned_change_left_past_its_date(office):
    from ratusz.risks.readiness import RULES

    rule = next(r for r in RULES if r.clause == "6.3")
    today = timezone.localdate()
    assert rule.check(today, rule.params).state == "amber"  # nothing planned
    plan = make_change(office, planned_for=today + timedelta(days=3))
    assert rule.check(today, rule.params).state == "green"
    verdict = rule.check(today + timedelta(days=4), rule.params)
    assert verdict.state == "amber" and plan.title in verdict.reason
