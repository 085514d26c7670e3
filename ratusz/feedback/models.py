"""Residents' feedback (ISO 9001 9.1.2, 8.2.1): complaints, motions, petitions and
requests, in one register with the statutory clock of each kind."""

from __future__ import annotations

import os
import secrets
from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone
from ratusz.feedback import deadlines
from ratusz.improvement.models import Idea, Nonconformity


class Kind(models.TextChoices):
    COMPLAINT = deadlines.COMPLAINT, _("Complaint (skarga)")
    MOTION = deadlines.MOTION, _("Motion (wniosek)")
    PETITION = deadlines.PETITION, _("Petition")
    PUBLIC_INFORMATION = deadlines.PUBLIC_INFORMATION, _("Request for public information")
    ACCESSIBILITY = deadlines.ACCESSIBILITY, _("Request to make content accessible")
    COMPLIMENT = deadlines.COMPLIMENT, _("Compliment")
    SUGGESTION = deadlines.SUGGESTION, _("Suggestion")


# Kinds that the law leaves without consideration when the name or address is missing
# (§ 8 of the regulation on complaints and motions; art. 7 ust. 1 of the petitions act).
NEEDS_IDENTITY = (Kind.COMPLAINT, Kind.MOTION, Kind.PETITION)
# Kinds whose outcome is a justified / unjustified finding.
JUDGED = (Kind.COMPLAINT, Kind.MOTION, Kind.PETITION)


class Channel(models.TextChoices):
    WEB = "web", _("Web form")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone call")
    ORAL = "oral", _("Oral, taken down in a protocol")


class Outcome(models.TextChoices):
    JUSTIFIED = "justified", _("Justified")
    PARTLY = "partly", _("Partly justified")
    UNJUSTIFIED = "unjustified", _("Unjustified")
    WITHOUT_CONSIDERATION = "without_consideration", _("Left without consideration")
    FORWARDED = "forwarded", _("Forwarded")
    ANSWERED = "answered", _("Answered")


class SubmissionQuerySet(models.QuerySet):
    def open(self) -> SubmissionQuerySet:
        # A list of statuses, not "not closed": it uses the (status, deadline) index.
        return self.filter(status__in=Submission.OPEN_STATUSES)

    def overdue(self, today: date) -> SubmissionQuerySet:
        return self.open().filter(deadline__lt=today)

    def due_soon(self, today: date, until: date) -> SubmissionQuerySet:
        return self.open().filter(deadline__gte=today, deadline__lte=until)

    def missed_without_notice(self, today: date) -> SubmissionQuerySet:
        """The statutory deadline passed (before an answer) and no delay notice was given."""
        late_open = Q(status__in=Submission.OPEN_STATUSES, statutory_deadline__lt=today)
        late_answer = Q(reply_sent_on__isnull=False) & Q(
            reply_sent_on__gt=models.F("statutory_deadline")
        )
        return self.filter(late_open | late_answer, delay_notices__isnull=True).exclude(
            outcome__in=[Outcome.WITHOUT_CONSIDERATION, Outcome.FORWARDED]
        )


