"""Satisfaction surveys of the synthetic benchmark office (`ratusz generate`): two
yearly surveys with the demo's questions and, at city-L, 100,000 responses between
them, written in bulk."""

from __future__ import annotations

import time
from datetime import timedelta

from ratusz.surveys import demo, synthetic
from ratusz.surveys.models import Survey

RESPONSES = {"s": 1_000, "m": 10_000, "l": 100_000}


def generate(ctx, scale) -> int:
    quality = ctx.quality or ctx.users[0]
    today = ctx.today
    total = RESPONSES.get(scale.name, round(RESPONSES["l"] * scale.factor))
    started = time.perf_counter()
    earlier = demo._build(
        quality, today.year - 1, today - timedelta(days=400), today - timedelta(days=330)
    )
    Survey.objects.filter(pk=earlier.pk).update(status=Survey.Status.CLOSED)
    current = demo._build(
        quality, today.year, today - timedelta(days=60), today + timedelta(days=30)
    )
    Survey.objects.filter(pk=current.pk).update(status=Survey.Status.OPEN)
    made = synthetic.fill(
        earlier, total * 2 // 5, rng=ctx.rng, scale_weights=[6, 12, 27, 35, 20], log_trail=False
    )
    made += synthetic.fill(
        current, total - made, rng=ctx.rng, scale_weights=[3, 8, 20, 40, 29], log_trail=False
    )
    ctx.log(f"surveys: {made:,} responses in {time.perf_counter() - started:.0f} s")
    return made + 2
