"""The synthetic office's register: the promised count, with assessment history."""

from __future__ import annotations

import io

from django.core.management import call_command
from django.db.models import Count

from ratusz.core.services import last_number
from ratusz.risks.generate import COUNTS
from ratusz.risks.models import Risk


def test_scale_s_generates_risks_with_their_history_and_numbers(db):
    call_command("generate", "--scale", "s", verbosity=0, stdout=io.StringIO())
    assert Risk.objects.count() == COUNTS["s"] == 200
    per_risk = Risk.objects.annotate(n=Count("assessments")).values_list("n", flat=True)
    assert min(per_risk) >= 2 and max(per_risk) <= 5
    # every risk's latest assessment is its current residual level
    risk = Risk.objects.order_by("pk").first()
    assert risk.assessments.first().residual_level == risk.residual_level
    for year in set(Risk.objects.values_list("year", flat=True)):
        assert last_number(f"risk:{year}") == Risk.objects.filter(year=year).count()


def test_city_l_has_5000_risks():
    assert COUNTS["l"] == 5000
