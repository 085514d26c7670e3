"""People and resources (ISO 9001 7.1–7.4): positions and the competences they
require, the competence each person holds (7.2), trainings and their
effectiveness, the communication plan (7.4) and the resources of 7.1."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone

EXPIRING_DAYS = 90  # a record expiring within this many days is flagged in the matrix


class Competence(models.Model):
    """A competence a position may require: what it is and how it is evidenced."""

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Education")
        TRAINING = "training", _("Training")
        EXPERIENCE = "experience", _("Experience")
        AUTHORISATION = "authorisation", _("Authorisation")

    class AuditRole(models.TextChoices):
        """What a record of the competence qualifies for in internal audit (9.2)."""

        NONE = "", _("Nothing in internal audit")
        AUDITOR = "auditor", _("Qualifies an internal auditor")
        LEAD = "lead", _("Qualifies a lead auditor")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    evidenced_by = models.CharField(
        _("how it is evidenced"),
        max_length=255,
        help_text=_("E.g. a diploma, a training certificate, an appointment by the mayor."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: does not expire."),
    )
    description = models.TextField(_("description"), blank=True)
    audit_role = models.CharField(
        _("internal audit"),
        max_length=10,
        choices=AuditRole.choices,
        blank=True,
        default="",
        help_text=_(
            "A valid record of this competence is what qualifies a member of the auditor "
            "pool (to audit, or to lead audits). One competence for each."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["audit_role"],
                condition=~Q(audit_role=""),
                name="competence_one_per_audit_role",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("competence:competences")


class Position(models.Model):
    """A position (stanowisko) in an org unit and the competences it requires."""

    name = models.CharField(_("name"), max_length=200)
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("org unit"), on_delete=models.PROTECT, related_name="positions"
    )
    description = models.TextField(_("duties"), blank=True)
    competences = models.ManyToManyField(
        Competence, verbose_name=_("required competences"), blank=True, related_name="positions"
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["org_unit__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["org_unit", "name"], name="position_unique_in_unit")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("competence:position", args=[self.pk])


class Placement(models.Model):
    """Which position a member of staff holds (one at a time)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="placement",
    )
    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.PROTECT, related_name="placements"
    )
    since = models.DateField(_("since"))

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self) -> str:
        return f"{self.person}: {self.position}"


