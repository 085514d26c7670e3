"""Internal audits (ISO 9001 9.2): programme, auditors, audits, checklists, findings, reports."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.core.models import Clause, OrgUnit
from ratusz.core.tones import Tone
from ratusz.improvement.models import Idea, Nonconformity
from ratusz.processes.models import Process


class AuditorProfile(models.Model):
    """A member of the internal auditor pool. Their qualification (training date,
    qualified to lead) is read through `audits.qualification`: from competence
    records where an area keeps them, from the fields below only otherwise."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auditor"),
        on_delete=models.CASCADE,
        related_name="auditor_profile",
    )
    trained_on = models.DateField(_("auditor training completed"), null=True, blank=True)
    training = models.CharField(_("training"), max_length=255, blank=True)
    qualifications = models.TextField(_("qualifications and experience"), blank=True)
    can_lead = models.BooleanField(_("qualified to lead audits"), default=False)
    is_active = models.BooleanField(_("in the pool"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("auditor")
        verbose_name_plural = _("auditor pool")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return str(self.user)


class Programme(models.Model):
    """The audit programme of one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", pgettext_lazy("programme", "Approved")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.DRAFT: Tone.INFO,
        Status.APPROVED: Tone.INFO,
    }

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    objectives = models.TextField(_("objectives of the programme"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(_("Audit programme %(year)s") % {"year": self.year})

    def get_absolute_url(self) -> str:
        return reverse("audits:programme", args=[self.year])


class ProgrammeItem(models.Model):
    """One planned audit of a process (or a unit) in the programme, or a justified deferral."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DEFERRED = "deferred", _("Deferred with justification")

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="items"
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="programme_items",
        null=True,
        blank=True,
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="programme_items"
    )
    clauses = models.ManyToManyField(Clause, verbose_name=_("ISO clauses"), blank=True)
    planned_month = models.PositiveSmallIntegerField(_("planned month"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    risk_score = models.PositiveIntegerField(_("priority score"), default=0)
    rationale = models.TextField(_("why and when"), blank=True)
    justification = models.TextField(_("justification for deferral"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")
        ordering = ["planned_month", "-risk_score", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_month__gte=1, planned_month__lte=12),
                name="programme_item_month_1_12",
            ),
            models.CheckConstraint(
                condition=~Q(status="deferred") | ~Q(justification=""),
                name="programme_item_deferral_justified",
                violation_error_message=_("A deferred audit needs a justification."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.process or self.org_unit)


class Audit(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed, report issued")
        CANCELLED = "cancelled", pgettext_lazy("audit", "Cancelled")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.PLANNED: Tone.INFO,
        Status.IN_PROGRESS: Tone.INFO,
        Status.CLOSED: Tone.OK,
        Status.CANCELLED: Tone.MUTED,
    }

    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    programme_item = models.ForeignKey(
        ProgrammeItem,
        verbose_name=_("programme item"),
        on_delete=models.SET_NULL,
        related_name="audits",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=255)
    objectives = models.TextField(_("objectives"))
    scope = models.TextField(_("scope"))
    criteria = models.TextField(_("audit criteria"))
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="audits",
        null=True,
        blank=True,
    )
    org_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("audited units"), related_name="audits"
    )
    clauses = models.ManyToManyField(Clause, verbose_name=_("ISO clauses"), related_name="audits")
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    opening_meeting = models.DateTimeField(_("opening meeting"), null=True, blank=True)
    closing_meeting = models.DateTimeField(_("closing meeting"), null=True, blank=True)
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead auditor"),
        on_delete=models.PROTECT,
        related_name="led_audits",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("audit team"),
        related_name="audit_teams",
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    summary = models.TextField(_("conclusions"), blank=True)
    report_issued_at = models.DateTimeField(_("report issued"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["-planned_start", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="audit_unique_number"),
            models.CheckConstraint(
                condition=Q(planned_end__gte=F("planned_start")),
                name="audit_ends_after_start",
                violation_error_message=_("An audit cannot end before it starts."),
            ),
        ]
        indexes = [models.Index(fields=["status", "planned_start"], name="audit_status_start")]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("audits:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"AW/{self.year}/{self.number:02d}"

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.CANCELLED)


class QuestionTemplate(models.Model):
    """A reusable checklist question, for a clause, a process, or both."""

    text = models.TextField(_("question"))
    guidance = models.TextField(_("what to look for"), blank=True)
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("ISO clause"),
        on_delete=models.PROTECT,
        related_name="question_templates",
        null=True,
        blank=True,
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="question_templates",
        null=True,
        blank=True,
    )
    is_active = models.BooleanField(_("in use"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("question template")
        verbose_name_plural = _("question templates")
        ordering = ["clause__sort_key", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(clause__isnull=False) | Q(process__isnull=False),
                name="question_template_has_clause_or_process",
                violation_error_message=_("A question belongs to a clause or a process."),
            )
        ]

    def __str__(self) -> str:
        return self.text[:80]


class ChecklistItem(models.Model):
    class Answer(models.TextChoices):
        CONFORMS = "conforms", _("Conforms")
        NONCONFORMS = "nonconforms", _("Does not conform")
        OBSERVATION = "observation", _("Observation")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="checklist"
    )
    position = models.PositiveIntegerField(_("order"), default=0)
    question = models.TextField(_("question"))
    guidance = models.TextField(_("what to look for"), blank=True)
    template = models.ForeignKey(
        QuestionTemplate, on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("ISO clause"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    evidence = models.TextField(_("evidence seen"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("checklist question")
        verbose_name_plural = _("checklist")
        ordering = ["audit", "position", "id"]

    def __str__(self) -> str:
        return self.question[:80]

    def get_absolute_url(self) -> str:
        return reverse("audits:detail", args=[self.audit_id]) + f"#q{self.pk}"


class Finding(models.Model):
    class Grade(models.TextChoices):
        MAJOR = "major", _("Major nonconformity")
        MINOR = "minor", _("Minor nonconformity")
        OBSERVATION = "observation", _("Observation")
        OPPORTUNITY = "opportunity", _("Opportunity for improvement")

    NONCONFORMITY_GRADES = (Grade.MAJOR, Grade.MINOR)

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    clause = models.ForeignKey(
        Clause, verbose_name=_("ISO clause"), on_delete=models.PROTECT, related_name="findings"
    )
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="findings",
        null=True,
        blank=True,
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="findings"
    )
    description = models.TextField(_("finding"))
    evidence = models.TextField(_("objective evidence"), blank=True)
    checklist_item = models.ForeignKey(
        ChecklistItem,
        verbose_name=_("checklist question"),
        on_delete=models.SET_NULL,
        related_name="findings",
        null=True,
        blank=True,
    )
    nonconformity = models.OneToOneField(
        Nonconformity,
        verbose_name=_("nonconformity"),
        on_delete=models.SET_NULL,
        related_name="audit_finding",
        null=True,
        blank=True,
    )
    idea = models.OneToOneField(
        Idea,
        verbose_name=_("improvement idea"),
        on_delete=models.SET_NULL,
        related_name="audit_finding",
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="finding_unique_number"),
        ]
        indexes = [models.Index(fields=["grade", "created_at"], name="finding_grade_created")]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_grade_display()}"

    def get_absolute_url(self) -> str:
        return reverse("audits:detail", args=[self.audit_id]) + "#findings"

    @property
    def reference(self) -> str:
        return f"{self.audit.reference}/{self.number}"


class ReportAcknowledgement(models.Model):
    """The audited unit confirms it received the audit report."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="acknowledgements"
    )
    org_unit = models.ForeignKey(OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged"), auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report acknowledgement")
        verbose_name_plural = _("report acknowledgements")
        constraints = [
            models.UniqueConstraint(fields=["audit", "org_unit"], name="report_ack_once_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.audit.reference}: {self.org_unit}"
