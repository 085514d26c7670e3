"""Deadlines of the submissions I handle, in my calendar feed."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.feedback.models import Submission


def personal(user) -> list[Event]:
    rows = Submission.objects.open().filter(handler=user).order_by("deadline")[:200]
    return [
        Event(
            uid=f"submission-{s.pk}",
            summary=_("%(ref)s to be answered: %(title)s")
            % {"ref": s.reference, "title": s.subject},
            start=s.deadline,
            path=s.get_absolute_url(),
        )
        for s in rows
    ]
