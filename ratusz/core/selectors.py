"""Named read shapes of the core area. Each returns a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ratusz.core import access, trail
from ratusz.core.models import (
    Action,
    Attachment,
    AuditEvent,
    Clause,
    Job,
    Notification,
    OrgUnit,
    Role,
    User,
)
from ratusz.core.trail import TrailEntry


def action_list(*, user: User) -> QuerySet:
    """The action tracker: what the user may see, open ones first, each group by due
    date (so the overdue ones lead). `core.filters.ActionFilter` narrows it down."""
    # This order is read straight from the action_open_due index.
    return access.actions_visible_to(user, Action.objects.for_list()).order_by(
        "open_rank", "due_date", "id"
    )


def subtree_ids(paths: list[str]) -> list[int]:
    """Ids of the units under these paths. Looked up first, so that the action
    query filters on an indexed column (SQLite cannot use an index for LIKE)."""
    in_paths = Q()
    for path in paths:
        in_paths |= Q(path__startswith=path)
    return list(OrgUnit.objects.filter(in_paths).values_list("pk", flat=True))


def action_detail(*, user: User, pk: int) -> Action | None:
    action = (
        Action.objects.select_related(
            "owner",
            "org_unit",
            "clause",
            "created_by",
            "completed_by",
            "verified_by",
            "source_type",
        )
        .filter(pk=pk)
        .first()
    )
    if action is None or not access.can_view_action(user, action):
        return None
    return action


def attachments_of(obj) -> QuerySet:
    from django.contrib.contenttypes.models import ContentType

    return (
        Attachment.objects.filter(
            target_type=ContentType.objects.get_for_model(obj), target_id=str(obj.pk)
        )
        .select_related("uploaded_by")
        .prefetch_related("clauses")
    )


def history_of(obj, *, limit: int = 30) -> list[TrailEntry]:
    """The record's latest changes, newest first, as people read them."""
    events = AuditEvent.objects.filter(
        model_label=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("-id")
    return trail.present(events[:limit])


@dataclass
class Dashboard:
    my_actions: list[Action]
    my_open: int
    my_overdue: int
    my_due_soon: int
    unit_overdue: int | None
    recent: list[TrailEntry]
    unread_notifications: int
    office_wide_activity: bool
    extra_cards: list = field(default_factory=list)


def dashboard(*, user: User, today: date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    soon = today + timedelta(days=settings.RATUSZ_DUE_SOON_DAYS)
    mine = Action.objects.filter(owner=user).open()
    counts = mine.aggregate(
        open=Count("id"),
        overdue=Count("id", filter=Q(due_date__lt=today)),
        due_soon=Count("id", filter=Q(due_date__gte=today, due_date__lte=soon)),
    )
    unit_overdue = None
    paths = access.managed_unit_paths(user)
    if access.is_quality_manager(user):
        unit_overdue = Action.objects.overdue(today).count()
    elif paths:
        unit_overdue = (
            Action.objects.overdue(today).filter(org_unit_id__in=subtree_ids(paths)).count()
        )
    office_wide = access.reads_everything(user)
    recent_qs = AuditEvent.objects.select_related(None).order_by("-id")
    if not office_wide:
        recent_qs = recent_qs.filter(actor_id=user.pk)
    return Dashboard(
        my_actions=list(mine.select_related("org_unit").order_by("due_date", "id")[:8]),
        my_open=counts["open"],
        my_overdue=counts["overdue"],
        my_due_soon=counts["due_soon"],
        unit_overdue=unit_overdue,
        recent=trail.present(recent_qs[:10]),
        unread_notifications=Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count(),
        office_wide_activity=office_wide,
    )


def unit_choices() -> QuerySet:
    return OrgUnit.objects.filter(is_active=True).order_by("path")


def quality_managers() -> QuerySet[User]:
    """The quality managers who can act now: active accounts whose access has not expired."""
    current = Q(access_expires_at__isnull=True) | Q(access_expires_at__gt=timezone.now())
    return (
        User.objects.filter(current, is_active=True, role_assignments__role=Role.QUALITY_MANAGER)
        .distinct()
        .order_by("pk")
    )


def staff_choices() -> QuerySet:
    return (
        User.objects.filter(is_active=True)
        .exclude(role_assignments__role=Role.EXTERNAL_AUDITOR)
        .select_related("org_unit")
        .order_by("last_name", "first_name")
    )


# --- pages of the core area --------------------------------------------------


def notifications_of(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def clause_registry() -> QuerySet[Clause]:
    """The clauses of the edition the office's QMS is mapped to."""
    return Clause.objects.filter(standard="ISO 9001", edition="2015")


def org_units() -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(is_active=True).select_related("head").order_by("path")


def org_unit_detail(*, pk: int) -> OrgUnit | None:
    return OrgUnit.objects.select_related("head", "parent").filter(pk=pk).first()


def members_of(unit: OrgUnit) -> QuerySet[User]:
    return (
        User.objects.filter(org_unit=unit, is_active=True)
        .prefetch_related("role_assignments")
        .order_by("last_name", "first_name")
    )


def audit_trail(*, model_label: str = "") -> QuerySet[AuditEvent]:
    """Newest first; `model_label` (e.g. "core.action") narrows it to one kind of record."""
    events = AuditEvent.objects.order_by("-id")
    return events.filter(model_label=model_label) if model_label else events


def attachment_detail(*, pk: int) -> Attachment | None:
    return Attachment.objects.select_related("target_type").filter(pk=pk).first()


def job_for(*, user: User, pk) -> Job | None:
    """A background job, only for the person who asked for it."""
    if not user.is_authenticated:
        return None
    return Job.objects.filter(pk=pk, owner=user).first()
