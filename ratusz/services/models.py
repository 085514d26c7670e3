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
from django.utils.translation import ngettext

from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone
from ratusz.documents.models import Document
from ratusz.processes.models import Process


class LifeSituation(models.TextChoices):
    """The life situation a resident looks a service up by (the catalogue's topics)."""

    CIVIL_STATUS = "civil_status", _("Birth, marriage, death")
    IDENTITY = "identity", _("Identity card and residence")
    BUILDING = "building", _("Building and property")
    TAXES = "taxes", _("Local taxes and fees")
    ENVIRONMENT = "environment", _("Environment and animals")
    BUSINESS = "business", _("Running a business")
    TRANSPORT = "transport", _("Roads and transport")
    MUNICIPAL = "municipal", _("Municipal services and housing")
    OTHER = "other", _("Other matters")


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
    topic = models.CharField(
        _("life situation"),
        max_length=20,
        choices=LifeSituation.choices,
        default=LifeSituation.OTHER,
    )
    outcome = models.TextField(
        _("what the resident gets"), blank=True, help_text=_("E.g. a decision, a certificate.")
    )
    who_may_apply = models.TextField(_("who may apply"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    required_documents = models.TextField(
        _("required documents"), blank=True, help_text=_("One document a line.")
    )
    fees = models.TextField(
        _("fees"), blank=True, help_text=_("Amount, the account to pay to, and exemptions.")
    )
    term = models.CharField(
        _("statutory term"),
        max_length=12,
        blank=True,
        help_text=_("immediate, 7d, 14d, 1m, 2m, or a special statute's Nd / Nm."),
    )
    where_to_apply = models.TextField(
        _("where and how to apply"), blank=True, help_text=_("Room, opening hours, post.")
    )
    epuap_url = models.URLField(
        _("ePUAP form"), blank=True, help_text=_("The address of the service on ePUAP or gov.pl.")
    )
    appeal = models.TextField(
        _("how to appeal"), blank=True, help_text=_("To whom, through whom and by when.")
    )
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    gdpr_clause = models.TextField(_("GDPR information clause"), blank=True)
    processes = models.ManyToManyField(
        Process, verbose_name=_("processes"), blank=True, related_name="service_cards"
    )
    document = models.ForeignKey(
        Document,
        verbose_name=_("controlled document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "The card as documented information: numbered, approved and reviewed in the "
            "document register."
        ),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown to residents in the public catalogue.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("service card")
        verbose_name_plural = _("service cards")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("services:card", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public_services:card", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.is_active and self.is_published

    @property
    def term_label(self) -> str:
        """The statutory term in words ("within 30 days"); empty when not given or unreadable."""
        from ratusz.lib.case_terms import TermError, parse_term

        try:
            term = parse_term(self.term) if self.term else None
        except TermError:
            return ""
        if term is None:
            return ""
        if term.immediate:
            return str(_("without delay"))
        if term.months:
            return ngettext("within %(n)d month", "within %(n)d months", term.months) % {
                "n": term.months
            }
        return ngettext("within %(n)d day", "within %(n)d days", term.days) % {"n": term.days}

    @property
    def documents_list(self) -> list[str]:
        return [line.strip() for line in self.required_documents.splitlines() if line.strip()]


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
    settled (everything else, `no_outcome` included), so one row answers both "how many came in" and "how
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
    # Settled cases whose export row had no outcome (the readiness of 8.6 asks this).
    no_outcome = models.PositiveIntegerField(default=0)
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
