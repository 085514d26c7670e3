"""Quality objectives and their KPIs (ISO 9001 6.2, 9.1.1, 9.1.3).

An objective is set for a year, office-wide or for one unit, approved by top
management once it has at least one KPI to measure it. A KPI is measured each
period (month, quarter or year), by hand with evidence or computed from
Ratusz's own records by a KPI source (`kpi.py` of an area).
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone
from ratusz.documents.models import Document
from ratusz.lib import periods
from ratusz.processes.models import Process


class Objective(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft, awaiting approval")
        APPROVED = "approved", pgettext_lazy("objective", "Approved")
        ACHIEVED = "achieved", _("Achieved")
        NOT_ACHIEVED = "not_achieved", _("Not achieved")
        WITHDRAWN = "withdrawn", pgettext_lazy("objective", "Withdrawn")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.DRAFT: Tone.WARN,
        Status.APPROVED: Tone.INFO,
        Status.ACHIEVED: Tone.OK,
        Status.NOT_ACHIEVED: Tone.BAD,
        Status.WITHDRAWN: Tone.MUTED,
    }
    # Objectives being pursued: approved and not yet evaluated.
    LIVE_STATUSES = (Status.DRAFT, Status.APPROVED)

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"), editable=False)
    title = models.CharField(_("objective"), max_length=255)
    description = models.TextField(_("what is to be achieved"), blank=True)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="objectives",
        null=True,
        blank=True,
        help_text=_("Empty: an objective of the whole office."),
    )
    policy_document = models.ForeignKey(
        Document,
        verbose_name=_("quality policy"),
        on_delete=models.PROTECT,
        related_name="objectives",
        null=True,
        blank=True,
        help_text=_("The policy document this objective carries out (ISO 9001 6.2.1 a)."),
    )
    processes = models.ManyToManyField(
        Process, verbose_name=_("processes"), blank=True, related_name="objectives"
    )
    resources = models.TextField(_("resources needed"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="owned_objectives",
    )
    due_date = models.DateField(_("to be achieved by"))
    evaluation = models.TextField(
        _("how results are evaluated"),
        help_text=_("Who evaluates the result, when and on what basis."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    result_notes = models.TextField(_("evaluation of the result"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("quality objective")
        verbose_name_plural = _("quality objectives")
        ordering = ["-year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="objective_year_number"),
            models.CheckConstraint(
                condition=Q(year__gte=1990, year__lte=2100), name="objective_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("objectives:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"CJ/{self.year}/{self.number:02d}"


class Kpi(models.Model):
    """A key performance indicator: what is measured, how often and against what."""

    class Frequency(models.TextChoices):
        MONTHLY = periods.MONTHLY, _("Monthly")
        QUARTERLY = periods.QUARTERLY, _("Quarterly")
        YEARLY = periods.YEARLY, _("Yearly")

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(_("what is measured"), max_length=255)
    description = models.TextField(_("how it is measured"), blank=True)
    unit = models.CharField(_("unit of measure"), max_length=20, help_text=_("e.g. %, days"))
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    warning = models.DecimalField(
        _("warning threshold"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A value past the target but not past this threshold is a warning."),
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    measured_from = models.DateField(
        _("measured from"), help_text=_("The first day of the first period measured.")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("measured by"),
        on_delete=models.PROTECT,
        related_name="owned_kpis",
    )
    processes = models.ManyToManyField(
        Process, verbose_name=_("processes"), blank=True, related_name="kpis"
    )
    source = models.CharField(
        _("computed from"),
        max_length=100,
        blank=True,
        help_text=_("Empty: measurements are entered by hand with evidence."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["objective_id", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("objectives:kpi", args=[self.pk])

    @property
    def is_computed(self) -> bool:
        return bool(self.source)

    def standing(self, value: Decimal) -> str:
        return periods.standing(
            value, self.target, self.warning, higher_is_better=self.higher_is_better
        )


class Measurement(models.Model):
    """The value of a KPI for one period, with its evidence and its analysis (9.1.3)."""

    kpi = models.ForeignKey(
        Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="measurements"
    )
    period_start = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.TextField(_("evidence note"), blank=True)
    computed = models.BooleanField(_("computed from records"), default=False)
    analysis = models.TextField(_("analysis and evaluation"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["kpi_id", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="measurement_kpi_period")
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("objectives:kpi", args=[self.kpi_id]) + f"#m-{self.period_start}"

    @property
    def period_label(self) -> str:
        return periods.label(self.kpi.frequency, self.period_start)

    @property
    def standing(self) -> str:
        return self.kpi.standing(self.value)
