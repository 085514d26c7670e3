"""The demo office's management reviews.

The `demo` fixture (ratusz/conftest.py) loads the demo once for all the tests
that use it; each test's own changes are rolled back.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.certification.models import ExternalAudit
from ratusz.core.models import Action, User
from ratusz.reviews.models import Review


def test_the_2025_review_is_held_with_decisions_partly_done_and_one_overdue(demo):
    review = Review.objects.get(year=2025)
    assert review.status == Review.Status.DISTRIBUTED and review.chair.username == "mayor"
    assert {row["topic"] for row in review.snapshot["topics"]} >= {"a", "c4", "c6", "f"}
    actions = [d.action for d in review.decisions.select_related("action")]
    assert len(actions) == 4
    assert sum(a.status in (Action.Status.DONE, Action.Status.CLOSED) for a in actions) == 1
    today = timezone.localdate()
    assert sum(a.is_open and a.due_date < today for a in actions) == 1


def test_the_2026_review_is_planned_a_week_before_the_recertification_audit(demo, client_for):
    review = Review.objects.get(year=2026)
    audit = ExternalAudit.objects.get(
        kind=ExternalAudit.Kind.RECERTIFICATION, status=ExternalAudit.Status.PLANNED
    )
    assert review.status == Review.Status.PLANNED
    assert review.planned_date == audit.start_date - timedelta(days=7)
    assert review.period_start == Review.objects.get(year=2025).period_end + timedelta(days=1)
    client = client_for(User.objects.get(username="quality"))
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Nonconformities opened" in page and "Jedno działanie z przeglądu 2025" in page


def test_the_demo_pack_is_drawn(demo, client_for):
    client = client_for(User.objects.get(username="mayor"))
    review = Review.objects.get(year=2025)
    response = client.get(f"/reviews/{review.pk}/pack.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
