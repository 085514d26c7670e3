"""The trend chart's geometry, computed by hand."""

from __future__ import annotations

from decimal import Decimal

from ratusz.lib.trend import chart


def test_values_target_and_threshold_are_placed_in_the_box():
    # Range 80..100 widened by 2 each side: 78..102 over 200 - 2*20 = 160 px.
    drawn = chart(
        [("2026-01", Decimal(80)), ("2026-02", Decimal(100)), ("2026-03", Decimal(90))],
        Decimal(95),
        Decimal(90),
        width=600,
        height=200,
        pad=20,
    )
    assert [p.x for p in drawn.points] == [20, 300, 580]
    # 80 is 2/24 of the way up: 180 - 160 * 2/24 = 166.7
    assert [p.y for p in drawn.points] == [166.7, 33.3, 100.0]
    assert drawn.target_y == 66.7
    assert drawn.warning_y == 100.0
    assert drawn.path == "20,166.7 300,33.3 580,100"


def test_one_value_sits_in_the_middle_and_a_flat_series_still_has_a_range():
    drawn = chart([("2026", Decimal(50))], Decimal(50), None, width=600, height=200, pad=20)
    assert drawn.points[0].x == 300
    assert drawn.points[0].y == 100.0
    assert drawn.warning_y is None
    assert drawn.low == Decimal(45) and drawn.high == Decimal(55)
