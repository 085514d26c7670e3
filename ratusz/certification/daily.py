"""Daily run (`ratusz remind`): keep this week's readiness figure for the trend."""

from __future__ import annotations

from ratusz.certification import readiness


def run() -> None:
    readiness.record_week(readiness.assess())
