"""Cross-cutting records every area of Ratusz uses.

Organisation (office, org units, users and their roles), the ISO clause
registry, actions, attachments, the audit trail and notifications.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ratusz.core.tones import Tone


class Role(models.TextChoices):
    QUALITY_MANAGER = "quality_manager", _("Quality manager")
    TOP_MANAGEMENT = "top_management", _("Top management")
    PROCESS_OWNER = "process_owner", _("Process owner / head of unit")
    INTERNAL_AUDITOR = "internal_auditor", _("Internal auditor")
    EMPLOYEE = "employee", _("Employee")
    EXTERNAL_AUDITOR = "external_auditor", _("External auditor")


class Office(models.Model):
    """The one office this installation serves."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    address = models.TextField(_("address"), blank=True)
    qms_scope = models.TextField(
        _("scope of the quality management system"),
        blank=True,
        help_text=_("ISO 9001 clause 4.3: the services and sites the QMS covers."),
    )
    scope_justification = models.TextField(
        _("justification of exclusions"),
        blank=True,
        help_text=_("Why requirements that do not apply (e.g. 8.3) are excluded."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("office")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="office_singleton")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Office | None:
        return cls.objects.filter(pk=1).first()


class OrgUnit(models.Model):
    """A department, office, independent post or management body, as a tree."""

    class Kind(models.TextChoices):
        MANAGEMENT = "management", _("Management")
        DEPARTMENT = "department", _("Department")
        OFFICE = "office", _("Office")
        POST = "post", _("Independent post")
        SECTION = "section", _("Section")

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head of unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    # Materialised path ("12/40/") so that a unit's subtree is one indexed
    # prefix query on every database.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    @property
    def depth(self) -> int:
        return max(self.path.count("/") - 1, 0)


class User(AbstractUser):
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=5,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Empty: follow the browser."),
    )
    access_expires_at = models.DateTimeField(
        _("access expires"),
        null=True,
        blank=True,
        help_text=_("After this moment the account can no longer sign in."),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def access_expired(self) -> bool:
        return self.access_expires_at is not None and self.access_expires_at <= timezone.now()


class RoleAssignment(models.Model):
    """A role held by a user; scoped to an org unit (and its subtree) where it matters."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        help_text=_("For a process owner: the unit they run. Empty: the whole office."),
    )

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "org_unit"], name="role_assignment_unique"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(org_unit__isnull=True),
                name="role_assignment_unique_officewide",
            ),
        ]

    def __str__(self) -> str:
        scope = f" ({self.org_unit})" if self.org_unit_id else ""
        return f"{self.user}: {self.get_role_display()}{scope}"


class Clause(models.Model):
    """A clause of a management-system standard, versioned by edition."""

    standard = models.CharField(_("standard"), max_length=40, default="ISO 9001")
    edition = models.CharField(_("edition"), max_length=10, default="2015")
    number = models.CharField(_("number"), max_length=20)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_pl = models.CharField(_("title (Polish)"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_key = models.CharField(max_length=40, editable=False)
    applicable = models.BooleanField(_("applicable"), default=True)
    justification = models.TextField(_("justification"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["standard", "edition", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "edition", "number"], name="clause_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(applicable=True) | ~Q(justification=""),
                name="clause_exclusion_justified",
                violation_error_message=_("A clause that does not apply needs a justification."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def title(self) -> str:
        return self.title_pl if (get_language() or "").startswith("pl") else self.title_en

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @staticmethod
    def order_key(number: str) -> tuple[int, ...]:
        """Sort key for clause numbers in numeric order: 4.4 < 7.5 < 7.5.1 < 9.2 < 10.2.

        Anything that is not a clause number (such as "—") sorts before every clause.
        """
        parts = number.strip().split(".")
        if not all(part.isdigit() for part in parts):
            return ()
        return tuple(int(part) for part in parts)

    @staticmethod
    def make_sort_key(number: str) -> str:
        return ".".join(f"{int(part):03d}" for part in number.split("."))


class ActionQuerySet(models.QuerySet):
    def open(self) -> ActionQuerySet:
        return self.filter(open_rank=0)

    def overdue(self, today: date | None = None) -> ActionQuerySet:
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def for_list(self) -> ActionQuerySet:
        return self.select_related("owner", "org_unit", "source_type")


class Effectiveness(models.TextChoices):
    """The result of an effectiveness check, of an action or of a nonconformity."""

    EFFECTIVE = "effective", _("Effective")
    NOT_EFFECTIVE = "not_effective", _("Not effective")


class Action(models.Model):
    """Any action, whatever raised it: one tracker for the whole QMS."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CORRECTIVE = "corrective", _("Corrective action")
        RISK_TREATMENT = "risk_treatment", _("Risk or opportunity treatment")
        IMPROVEMENT = "improvement", _("Improvement")
        REVIEW_DECISION = "review_decision", _("Management review decision")
        OBJECTIVE_PLAN = "objective_plan", _("Quality objective plan")
        FEEDBACK_RESPONSE = "feedback_response", _("Response to feedback")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done, awaiting effectiveness check")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.OPEN: Tone.INFO,
        Status.IN_PROGRESS: Tone.INFO,
        Status.DONE: Tone.WARN,
        Status.CLOSED: Tone.OK,
        Status.CANCELLED: Tone.MUTED,
    }

    OPEN_STATUSES = (Status.OPEN, Status.IN_PROGRESS)

    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="actions"
    )
    owner = models.ForeignKey(
        User, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="owned_actions"
    )
    due_date = models.DateField(_("due date"))
    clause = models.ForeignKey(
        Clause, verbose_name=_("ISO clause"), null=True, blank=True, on_delete=models.PROTECT
    )
    # The record that raised the action (a finding, a risk, a review decision …).
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField(_("raised by"), max_length=255, blank=True)

    effectiveness_required = models.BooleanField(_("effectiveness check required"), default=True)
    effectiveness_due = models.DateField(_("effectiveness check due"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    completion_evidence = models.TextField(_("completion evidence"), blank=True)
    effectiveness_result = models.CharField(
        _("effectiveness"), max_length=20, choices=Effectiveness.choices, blank=True
    )
    effectiveness_notes = models.TextField(_("effectiveness check notes"), blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # 0 for open actions, 1 for the rest; stored by the database from `status`
    # so that "open ones first, by due date" is one index range on every
    # database (a status IN (…) filter cannot be read in due-date order from an
    # index, and SQLite uses no index for a bare boolean column).
    open_rank = models.GeneratedField(
        expression=Case(
            When(status__in=["open", "in_progress"], then=Value(0)),  # OPEN_STATUSES
            default=Value(1),
            output_field=models.PositiveSmallIntegerField(),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_date", "id"]
        indexes = [
            models.Index(fields=["open_rank", "due_date", "id"], name="action_open_due"),
            models.Index(fields=["status", "due_date", "id"], name="action_status_due"),
            models.Index(fields=["org_unit", "open_rank", "due_date"], name="action_unit_open_due"),
            models.Index(fields=["owner", "open_rank", "due_date"], name="action_owner_open_due"),
            models.Index(fields=["source_type", "source_id"], name="action_source"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["done", "closed"]) | Q(completed_at__isnull=False),
                name="action_completed_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="action_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("core:action_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"A-{self.pk}" if self.pk else "A-?"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())

    @property
    def days_overdue(self) -> int:
        return (timezone.localdate() - self.due_date).days if self.is_overdue() else 0


class Attachment(models.Model):
    """A file of evidence attached to any record; always served as a download."""

    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    description = models.CharField(_("description"), max_length=255, blank=True)
    clauses = models.ManyToManyField(Clause, verbose_name=_("ISO clauses"), blank=True)
    uploaded_by = models.ForeignKey(
        User, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"], name="attachment_target")]

    def __str__(self) -> str:
        return self.original_name


class AttachmentText(models.Model):
    """The plain text of one attached file, extracted once in the background.

    Derived data (the file itself is the record), so it stays out of the audit trail.
    `extracted_at` is empty while extraction waits or runs.
    """

    audit_trail = False

    attachment = models.OneToOneField(
        Attachment, on_delete=models.CASCADE, primary_key=True, related_name="extracted"
    )
    text = models.TextField(_("extracted text"), blank=True)
    truncated = models.BooleanField(_("cut at the size limit"), default=False)
    extracted_at = models.DateTimeField(_("extracted"), null=True, blank=True)

    class Meta:
        verbose_name = _("extracted text")
        verbose_name_plural = _("extracted texts")

    def __str__(self) -> str:
        return str(self.attachment_id)

    @property
    def pending(self) -> bool:
        return self.extracted_at is None


class Job(models.Model):
    """Long work a person asked for, run by `ratusz worker`, with its progress and result.

    The task queue (django-tasks' database backend) runs it; this record is what the
    person sees: how far it got, and the result or why it failed.
    """

    audit_trail = False

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.QUEUED: Tone.INFO,
        Status.RUNNING: Tone.INFO,
        Status.DONE: Tone.OK,
        Status.FAILED: Tone.BAD,
    }
    FINISHED = (Status.DONE, Status.FAILED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=60)
    owner = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    result_label = models.CharField(max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(max_length=64, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("core:job", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0


class WorkerHeartbeat(models.Model):
    """A running `ratusz worker` and when it last said it is alive."""

    audit_trail = False

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return f"{self.host}:{self.pid}"


class AuditEvent(models.Model):
    """One change to one record. Append-only; sealed into a keyed (HMAC-SHA256) hash chain."""

    class Kind(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        START = "start", _("trail started")

    # Position in the chain; assigned when the event is sealed, after commit,
    # so the chain follows commit order on every database.
    seq = models.PositiveBigIntegerField(null=True, blank=True, unique=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("who"), max_length=200, blank=True)
    kind = models.CharField(_("what"), max_length=10, choices=Kind.choices)
    model_label = models.CharField(_("record type"), max_length=100)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(_("record"), max_length=255, blank=True)
    changes = models.JSONField(_("changes"), default=dict)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, blank=True)

    # Logged exactly as the record held it (and sealed: never rewritten on save).
    keep_text_as_written = True

    class Meta:
        verbose_name = _("audit trail entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["model_label", "object_id"], name="audit_object"),
            models.Index(fields=["seq"], name="audit_seq", condition=Q(seq__isnull=True)),
        ]

    def __str__(self) -> str:
        return (
            f"{timezone.localtime(self.created_at):%Y-%m-%d %H:%M} {self.actor_label} "
            f"{self.kind} {self.object_label}"
        )


class AuditChainHead(models.Model):
    """The last sealed event; locked while sealing so the chain never forks."""

    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(id=1), name="audit_head_singleton")]

    def __str__(self) -> str:
        return f"{self.seq}: {self.hash}"


class Notification(models.Model):
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Makes a reminder idempotent: the same key is never notified twice.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=Q(dedupe_key__isnull=False),
                name="notification_dedupe",
            )
        ]

    def __str__(self) -> str:
        from ratusz.core.notifications import render

        return render(self)


class CalendarFeed(models.Model):
    """The secret address of a person's iCalendar feeds; a new token revokes the old."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


class NumberSeries(models.Model):
    """The last number taken in one register's series (e.g. "nonconformity:2026").

    Numbers are taken by `core.services.take_number` with this row locked inside
    the transaction that saves the record, so they are unique and without gaps.
    """

    key = models.CharField(_("series"), max_length=100, unique=True)
    last = models.PositiveIntegerField(_("last number taken"), default=0)

    class Meta:
        verbose_name = _("number series")
        verbose_name_plural = _("number series")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"
