"""The nonconformities card on the dashboard: what waits for me."""

from __future__ import annotations

from ratusz.improvement import policies, selectors

NOTHING = None  # the dashboard leaves the card out


def card(user) -> dict | None:
    if not policies.is_staff(user):
        return NOTHING
    quality = policies.can_triage(user)
    counts = selectors.dashboard_counts(user=user)
    if not quality and not any(counts.values()):
        return NOTHING
    return {"template": "improvement/_dashboard_card.html", "quality": quality, "counts": counts}