class CompetenceRecord(models.Model):
    """A competence a person holds, with its evidence and expiry (7.2 d)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="competence_records",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="records"
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    evidence = models.CharField(
        _("evidence"),
        max_length=255,
        blank=True,
        help_text=_("What proves it, e.g. certificate no. 12/2026."),
    )
    training = models.ForeignKey(
        "Training",
        verbose_name=_("from training"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("competence record")
        verbose_name_plural = _("competence records")
        ordering = ["person", "competence__name", "-issued_on"]
        indexes = [models.Index(fields=["person", "competence", "issued_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("issued_on")),
                name="competence_record_expires_after_issue",
            )
        ]
        permissions = [
            ("view_personal_data", _("Can read the competence records of every employee (HR)")),
        ]

    def __str__(self) -> str:
        return f"{self.competence}: {self.person}"

    def get_absolute_url(self) -> str:
        return reverse("competence:record", args=[self.pk])

    def state(self, today: date) -> str:
        """valid, expiring (within EXPIRING_DAYS) or expired."""
        if self.expires_on is None:
            return "valid"
        if self.expires_on < today:
            return "expired"
        if self.expires_on <= today + timedelta(days=EXPIRING_DAYS):
            return "expiring"
        return "valid"


class Training(models.Model):
    """A training held for staff, and the competence it gives."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        EVALUATED = "evaluated", _("Evaluated")
        CANCELLED = "cancelled", _("Cancelled")

    STATUS_TONES = {
        Status.PLANNED: Tone.INFO,
        Status.HELD: Tone.WARN,
        Status.EVALUATED: Tone.OK,
        Status.CANCELLED: Tone.MUTED,
    }

    topic = models.CharField(_("topic"), max_length=255)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    held_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, default=1)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organised for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainings",
        help_text=_("Empty: the whole office."),
    )
    competence = models.ForeignKey(
        Competence,
        verbose_name=_("competence it gives"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    materials = models.TextField(_("materials"), blank=True)
    evaluate_after_days = models.PositiveSmallIntegerField(
        _("evaluate effectiveness after (days)"), default=30
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "topic"]
        indexes = [models.Index(fields=["status", "held_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="training_hours_positive")
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("competence:training", args=[self.pk])

    @property
    def evaluation_due(self) -> date:
        return self.held_on + timedelta(days=self.evaluate_after_days)


class Attendance(models.Model):
    """A person enrolled on a training: whether they attended, and whether it worked."""

    class Result(models.TextChoices):
        PENDING = "pending", _("Not evaluated yet")
        EFFECTIVE = "effective", _("Effective")
        NOT_EFFECTIVE = "not_effective", _("Not effective")

    training = models.ForeignKey(
        Training, verbose_name=_("training"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    attended = models.BooleanField(_("attended"), default=False)
    result = models.CharField(
        _("effectiveness"), max_length=20, choices=Result.choices, default=Result.PENDING
    )
    evaluation = models.TextField(_("how it was evaluated"), blank=True)
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["training", "person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["training", "person"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.training}: {self.person}"


class PlanItem(models.Model):
    """A line of the yearly training plan: a person to gain a competence."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SCHEDULED = "scheduled", _("Training scheduled")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    STATUS_TONES = {
        Status.PLANNED: Tone.INFO,
        Status.SCHEDULED: Tone.WARN,
        Status.DONE: Tone.OK,
        Status.CANCELLED: Tone.MUTED,
    }

    year = models.PositiveSmallIntegerField(_("year"))
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="training_plan",
    )
    competence = models.ForeignKey(
        Competence, verbose_name=_("competence"), on_delete=models.PROTECT, related_name="+"
    )
    training = models.ForeignKey(
        Training,
        verbose_name=_("training"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_items",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("planned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("training plan item")
        verbose_name_plural = _("training plan items")
        ordering = ["year", "person__last_name", "competence__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "person", "competence"], name="plan_item_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.person} — {self.competence}"


class CommunicationEntry(models.Model):
    """A line of the communication plan (7.4): what, when, with whom, how, who."""

    class Direction(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    subject = models.CharField(_("what"), max_length=255)
    when = models.CharField(_("when"), max_length=200, help_text=_("E.g. monthly, after a change."))
    audience = models.CharField(_("with whom"), max_length=255)
    channel = models.CharField(_("how"), max_length=200)
    communicator = models.CharField(_("who communicates"), max_length=200)
    direction = models.CharField(
        _("internal or external"), max_length=10, choices=Direction.choices
    )
    last_performed = models.DateField(_("last performed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("communication plan entry")
        verbose_name_plural = _("communication plan")
        ordering = ["direction", "subject"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("competence:communication")


class Resource(models.Model):
    """Infrastructure (7.1.3) or organisational knowledge (7.1.6) the office relies on."""

    class Kind(models.TextChoices):
        BUILDING = "building", _("Building")
        ROOM = "room", _("Room")
        IT_SYSTEM = "it_system", _("IT system")
        REGISTER = "register", _("Register")
        EQUIPMENT = "equipment", _("Equipment")
        KNOWLEDGE = "knowledge", _("Organisational knowledge")
        MONITORING = "monitoring", _("Monitoring resource")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)
    next_review = models.DateField(_("next review or maintenance"), null=True, blank=True)
    last_review = models.DateField(_("last review or maintenance"), null=True, blank=True)
    incidents = models.TextField(_("incidents"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("competence:resource", args=[self.pk])


class InductionItem(models.Model):
    """A step of a new employee's induction (e.g. introduced to the quality policy,
    GDPR authorisation given, EZD account opened), ticked off when done."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="induction_items",
    )
    title = models.CharField(_("step"), max_length=255)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("induction step")
        verbose_name_plural = _("induction steps")
        ordering = ["person", "id"]

    def __str__(self) -> str:
        return self.title


# --- the management-control self-assessment and the ISO 18091 diagnostic ---------------

MIN_GROUP = 5  # staff results are shown only for groups of at least this many answers


class Assessment(models.Model):
    """One year's questionnaire: the management-control self-assessment
    (samoocena kontroli zarządczej, standards groups A–E) or the ISO 18091
    diagnostic (indicators on a traffic-light scale). Both run on this engine."""

    class Kind(models.TextChoices):
        CONTROL = "control", _("Management-control self-assessment")
        ISO18091 = "iso18091", _("ISO 18091 diagnostic")

    class Status(models.TextChoices):
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    closes_on = models.DateField(_("answers until"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="assessment_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("competence:assessment", args=[self.pk])


class Question(models.Model):
    """A question of the self-assessment (in a standards group A–E) or an
    indicator of the diagnostic (in an area). The office's own editable text."""

    class Audience(models.TextChoices):
        ALL = "all", _("Managers and staff")
        MANAGERS = "managers", _("Managers")
        STAFF = "staff", _("Staff")

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="questions", verbose_name=_("assessment")
    )
    group = models.CharField(
        _("group"), max_length=100, help_text=_("A standards group (A–E) or an area.")
    )
    text = models.TextField(_("question"))
    audience = models.CharField(
        _("who answers"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["assessment", "group", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Submission(models.Model):
    """One filled-in questionnaire. It names no person: its key is random and it
    carries no time, so it cannot be matched to the `Participation` marker."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        STAFF = "staff", _("Staff")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="submissions")
    role = models.CharField(_("version"), max_length=10, choices=Role.choices)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("org unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the unit is too small to keep the answer anonymous."),
    )

    class Meta:
        verbose_name = _("filled-in questionnaire")
        verbose_name_plural = _("filled-in questionnaires")

    def __str__(self) -> str:
        return f"{self.assessment} ({self.get_role_display()})"


class Answer(models.Model):
    """One answer. Its key is random too: a running number would follow the
    order in which people answered, and so the order of the markers."""

    class Value(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("I don't know")
        GREEN = "green", _("Green: in place")
        YELLOW = "yellow", _("Yellow: partly in place")
        RED = "red", _("Red: not in place")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.CharField(_("answer"), max_length=10, choices=Value.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["submission", "question"], name="answer_once")
        ]

    def __str__(self) -> str:
        return self.get_value_display()


class Participation(models.Model):
    """That a person has answered, and nothing else: it stops a second answer.
    Its key is random, so its order says nothing about the order of the answers."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "person"], name="participation_once")
        ]

    def __str__(self) -> str:
        return str(self.assessment)
