"""Certificates of conformity and the external audits of the certification body."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ratusz.core.tones import Tone


class CertificationBody(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    accreditation_body = models.CharField(_("accreditation body"), max_length=200, blank=True)
    accreditation_number = models.CharField(_("accreditation number"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("certification body")
        verbose_name_plural = _("certification bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", pgettext_lazy("certificate", "Withdrawn")
        EXPIRED = "expired", _("Expired")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.VALID: Tone.OK,
        Status.SUSPENDED: Tone.WARN,
        Status.WITHDRAWN: Tone.BAD,
        Status.EXPIRED: Tone.BAD,
    }
    # A valid certificate this close to its expiry is shown with a warning: the
    # recertification audit and the body's decision must both fall before it
    # (the cycle's first reminder comes 90 days ahead too).
    EXPIRY_WARNING_DAYS: ClassVar[int] = 90

    body = models.ForeignKey(
        CertificationBody,
        verbose_name=_("certification body"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    standard = models.CharField(_("standard"), max_length=60, default="PN-EN ISO 9001:2015")
    number = models.CharField(_("certificate number"), max_length=60)
    scope = models.TextField(_("scope"))
    sites = models.TextField(_("sites"), blank=True)
    decision_date = models.DateField(_("certification decision"))
    issue_date = models.DateField(_("issued"))
    expiry_date = models.DateField(_("valid until"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issue_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__gt=F("issue_date")),
                name="certificate_expiry_after_issue",
                violation_error_message=_("A certificate must expire after it is issued."),
            ),
            models.UniqueConstraint(fields=["body", "number"], name="certificate_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.standard} {self.number}"

    def status_note(self, today: date | None = None) -> tuple[Tone, str] | None:
        """What the status alone does not say: a valid certificate that runs out
        soon (warn) or whose date has passed (bad). `{% status_badge %}` shows it."""
        if self.status != self.Status.VALID:
            return None
        days = (self.expiry_date - (today or timezone.localdate())).days
        if days < 0:
            return Tone.BAD, gettext("expired on %(date)s") % {
                "date": date_format(self.expiry_date, "SHORT_DATE_FORMAT")
            }
        if days == 0:
            return Tone.WARN, gettext("expires today")
        if days <= self.EXPIRY_WARNING_DAYS:
            return Tone.WARN, ngettext("expires in %(n)d day", "expires in %(n)d days", days) % {
                "n": days
            }
        return None


class ExternalAudit(models.Model):
    class Kind(models.TextChoices):
        STAGE_1 = "stage1", _("Initial certification, stage 1")
        STAGE_2 = "stage2", _("Initial certification, stage 2")
        SURVEILLANCE = "surveillance", _("Surveillance audit")
        RECERTIFICATION = "recertification", _("Recertification audit")
        SPECIAL = "special", _("Special audit")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.PLANNED: Tone.INFO,
        Status.DONE: Tone.OK,
        Status.CANCELLED: Tone.MUTED,
    }

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="audits",
        null=True,
        blank=True,
    )
    body = models.ForeignKey(
        CertificationBody,
        verbose_name=_("certification body"),
        on_delete=models.PROTECT,
        related_name="audits",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    lead_auditor = models.CharField(_("lead auditor"), max_length=200, blank=True)
    team = models.TextField(_("audit team"), blank=True)
    audit_days = models.DecimalField(
        _("auditor days"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    result = models.TextField(_("result"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("external audit")
        verbose_name_plural = _("external audits")
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="external_audit_dates_ordered",
                violation_error_message=_("An audit cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {date_format(self.start_date, 'SHORT_DATE_FORMAT')}"

    def get_absolute_url(self) -> str:
        return reverse("certification:audit", args=[self.pk])


class ExternalFinding(models.Model):
    """A finding of the certification body, with the response deadline it set."""

    class Grade(models.TextChoices):
        MAJOR = "major", _("Major nonconformity")
        MINOR = "minor", _("Minor nonconformity")
        OBSERVATION = "observation", _("Observation")
        OPPORTUNITY = "opportunity", _("Opportunity for improvement")

    NONCONFORMITY_GRADES = (Grade.MAJOR, Grade.MINOR)

    audit = models.ForeignKey(
        ExternalAudit,
        verbose_name=_("external audit"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    number = models.PositiveIntegerField(_("number"), editable=False)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    clause = models.ForeignKey(
        "core.Clause", verbose_name=_("ISO clause"), on_delete=models.PROTECT, related_name="+"
    )
    org_unit = models.ForeignKey(
        "core.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="external_findings",
        null=True,
        blank=True,
    )
    description = models.TextField(_("finding"))
    response_due = models.DateField(_("response due"), null=True, blank=True)
    nonconformity = models.OneToOneField(
        "improvement.Nonconformity",
        verbose_name=_("nonconformity"),
        on_delete=models.SET_NULL,
        related_name="external_finding",
        null=True,
        blank=True,
    )
    recorded_by = models.ForeignKey(
        "core.User", verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        verbose_name = _("external audit finding")
        verbose_name_plural = _("external audit findings")
        ordering = ["audit", "number"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "number"], name="external_finding_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.audit} #{self.number} {self.get_grade_display()}"


class ReadinessSnapshot(models.Model):
    """The readiness score of one ISO week, for the trend."""

    # A figure computed from records that are audited themselves; logging it
    # would only fill the activity feed.
    audit_trail = False

    week_start = models.DateField(_("week starting"), unique=True)
    score = models.PositiveSmallIntegerField(_("readiness score"), null=True)
    green = models.PositiveSmallIntegerField(default=0)
    amber = models.PositiveSmallIntegerField(default=0)
    red = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("readiness of a week")
        verbose_name_plural = _("readiness by week")
        ordering = ["week_start"]

    def __str__(self) -> str:
        return f"{self.week_start}: {self.score}"


class EvidencePack(models.Model):
    """A ZIP of evidence built for the external auditor, and who may download it."""

    created_at = models.DateTimeField(_("built"), auto_now_add=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("built by"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="evidence/%Y/")
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    contents = models.JSONField(_("contents"), default=list)
    auditors = models.ManyToManyField(
        "core.User",
        verbose_name=_("external auditors"),
        related_name="evidence_packs",
        blank=True,
    )

    class Meta:
        verbose_name = _("evidence pack")
        verbose_name_plural = _("evidence packs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return _("Evidence pack") + f" {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
