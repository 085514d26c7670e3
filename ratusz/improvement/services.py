"""Writes and workflows of nonconformities and improvement ideas.

Other areas (internal audits, external audits, feedback) raise nonconformities
and ideas through `raise_nonconformity` and `submit_idea`, so numbering,
recurrence detection, notifications and the search index stay in one place.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ratusz.core import access
from ratusz.core.models import Clause, OrgUnit, User
from ratusz.core.services import next_number, notify
from ratusz.improvement.models import Idea, Nonconformity, Source
from ratusz.processes.models import Process

RECURRENCE_WINDOW = timedelta(days=365)

# Sources that come with their own evidence and need no triage.
_TRIAGED_SOURCES = (Source.INTERNAL_AUDIT, Source.EXTERNAL_AUDIT)


def find_recurrence(
    *,
    process: Process | None,
    clause: Clause | None,
    org_unit: OrgUnit,
    detected_on: date,
    exclude_pk: int | None = None,
) -> Nonconformity | None:
    """The latest earlier nonconformity on the same process (or unit) and clause
    detected within the 12 months before `detected_on`."""
    if clause is None:
        return None
    qs = Nonconformity.objects.filter(
        clause=clause,
        detected_on__lte=detected_on,
        detected_on__gte=detected_on - RECURRENCE_WINDOW,
    ).exclude(status=Nonconformity.Status.REJECTED)
    qs = (
        qs.filter(process=process)
        if process
        else qs.filter(process__isnull=True, org_unit=org_unit)
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.order_by("-detected_on", "-pk").first()


@transaction.atomic
def raise_nonconformity(
    *,
    actor: User,
    title: str,
    description: str,
    source: str,
    org_unit: OrgUnit,
    detected_on: date | None = None,
    grade: str = Nonconformity.Grade.MINOR,
    process: Process | None = None,
    clause: Clause | None = None,
    owner: User | None = None,
    target_date: date | None = None,
    source_reference: str = "",
    correction: str = "",
) -> Nonconformity:
    """Record a nonconformity.

    Audit findings arrive open and assigned (to the given owner, else the head of
    the unit); anything else reported by someone other than the quality manager
    waits for triage.
    """
    if not access.is_active_account(actor) or access.is_external(actor):
        raise ValidationError(_("Only members of staff record nonconformities."))
    detected_on = detected_on or timezone.localdate()
    if source in _TRIAGED_SOURCES and clause is None:
        raise ValidationError({"clause": _("A nonconformity from an audit names the ISO clause.")})
    triaged = source in _TRIAGED_SOURCES or access.is_quality_manager(actor)
    nc = Nonconformity(
        year=detected_on.year,
        number=next_number(Nonconformity.objects.filter(year=detected_on.year)),
        title=title.strip(),
        description=description.strip(),
        source=source,
        source_reference=source_reference,
        grade=grade,
        status=Nonconformity.Status.OPEN if triaged else Nonconformity.Status.REPORTED,
        org_unit=org_unit,
        process=process,
        clause=clause,
        detected_on=detected_on,
        target_date=target_date,
        reported_by=actor,
        owner=(owner or org_unit.head) if triaged else owner,
        correction=correction,
    )
    nc.recurrence_of = find_recurrence(
        process=process, clause=clause, org_unit=org_unit, detected_on=detected_on
    )
    nc.full_clean()
    nc.save()
    if nc.owner_id and nc.owner_id != actor.pk:
        notify(
            recipient=nc.owner,
            kind="nonconformity_assigned",
            url=f"/improvement/nonconformities/{nc.pk}/",
            params={"ref": nc.reference, "title": nc.title},
        )
    return nc


@transaction.atomic
def submit_idea(
    *,
    actor: User,
    title: str,
    description: str,
    source: str = Idea.Source.STAFF,
    org_unit: OrgUnit | None = None,
    process: Process | None = None,
    clause: Clause | None = None,
    expected_benefit: str = "",
    source_reference: str = "",
    submitted_on: date | None = None,
) -> Idea:
    if not access.is_active_account(actor) or access.is_external(actor):
        raise ValidationError(_("Only members of staff submit improvement ideas."))
    year = (submitted_on or timezone.localdate()).year
    idea = Idea(
        year=year,
        number=next_number(Idea.objects.filter(year=year)),
        title=title.strip(),
        description=description.strip(),
        source=source,
        source_reference=source_reference,
        submitted_by=actor,
        org_unit=org_unit,
        process=process,
        clause=clause,
        expected_benefit=expected_benefit,
    )
    idea.full_clean()
    idea.save()
    return idea
