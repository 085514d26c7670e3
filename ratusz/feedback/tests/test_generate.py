"""Synthetic submissions: numbered per year without gaps, the series raised after them."""

from __future__ import annotations

import random
from types import SimpleNamespace

from django.db.models import Count, Max
from django.utils import timezone

from ratusz.core.generate import SCALES
from ratusz.feedback import generate
from ratusz.feedback.models import Submission
from ratusz.feedback.tests.factories import register


def test_generated_submissions_continue_each_series(office):
    first = register(office)
    ctx = SimpleNamespace(
        rng=random.Random(1),
        today=timezone.localdate(),
        units=[office.civil, office.transport],
        heads={},
        quality=office.quality,
    )
    made = generate.generate(ctx, SimpleNamespace(factor=0.0001))
    assert made == 100
    for row in Submission.objects.values("year").annotate(n=Count("pk"), last=Max("number")):
        assert row["n"] == row["last"]  # no gaps, no duplicates
    after = register(office)
    assert after.number == Submission.objects.filter(year=after.year).count()
    assert first.number == 1


def test_city_l_has_two_hundred_thousand_submissions():
    assert int(generate.SUBMISSIONS_AT_L * SCALES["l"].factor) == 200_000
