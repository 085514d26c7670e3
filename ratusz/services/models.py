"""Public services (ISO 9001 8.1, 8.2, 8.5): service cards and the timeliness of cases.

The office's cases are handled in its document management system (EZD) and imported
here, millions of them, so that Ratusz can say whether services are delivered on time.
A case row is derived data (the EZD is its source): it is not in the audit trail, and
each import is recorded instead (`CaseImport`). The figures pages read `CaseFigure`,
a rollup that every import refreshes for the months it touched.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone


class ServiceCard(models.Model):
    """A public service the office delivers, as its card (karta usługi) describes it.

    `number` is the card's number (e.g. "KU-USC-01"), the value of the `service`
    column in an EZD export.
    """

    number = models.CharField(_("card number"), max_length=30, unique=True)
    name = models.CharField(_("service"), max_length=255)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="service_cards",
    )
    on_time_target = models.DecimalField(
        _("on-time target (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("90"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("The share of cases the office means to settle on time."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("service card")
        verbose_name_plural = _("service cards")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("services:card", args=[self.pk])


class Timeliness(models.TextChoices):
    """Where a case stands against its due date (`ratusz.lib.case_terms.Timeliness`)."""

    ON_TIME = "on_time", _("settled on time")
    LATE_NOTIFIED = "late_notified", _("late, with a delay notice in time")
    LATE_UNNOTIFIED = "late_unnotified", _("late, without a timely delay notice")
    OPEN = "open", _("open")


class Case(models.Model):
    """One administrative case as the EZD export gives it, with its due date computed."""

    audit_trail = False  # derived from the EZD; each import is recorded as a CaseImport

    case_sign = models.CharField(_("case sign"), max_length=100, unique=True)
    jrwa = models.CharField(_("JRWA class"), max_length=20, blank=True)
    service = models.ForeignKey(
        ServiceCard,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="cases"
    )
    started_on = models.DateField(_("started"))
    closed_on = models.DateField(_("settled"), null=True, blank=True)
    term = models.CharField(_("term"), max_length=12)
    suspended_days = models.PositiveIntegerField(_("days not counted"), default=0)
    delay_notice_on = models.DateField(_("delay notice (art. 36)"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=200, blank=True)
    due_on = models.DateField(_("due"))
    timeliness = models.CharField(_("timeliness"), max_length=20, choices=Timeliness.choices)
    handling_days = models.PositiveIntegerField(_("days taken"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [
            # Open cases by due date: the overdue and due-soon lists and counts.
            models.Index(
                fields=["org_unit", "due_on"], condition=Q(closed_on__isnull=True), name="case_open"
            ),
            models.Index(fields=["service", "started_on"], name="case_service_started"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("started_on")),
                name="case_settled_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.case_sign


class CaseFigure(models.Model):
    """Cases of one month, unit, service and JRWA class, summed for the figures pages.

    Cases count in the month they started (`started`) and in the month they were
    settled (everything else), so one row answers both "how many came in" and "how
    many were settled on time". `days` counts the settled cases by days taken
    ({"12": 40, …}), from which medians and percentiles of any selection are exact.
    """

    audit_trail = False  # derived: rebuilt from the cases by every import

    month = models.DateField(_("month"))  # its first day
    org_unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(
        ServiceCard, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    jrwa = models.CharField(max_length=20, blank=True)
    started = models.PositiveIntegerField(default=0)
    settled = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late_notified = models.PositiveIntegerField(default=0)
    late_unnotified = models.PositiveIntegerField(default=0)
    days_total = models.PositiveBigIntegerField(default=0)
    days = models.JSONField(default=dict)

    class Meta:
        indexes = [
            models.Index(fields=["month"], name="casefigure_month"),
            models.Index(fields=["service", "month"], name="casefigure_service"),
            models.Index(fields=["org_unit", "month"], name="casefigure_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.org_unit_id}/{self.service_id}/{self.jrwa}"


class CaseImport(models.Model):
    """One import of an EZD export: who, what file, and what it did."""

    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("imported")
        REFUSED = "refused", _("refused: bad rows")
        FAILED = "failed", _("failed")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.RUNNING: Tone.INFO,
        Status.DONE: Tone.OK,
        Status.REFUSED: Tone.BAD,
        Status.FAILED: Tone.BAD,
    }

    number = models.PositiveIntegerField(_("import number"), null=True, blank=True, editable=False)
    file_name = models.CharField(_("file"), max_length=255)
    file_sha256 = models.CharField(_("file SHA-256"), max_length=64, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("cases added"), default=0)
    updated = models.PositiveIntegerField(_("cases updated"), default=0)
    rejected = models.PositiveIntegerField(_("rows rejected"), default=0)
    errors = models.JSONField(_("bad rows"), default=list, blank=True)

    class Meta:
        verbose_name = _("case import")
        verbose_name_plural = _("case imports")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("services:import", args=[self.pk])
