"""The synthetic office's management reviews: one held a year, the next planned."""

from __future__ import annotations

import io

from django.core.management import call_command

from ratusz.reviews.generate import YEARS
from ratusz.reviews.models import Decision, Review


def test_scale_s_holds_a_review_a_year_and_plans_the_next(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    held = Review.objects.filter(status=Review.Status.SIGNED)
    assert held.count() == YEARS["s"]
    assert all(review.snapshot["topics"] for review in held)
    assert Decision.objects.filter(action__isnull=False).count() == 5 * YEARS["s"]
    assert Review.objects.filter(status=Review.Status.PLANNED).count() == 1
