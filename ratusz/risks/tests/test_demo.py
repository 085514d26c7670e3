"""The demo office's register: 40 risks and 10 opportunities across the processes,
treatments in every state, one risk above its accepted level left untreated."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from ratusz.core.models import Action, User
from ratusz.processes.models import Process
from ratusz.risks import selectors
from ratusz.risks.demo import UNTREATED
from ratusz.risks.readiness import RULES


def test_the_demo_has_forty_risks_and_ten_opportunities_on_every_process(demo):
    from ratusz.risks.models import Risk

    assert Risk.objects.filter(kind="risk").count() == 40
    assert Risk.objects.filter(kind="opportunity").count() == 10
    covered = set(Risk.objects.values_list("process__code", flat=True))
    assert covered == set(Process.objects.values_list("code", flat=True))
    assert all(r.assessments.count() == 2 for r in Risk.objects.all()[:10])


def test_the_demo_treatments_take_every_state_and_one_risk_waits_for_one(demo):
    treatments = Action.objects.filter(kind=Action.Kind.RISK_TREATMENT)
    states = set(treatments.values_list("status", flat=True))
    assert {"open", "in_progress", "closed", "cancelled"} <= states
    assert treatments.filter(status="open", due_date__lt=timezone.localdate()).exists()
    untreated = list(selectors.untreated_above_appetite())
    assert [r.title for r in untreated] == [UNTREATED]
    verdict = RULES[0].check(timezone.localdate(), RULES[0].params)
    assert verdict.state == "red" and UNTREATED in verdict.reason


def test_the_demo_heat_map_shows_movement_and_opens_for_an_employee(demo):
    client = Client()
    client.force_login(
        User.objects.get(username="employee"), backend="ratusz.core.auth.RatuszBackend"
    )
    html = client.get("/risks/heat-map/", HTTP_ACCEPT_LANGUAGE="pl").content.decode()
    assert "<svg" in html
    page = selectors.heat_map(
        selectors.risks_for_map(user=User.objects.get(username="employee")).filter(status="open")
    )
    assert page.movement.down > 0 and page.inherent.total == 50
