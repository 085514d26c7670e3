"""Scoring of risks and opportunities: likelihood × impact on the office's scale.

A level is a whole number from 1 to the number of levels the office uses (five
by default, each with its meaning set by the office). A risk's level is the
product of its likelihood and its impact, so on a 5 × 5 scale it runs from 1 to
25. The accepted level (risk appetite) is a level too: a risk whose residual
level exceeds it needs a treatment.

No Django here: the services translate the problems this module names by code
into messages on the form's fields.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

DEFAULT_LEVELS = 5


@dataclass(frozen=True)
class Problem:
    """Something wrong with an assessment: the field it is about and a stable code."""

    field: str
    code: str  # "outside_scale", "missing", "residual_above_inherent", "appetite_outside"
    limit: int = 0


def level(likelihood: int, impact: int) -> int:
    return likelihood * impact


def max_level(likelihood_levels: int, impact_levels: int) -> int:
    return likelihood_levels * impact_levels


def check_assessment(
    *,
    likelihood_levels: int,
    impact_levels: int,
    inherent: tuple[int | None, int | None],
    residual: tuple[int | None, int | None],
    residual_reason: str = "",
) -> list[Problem]:
    """Every problem of an assessment (empty when it is sound).

    Both pairs are required; each value must lie on its scale; a residual level
    above the inherent one is allowed only with a reason (a control that failed,
    a new threat), since controls normally lower a risk.
    """
    problems: list[Problem] = []
    limits = (likelihood_levels, impact_levels)
    names = (("inherent_likelihood", "inherent_impact"), ("residual_likelihood", "residual_impact"))
    for pair, fields in zip((inherent, residual), names, strict=True):
        for value, field, limit in zip(pair, fields, limits, strict=True):
            if value is None:
                problems.append(Problem(field, "missing", limit))
            elif not 1 <= value <= limit:
                problems.append(Problem(field, "outside_scale", limit))
    if problems:
        return problems
    inherent_level = level(*inherent)  # type: ignore[arg-type]
    residual_level = level(*residual)  # type: ignore[arg-type]
    if residual_level > inherent_level and not residual_reason.strip():
        problems.append(Problem("residual_reason", "residual_above_inherent"))
    return problems


def check_appetite(appetite: int, likelihood_levels: int, impact_levels: int) -> Problem | None:
    top = max_level(likelihood_levels, impact_levels)
    if not 1 <= appetite <= top:
        return Problem("appetite", "appetite_outside", top)
    return None


def above_appetite(residual_level: int | None, appetite: int) -> bool:
    return residual_level is not None and residual_level > appetite


def band(value: int, top: int) -> str:
    """A level's band for colouring: low up to a fifth of the top, high above a half."""
    if value * 5 <= top:
        return "low"
    if value * 2 <= top:
        return "medium"
    if value * 5 <= top * 3:
        return "high"
    return "critical"


def movement(previous: int | None, current: int | None) -> str:
    """How a level moved since the previous assessment: up, down, same, or new."""
    if current is None:
        return "none"
    if previous is None:
        return "new"
    if current > previous:
        return "up"
    if current < previous:
        return "down"
    return "same"


def grid(
    points: Iterable[tuple[int, int]], likelihood_levels: int, impact_levels: int
) -> list[list[int]]:
    """Counts of (likelihood, impact) points as rows from the highest likelihood
    down, columns from the lowest impact up: the way a heat map is drawn."""
    counts = Counter(points)
    return [
        [counts[(lk, im)] for im in range(1, impact_levels + 1)]
        for lk in range(likelihood_levels, 0, -1)
    ]
