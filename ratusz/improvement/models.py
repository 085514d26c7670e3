"""Nonconformities, their root causes and effectiveness (8.7, 10.2) and improvement ideas (10.3).

Corrective and implementation actions are core `Action` records whose source is
the nonconformity or idea, so they share the one tracker with every other action.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.core.models import Clause, Effectiveness, OrgUnit
from ratusz.core.tones import Tone
from ratusz.processes.models import Process


class Source(models.TextChoices):
    INTERNAL_AUDIT = "internal_audit", _("Internal audit")
    EXTERNAL_AUDIT = "external_audit", _("External audit")
    COMPLAINT = "complaint", _("Complaint")
    PROCESS_MONITORING = "process_monitoring", _("Process monitoring")
    STAFF_REPORT = "staff_report", _("Staff report")
    SUPPLIER = "supplier", _("Supplier")


class CauseCategory(models.TextChoices):
    PEOPLE = "people", _("People (competence, awareness, workload)")
    METHOD = "method", _("Method (procedure, instruction)")
    EQUIPMENT = "equipment", _("Equipment and IT systems")
    INFORMATION = "information", _("Information and inputs")
    MEASUREMENT = "measurement", _("Monitoring and measurement")
    ENVIRONMENT = "environment", _("Work environment and external factors")


class NonconformityQuerySet(models.QuerySet):
    def open(self) -> NonconformityQuerySet:
        return self.filter(status__in=Nonconformity.OPEN_STATUSES)

    def overdue(self, today: date) -> NonconformityQuerySet:
        return self.open().filter(target_date__lt=today)


class Nonconformity(models.Model):
    class Grade(models.TextChoices):
        MAJOR = "major", _("Major")
        MINOR = "minor", _("Minor")

    class Status(models.TextChoices):
        REPORTED = "reported", _("Reported, awaiting triage")
        OPEN = "open", pgettext_lazy("nonconformity", "Open")
        VERIFICATION = "verification", _("Awaiting effectiveness check")
        CLOSED = "closed", pgettext_lazy("nonconformity", "Closed")
        REJECTED = "rejected", _("Not a nonconformity")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.REPORTED: Tone.WARN,
        Status.OPEN: Tone.INFO,
        Status.VERIFICATION: Tone.WARN,
        Status.CLOSED: Tone.OK,
        Status.REJECTED: Tone.MUTED,
    }

    OPEN_STATUSES = (Status.REPORTED, Status.OPEN, Status.VERIFICATION)
    # The codes a list field holds, named for readers of the audit trail.
    LIST_CHOICES: ClassVar[dict[str, type[models.TextChoices]]] = {
        "cause_categories": CauseCategory
    }

    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    source_reference = models.CharField(_("source reference"), max_length=255, blank=True)
    # Empty until triage: a staff report is graded by the quality manager.
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="nonconformities"
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="nonconformities",
        null=True,
        blank=True,
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("ISO clause"),
        on_delete=models.PROTECT,
        related_name="nonconformities",
        null=True,
        blank=True,
    )
    detected_on = models.DateField(_("detected on"))
    target_date = models.DateField(_("to be closed by"), null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="reported_nonconformities",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="owned_nonconformities",
        null=True,
        blank=True,
    )
    recurrence_of = models.ForeignKey(
        "self",
        verbose_name=_("recurrence of"),
        on_delete=models.SET_NULL,
        related_name="recurrences",
        null=True,
        blank=True,
    )
    # correction / containment (8.7)
    correction = models.TextField(_("immediate correction and containment"), blank=True)
    correction_done_on = models.DateField(_("correction done on"), null=True, blank=True)
    # root cause (10.2.1 b): five whys and cause categories
    whys = models.JSONField(_("five whys"), default=list, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    cause_categories = models.JSONField(_("cause categories"), default=list, blank=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analysed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    analysed_at = models.DateTimeField(_("analysed"), null=True, blank=True)
    # effectiveness (10.2.1 d)
    verification_due = models.DateField(_("effectiveness check planned for"), null=True, blank=True)
    verification_method = models.TextField(_("how effectiveness will be checked"), blank=True)
    verification_result = models.CharField(
        _("effectiveness"), max_length=20, choices=Effectiveness.choices, blank=True
    )
    verification_notes = models.TextField(_("effectiveness check notes"), blank=True)
    verified_on = models.DateField(_("effectiveness checked on"), null=True, blank=True)
    # How many effectiveness checks found the actions not effective (0: the first
    # check succeeded), for the effectiveness rate in the statistics.
    failed_verifications = models.PositiveSmallIntegerField(
        _("effectiveness checks failed"), default=0, editable=False
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("effectiveness checked by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    # closure
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    closure_notes = models.TextField(_("closure notes"), blank=True)
    rejection_reason = models.TextField(_("why this is not a nonconformity"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = NonconformityQuerySet.as_manager()

    class Meta:
        verbose_name = _("nonconformity")
        verbose_name_plural = _("nonconformities")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="nonconformity_unique_number"),
            models.CheckConstraint(
                condition=Q(verification_due__isnull=True)
                | Q(verification_due__gte=F("detected_on")),
                name="nonconformity_verification_after_detection",
                violation_error_message=_(
                    "The effectiveness check cannot come before the nonconformity was detected."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(verification_result="effective"),
                name="nonconformity_closed_only_when_effective",
                violation_error_message=_(
                    "A nonconformity closes only after its corrective actions proved effective."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "target_date"], name="nc_status_target"),
            models.Index(fields=["org_unit", "status"], name="nc_unit_status"),
            models.Index(fields=["process", "clause", "detected_on"], name="nc_recurrence"),
            models.Index(fields=["detected_on"], name="nc_detected"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:nc_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"NC/{self.year}/{self.number:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.target_date is not None and self.target_date < today


class Idea(models.Model):
    class Source(models.TextChoices):
        STAFF = "staff", _("Staff")
        RESIDENT = "resident", _("Resident")
        AUDIT = "audit", _("Audit (opportunity for improvement)")
        MANAGEMENT_REVIEW = "management_review", _("Management review")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        EVALUATING = "evaluating", _("Being evaluated")
        ACCEPTED = "accepted", _("Accepted, being implemented")
        REJECTED = "rejected", _("Not taken up")
        IMPLEMENTED = "implemented", _("Implemented")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.SUBMITTED: Tone.INFO,
        Status.EVALUATING: Tone.INFO,
        Status.ACCEPTED: Tone.INFO,
        Status.REJECTED: Tone.MUTED,
        Status.IMPLEMENTED: Tone.OK,
    }

    OPEN_STATUSES = (Status.SUBMITTED, Status.EVALUATING, Status.ACCEPTED)

    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"))
    source = models.CharField(
        _("source"), max_length=30, choices=Source.choices, default=Source.STAFF
    )
    source_reference = models.CharField(_("source reference"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit concerned"),
        on_delete=models.PROTECT,
        related_name="ideas",
        null=True,
        blank=True,
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="ideas",
        null=True,
        blank=True,
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("ISO clause"),
        on_delete=models.PROTECT,
        related_name="ideas",
        null=True,
        blank=True,
    )
    expected_benefit = models.TextField(_("expected benefit"), blank=True)
    evaluation = models.TextField(_("evaluation"), blank=True)
    decision_notes = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    benefit_achieved = models.TextField(_("benefit achieved"), blank=True)
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("improvement idea")
        verbose_name_plural = _("improvement ideas")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="idea_unique_number"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="idea_status_created")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("improvement:idea_detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"IDEA/{self.year}/{self.number:04d}"
