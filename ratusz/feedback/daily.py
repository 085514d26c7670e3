"""The feedback part of the daily run (`ratusz remind`).

A submission due within 3 days reminds its handler, once per deadline; an overdue
one tells the handler and the head of the unit, once per deadline; a submission
not assigned after 2 days tells the quality managers, once. Then the personal
data of submissions past their retention period are anonymised, and the counters
of the public forms' limits whose hour is over are deleted.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from ratusz.core.selectors import quality_managers
from ratusz.core.services import notify
from ratusz.feedback import limits, services
from ratusz.feedback.models import Submission

REMIND_DAYS = 3
ASSIGN_WITHIN_DAYS = 2


def _tell(user, kind: str, s: Submission) -> int:
    return int(
        notify(
            recipient=user,
            kind=kind,
            url=s.get_absolute_url(),
            params={"ref": s.reference, "title": s.subject, "due": s.deadline.isoformat()},
            dedupe_key=f"{kind}:{s.pk}:{s.deadline}:{user.pk}",
        )
        is not None
    )


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    soon = overdue = unassigned = 0
    open_ = Submission.objects.open().select_related("handler", "org_unit__head").order_by("pk")
    for s in open_.filter(
        handler__isnull=False, deadline__gte=today, deadline__lte=today + timedelta(REMIND_DAYS)
    ).iterator():
        soon += _tell(s.handler, "feedback_due_soon", s)
    for s in open_.filter(deadline__lt=today).iterator():
        people = {p for p in (s.handler, s.org_unit.head if s.org_unit else None) if p}
        for person in people:
            overdue += _tell(person, "feedback_overdue", s)
    managers = list(quality_managers())
    waiting = open_.filter(
        status=Submission.Status.REGISTERED,
        received_on__lt=today - timedelta(days=ASSIGN_WITHIN_DAYS),
    )
    for s in waiting.iterator():
        for manager in managers:
            unassigned += _tell(manager, "feedback_unassigned", s)
    anonymised = services.anonymise_expired(today)
    limits.forget_expired()
    return {
        "submissions due soon": soon,
        "submissions overdue": overdue,
        "submissions waiting to be assigned": unassigned,
        "submitters anonymised": anonymised,
    }
