"""Target dates of the nonconformities I am responsible for, in my calendar feed.

(The corrective actions themselves come from the core action feed.)"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ratusz.core.plugins import Event
from ratusz.improvement.models import Nonconformity


def personal(user) -> list[Event]:
    ncs = (
        Nonconformity.objects.open()
        .filter(owner=user, target_date__isnull=False)
        .order_by("target_date")[:200]
    )
    return [
        Event(
            uid=f"nonconformity-{nc.pk}",
            summary=_("%(ref)s to be closed: %(title)s") % {"ref": nc.reference, "title": nc.title},
            start=nc.target_date,
            path=nc.get_absolute_url(),
        )
        for nc in ncs
    ]