class Submission(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered, to be assigned")
        IN_PROGRESS = "in_progress", _("Being handled")
        AWAITING_COMPLETION = "awaiting_completion", _("Waiting for the submitter to complete it")
        REPLY_DRAFTED = "reply_drafted", _("Reply awaiting approval")
        REPLY_APPROVED = "reply_approved", _("Reply approved, to be sent")
        CLOSED = "closed", _("Closed")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.REGISTERED: Tone.WARN,
        Status.IN_PROGRESS: Tone.INFO,
        Status.AWAITING_COMPLETION: Tone.MUTED,
        Status.REPLY_DRAFTED: Tone.INFO,
        Status.REPLY_APPROVED: Tone.INFO,
        Status.CLOSED: Tone.OK,
    }
    OPEN_STATUSES = (
        Status.REGISTERED,
        Status.IN_PROGRESS,
        Status.AWAITING_COMPLETION,
        Status.REPLY_DRAFTED,
        Status.REPLY_APPROVED,
    )

    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    submitter_name = models.CharField(_("name of the submitter"), max_length=200, blank=True)
    submitter_address = models.CharField(_("address"), max_length=300, blank=True)
    submitter_email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("content"))
    about_mayor = models.BooleanField(_("about the mayor's own tasks"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.REGISTERED,
        db_index=True,
    )
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="submissions",
        null=True,
        blank=True,
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.PROTECT,
        related_name="handled_submissions",
        null=True,
        blank=True,
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True)
    # The clock starts on receipt, or on completion of a petition's formal defects.
    clock_from = models.DateField(_("clock runs from"))
    statutory_deadline = models.DateField(_("statutory deadline"), db_index=True)
    deadline = models.DateField(_("deadline"), db_index=True)
    completion_due = models.DateField(_("to be completed by"), null=True, blank=True)
    completion_requested = models.TextField(_("what is to be completed"), blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_reasons = models.TextField(_("reasons"), blank=True)
    repeated_of = models.ForeignKey(
        "self",
        verbose_name=_("repeats"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    reply_text = models.TextField(_("reply"), blank=True)
    reply_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply drafted by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reply_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reply approved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reply_signatory = models.CharField(_("signed by (name and post)"), max_length=200, blank=True)
    reply_sent_on = models.DateField(_("reply sent on"), null=True, blank=True)
    reply_sha256 = models.CharField(_("SHA-256 of the reply sent"), max_length=64, blank=True)
    notified = models.CharField(_("notified"), max_length=300, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    code_hash = models.CharField(max_length=128, blank=True, editable=False)
    nonconformity = models.ForeignKey(
        Nonconformity,
        verbose_name=_("nonconformity"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    idea = models.ForeignKey(
        Idea,
        verbose_name=_("improvement idea"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    anonymised_on = models.DateField(_("personal data anonymised on"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="submission_unique_number"),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"], name="submission_status_deadline"),
            models.Index(fields=["kind", "received_on"], name="submission_kind_received"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("feedback:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"SW/{self.year}/{self.number:04d}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_anonymous(self) -> bool:
        return not (self.submitter_name.strip() and self.submitter_address.strip())

    @property
    def is_judged(self) -> bool:
        return self.kind in JUDGED

    def status_note(self) -> tuple[Tone, str] | None:
        from django.utils import timezone

        if self.is_open and self.deadline < timezone.localdate():
            return Tone.BAD, str(_("overdue"))
        return None


class DelayNotice(models.Model):
    """A notice of delay (art. 36 k.p.a.; art. 13 ust. 2 UDIP): reason, new date and
    the right to a reminder (ponaglenie, art. 37)."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="delay_notices"
    )
    issued_on = models.DateField(_("issued on"))
    reason = models.TextField(_("reason for the delay"))
    new_deadline = models.DateField(_("new date"))
    previous_deadline = models.DateField(_("previous deadline"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("delay notice")
        verbose_name_plural = _("delay notices")
        ordering = ["issued_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_deadline__gt=models.F("previous_deadline")),
                name="delay_notice_moves_the_date_later",
            )
        ]

    def __str__(self) -> str:
        return f"{self.submission.reference}: {self.new_deadline}"


class PersonalDataExport(models.Model):
    """A person's data exported on their request (GDPR art. 15, 20): who asked for whose
    data and how many submissions were found. Kept so that the audit trail shows it."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    person = models.CharField(_("name of the person"), max_length=200, blank=True)
    email = models.CharField(_("e-mail of the person"), max_length=254, blank=True)
    found = models.PositiveIntegerField(_("submissions found"))
    created_at = models.DateTimeField(_("exported"), auto_now_add=True)

    class Meta:
        verbose_name = _("export of personal data")
        verbose_name_plural = _("exports of personal data")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.person or self.email} ({self.found})"


def _attachment_path(instance: SubmissionFile, filename: str) -> str:
    # A random name: the resident's file name is kept only in the database.
    extension = os.path.splitext(filename)[1].lower()
    return f"feedback/{instance.submission.year}/{secrets.token_hex(16)}{extension}"


class SubmissionFile(models.Model):
    """A file a resident attached to a web submission (or staff to a registered one);
    its type is decided by its content, and staff download it, never open it inline."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=_attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class AddressCount(models.Model):
    """How many requests of one kind came from one address in the current window: the
    residents' forms' limits, counted in the database so that every app server and
    worker counts together. The address is kept only as a keyed hash, and the row is
    reset when its window has passed (the daily run deletes expired rows)."""

    # A counter, not a record: the audit trail would only double its writes.
    audit_trail = False

    kind = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)
    count = models.PositiveIntegerField(default=0)
    resets_at = models.DateTimeField()

    class Meta:
        verbose_name = _("requests from one address")
        verbose_name_plural = _("requests from one address")
        constraints = [
            models.UniqueConstraint(fields=["kind", "digest"], name="address_count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.count}"
