"""Review periods and the figures compared across them (no Django).

A management review looks at the period since the last one; its trend compares
each figure with the period of the same length just before.
"""

from __future__ import annotations

from datetime import date, timedelta


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length that ends the day before `start` (both days included)."""
    if end < start:
        raise ValueError("a period ends on or after its start")
    length = (end - start).days + 1
    prev_end = start - timedelta(days=1)
    return prev_end - timedelta(days=length - 1), prev_end


def percent(part: int, whole: int) -> str:
    """`part` of `whole` as a whole percentage ("" when there is nothing to divide)."""
    if whole <= 0:
        return ""
    return f"{round(100 * part / whole)}%"


def trend(value: str, previous: str) -> str:
    """ "up", "down", "same" or "" comparing two figures written as numbers or percentages."""
    try:
        now, before = float(value.rstrip("%")), float(previous.rstrip("%"))
    except ValueError:
        return ""
    if now > before:
        return "up"
    if now < before:
        return "down"
    return "same"
