"""The geometry of a KPI's trend chart: values, target and warning threshold
placed in a box, so the page draws the SVG and a table of the same figures.
No Django; pure arithmetic the tests compute by hand."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: Decimal
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: tuple[Point, ...]
    target_y: float
    warning_y: float | None
    low: Decimal  # the value at the bottom edge
    high: Decimal  # the value at the top edge

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)


def chart(
    values: list[tuple[str, Decimal]],
    target: Decimal,
    warning: Decimal | None,
    *,
    width: int = 600,
    height: int = 200,
    pad: int = 20,
) -> Chart:
    """Place each (label, value) left to right; the vertical range covers the values,
    the target and the threshold, with a tenth of the range spare above and below."""
    figures = [v for _label, v in values] + [target] + ([warning] if warning is not None else [])
    low, high = min(figures), max(figures)
    spare = (high - low) / 10 if high > low else (abs(high) / 10 or Decimal(1))
    low, high = low - spare, high + spare

    def y(value: Decimal) -> float:
        share = (value - low) / (high - low)
        return round(float(height - pad - share * (height - 2 * pad)), 1)

    count = len(values)
    step = (width - 2 * pad) / (count - 1) if count > 1 else 0
    points = tuple(
        Point(
            x=round(pad + i * step if count > 1 else width / 2, 1),
            y=y(value),
            value=value,
            label=label,
        )
        for i, (label, value) in enumerate(values)
    )
    return Chart(
        width=width,
        height=height,
        points=points,
        target_y=y(target),
        warning_y=y(warning) if warning is not None else None,
        low=low,
        high=high,
    )
