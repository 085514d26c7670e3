"""Risk scoring, by hand: levels, checks on the scale, bands, movement, the grid."""

from __future__ import annotations

from ratusz.lib.risk_scoring import (
    Problem,
    above_appetite,
    band,
    check_appetite,
    check_assessment,
    grid,
    level,
    movement,
)


def test_a_level_is_likelihood_times_impact():
    assert level(3, 4) == 12
    assert level(5, 5) == 25
    assert level(1, 1) == 1


def test_a_sound_assessment_has_no_problems():
    assert (
        check_assessment(likelihood_levels=5, impact_levels=5, inherent=(4, 4), residual=(2, 3))
        == []
    )


def test_values_off_the_scale_or_missing_are_named_by_field():
    problems = check_assessment(
        likelihood_levels=5, impact_levels=4, inherent=(6, 4), residual=(None, 5)
    )
    assert problems == [
        Problem("inherent_likelihood", "outside_scale", 5),
        Problem("residual_likelihood", "missing", 5),
        Problem("residual_impact", "outside_scale", 4),
    ]
    assert check_assessment(
        likelihood_levels=5, impact_levels=5, inherent=(0, 1), residual=(1, 1)
    ) == [Problem("inherent_likelihood", "outside_scale", 5)]


def test_a_residual_level_above_the_inherent_one_needs_a_reason():
    # inherent 2 × 3 = 6, residual 3 × 3 = 9
    assert check_assessment(
        likelihood_levels=5, impact_levels=5, inherent=(2, 3), residual=(3, 3)
    ) == [Problem("residual_reason", "residual_above_inherent")]
    assert (
        check_assessment(
            likelihood_levels=5,
            impact_levels=5,
            inherent=(2, 3),
            residual=(3, 3),
            residual_reason="Kontrola zawiodła",
        )
        == []
    )
    # equal levels from different pairs (2 × 3 and 3 × 2) need no reason
    assert (
        check_assessment(likelihood_levels=5, impact_levels=5, inherent=(2, 3), residual=(3, 2))
        == []
    )


def test_the_appetite_lies_between_one_and_the_top_level():
    assert check_appetite(8, 5, 5) is None
    assert check_appetite(25, 5, 5) is None
    assert check_appetite(26, 5, 5) == Problem("appetite", "appetite_outside", 25)
    assert check_appetite(0, 3, 3) == Problem("appetite", "appetite_outside", 9)


def test_above_appetite_is_strictly_greater():
    assert above_appetite(9, 8)
    assert not above_appetite(8, 8)
    assert not above_appetite(None, 8)


def test_bands_on_a_five_by_five_scale():
    # top 25: low ≤ 5, medium ≤ 12, high ≤ 15, critical above
    assert [band(v, 25) for v in (1, 5, 6, 12, 13, 15, 16, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "critical",
        "critical",
    ]


def test_movement_since_the_previous_assessment():
    assert movement(None, 6) == "new"
    assert movement(9, 6) == "down"
    assert movement(6, 9) == "up"
    assert movement(6, 6) == "same"
    assert movement(6, None) == "none"


def test_the_grid_runs_from_the_highest_likelihood_down():
    points = [(5, 1), (5, 1), (1, 3), (2, 2)]
    assert grid(points, 5, 3) == [
        [2, 0, 0],  # likelihood 5
        [0, 0, 0],
        [0, 0, 0],
        [0, 1, 0],  # likelihood 2
        [0, 0, 1],  # likelihood 1
    ]
