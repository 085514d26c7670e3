"""Where an internal auditor's qualification is read (ISO 9001 7.2 for 9.2).

An area that keeps people's competence records (its plug-in
`auditor_qualification.py`) is the one place that says who is trained to audit
and who may lead: its records decide, and the pool's own entries are not used.
Only while no area keeps them (an office with no internal-auditor competence
defined) do the training date and "qualified to lead" typed into the pool count.
Audits' rules ask here, never the pool's fields directly.
"""

from __future__ import annotations

from collections.abc import Iterable

from ratusz.audits.models import AuditorProfile
from ratusz.core.plugins import AuditorQualification, area_modules

NOT_QUALIFIED = AuditorQualification(trained_on=None, can_lead=False)


def from_records(user_ids: list[int]) -> dict[int, AuditorQualification] | None:
    """The qualifications the competence records hold, by user id; None while no
    area keeps them."""
    for _label, module in area_modules("auditor_qualification"):
        found = module.qualifications(user_ids)
        if found is not None:
            return found
    return None


def kept_in_records() -> bool:
    """Whether the qualifications come from competence records (the pool's own
    training date and "qualified to lead" are then not asked for)."""
    return from_records([]) is not None


def of(profiles: Iterable[AuditorProfile]) -> dict[int, AuditorQualification]:
    """Each pool member's qualification, by user id, in a fixed number of queries."""
    profiles = list(profiles)
    found = from_records([p.user_id for p in profiles])
    if found is not None:
        return {p.user_id: found.get(p.user_id, NOT_QUALIFIED) for p in profiles}
    return {
        p.user_id: AuditorQualification(
            trained_on=p.trained_on, can_lead=p.can_lead, training=p.training
        )
        for p in profiles
    }


def attach(profiles: Iterable[AuditorProfile]) -> list[AuditorProfile]:
    """The profiles, each with its `qualification` (for the pool page and the API)."""
    profiles = list(profiles)
    found = of(profiles)
    for profile in profiles:
        profile.qualification = found[profile.user_id]  # type: ignore[attr-defined]
    return profiles
