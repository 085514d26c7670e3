"""External audits in the office-wide calendar feed."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.certification.models import ExternalAudit
from ratusz.core.plugins import Event


def office() -> list[Event]:
    since = timezone.localdate() - timedelta(days=400)
    audits = (
        ExternalAudit.objects.select_related("body")
        .exclude(status=ExternalAudit.Status.CANCELLED)
        .filter(end_date__gte=since)
        .order_by("start_date")
    )
    return [
        Event(
            uid=f"external-audit-{audit.pk}",
            summary=_("%(kind)s (%(body)s)")
            % {"kind": audit.get_kind_display(), "body": audit.body},
            start=audit.start_date,
            end=audit.end_date,
            description=_("Lead auditor: %(lead)s") % {"lead": audit.lead_auditor}
            if audit.lead_auditor
            else "",
            path=audit.get_absolute_url(),
        )
        for audit in audits
    ]
