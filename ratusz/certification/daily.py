"""Daily run (`ratusz remind`): keep this week's readiness figure for the trend."""

from __future__ import annotations

from ratusz.certification import readiness


def run() -> dict[str, int]:
    snapshot = readiness.record_week(readiness.assess())
    return {"readiness score": snapshot.score if snapshot.score is not None else 0}
