"""The demo's competence: civil affairs positions, one expired authorisation, the
year's plan half done, one training awaiting evaluation, communication and IT
systems (the `demo` fixture of ratusz/conftest.py loads the demo once)."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from ratusz.competence import readiness, selectors
from ratusz.competence.models import CommunicationEntry, PlanItem, Position, Resource, Training
from ratusz.core.models import Attachment, User
from ratusz.core.plugins import AMBER


def test_the_demo_tells_the_competence_story(demo):
    assert Position.objects.filter(org_unit__code="SO").count() == 3
    head = User.objects.get(username="owner")
    matrix = selectors.matrix(user=head)
    states = {
        (row.person.username, cell.competence.name): cell.state
        for row in matrix.rows
        for cell in row.cells
    }
    assert states[("employee", "Dostęp do rejestru PESEL")] == "expired"
    assert states[("so.lis", "Upoważnienie do wydawania dowodów osobistych")] == "expiring"
    assert Attachment.objects.filter(target_type__model="competencerecord").count() == 3
    progress = selectors.plan_progress(PlanItem.objects.all())
    assert progress == {"total": 6, "done": 3}
    assert len(selectors.trainings_to_evaluate(user=head)) == 1
    assert Training.objects.filter(status=Training.Status.PLANNED).count() == 1
    assert CommunicationEntry.objects.filter(direction="external").exists()
    assert Resource.objects.filter(kind="it_system").count() == 2
    rule = next(r for r in readiness.RULES if r.clause == "7.2")
    # The expired PESEL authorisation is a gap no training plan covers.
    assert rule.check(timezone.localdate(), rule.params).state == AMBER

    client = Client()
    client.force_login(User.objects.get(username="kd.grabowska"))
    page = client.get(f"/competence/people/{head.pk}/")
    assert page.status_code == 200  # HR reads every person's records
    for path in ("/competence/", "/competence/plan/", "/competence/awareness/"):
        assert client.get(path).status_code == 200


def test_the_demo_has_last_years_self_assessment_with_results(demo):
    from ratusz.competence.models import Assessment
    from ratusz.core.plugins import GREEN

    year = timezone.localdate().year
    last = Assessment.objects.get(kind="control", year=year - 1)
    data = selectors.assessment_results(last)
    assert data["staff_shown"]
    assert any("nieobecności" in w["question"].text for w in data["weak"])
    assert Assessment.objects.get(kind="control", year=year).status == "open"
    diagnostic = selectors.assessment_results(Assessment.objects.get(kind="iso18091"))
    assert diagnostic["weak"]
    rule = next(r for r in readiness.RULES if r.clause == "9.1")
    assert rule.check(timezone.localdate(), rule.params).state == GREEN
    client = Client()
    client.force_login(User.objects.get(username="quality"))
    assert client.get(f"/competence/self-assessment/{last.pk}/").status_code == 200
