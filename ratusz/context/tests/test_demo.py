"""The demo office's context: 20 issues, climate change relevant, 12 parties."""

from __future__ import annotations

from ratusz.context.models import ClimateDecision, ContextIssue, InterestedParty
from ratusz.context.readiness import RULES


def test_the_demo_has_twenty_issues_and_twelve_parties_with_requirements(demo):
    assert ContextIssue.objects.count() == 20
    assert set(ContextIssue.objects.values_list("kind", flat=True)) == {"internal", "external"}
    assert InterestedParty.objects.count() == 12
    assert not InterestedParty.objects.filter(requirements__isnull=True).exists()


def test_the_demo_judges_climate_change_relevant_for_the_flooded_streets(demo):
    decision = ClimateDecision.objects.get()
    assert decision.relevant and "Nadrzeczn" in decision.justification


def test_the_demo_context_is_reviewed_but_one_party_waits_for_its_review(demo):
    from django.utils import timezone

    today = timezone.localdate()
    verdicts = {rule.clause: rule.check(today, rule.params) for rule in RULES}
    assert verdicts["4.1"].state == "green"
    assert verdicts["4.2"].state == "amber" and "Media lokalne" in verdicts["4.2"].reason
