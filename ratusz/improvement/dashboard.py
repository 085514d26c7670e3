"""The nonconformities card on the dashboard: what waits for me."""

from __future__ import annotations

from ratusz.improvement import policies, selectors

# The core dashboard includes `card.template` for every card it gets, so "nothing
# to show" is an empty template rather than None.
NOTHING = {"template": "improvement/_nothing.html"}


def card(user) -> dict:
    if not policies.is_staff(user):
        return NOTHING
    quality = policies.can_triage(user)
    counts = selectors.dashboard_counts(user=user)
    if not quality and not any(counts.values()):
        return NOTHING
    return {"template": "improvement/_dashboard_card.html", "quality": quality, "counts": counts}
