"""The clock of each kind of submission, counted with the office's one deadline helper
(`ratusz.lib.deadlines`: art. 57 k.p.a., a term ending on a Saturday or a public
holiday moves to the next working day)."""

from __future__ import annotations

from datetime import date

from ratusz.feedback import conf
from ratusz.lib.deadlines import deadline_in_days, deadline_in_months

COMPLAINT = "complaint"
MOTION = "motion"
PETITION = "petition"
PUBLIC_INFORMATION = "public_information"
ACCESSIBILITY = "accessibility"
COMPLIMENT = "compliment"
SUGGESTION = "suggestion"

# A call to complete a petition's formal defects gives 14 days (art. 7 ust. 2 of the
# petitions act); a body that is not competent forwards within 7 days (art. 231 k.p.a.).
COMPLETION_DAYS = 14
FORWARD_DAYS = 7
# Public information and accessibility requests may be extended by a notice to at
# most two months from receipt (art. 13 ust. 2 UDIP; art. 18 ust. 3 of the digital
# accessibility act).
EXTENSION_MONTHS = {PUBLIC_INFORMATION: 2, ACCESSIBILITY: 2}


def internal_target_days() -> int:
    return int(conf.get("RATUSZ_FEEDBACK_TARGET_DAYS"))


def deadline_for(kind: str, start: date) -> date:
    """The last day to answer a submission of `kind` whose clock started on `start`."""
    if kind in (COMPLAINT, MOTION):
        return deadline_in_months(start, 1)  # art. 237 §1, art. 244 §1 k.p.a.
    if kind == PETITION:
        return deadline_in_months(start, 3)  # art. 10 ust. 1 of the petitions act
    if kind == PUBLIC_INFORMATION:
        return deadline_in_days(start, 14)  # art. 13 ust. 1 UDIP
    if kind == ACCESSIBILITY:
        return deadline_in_days(start, 7)  # art. 18 ust. 2 of the accessibility act
    return deadline_in_days(start, internal_target_days())


def latest_extension(kind: str, received: date) -> date | None:
    """The latest new date a delay notice may set (None: the law sets no limit)."""
    months = EXTENSION_MONTHS.get(kind)
    return deadline_in_months(received, months) if months else None


def completion_due(called_on: date) -> date:
    return deadline_in_days(called_on, COMPLETION_DAYS)


def forward_due(received: date) -> date:
    return deadline_in_days(received, FORWARD_DAYS)
