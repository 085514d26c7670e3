"""The office's processes (ISO 9001 4.4): the unit of audit planning and analysis."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import Clause, OrgUnit


class Process(models.Model):
    class Risk(models.IntegerChoices):
        VERY_LOW = 1, _("Very low")
        LOW = 2, _("Low")
        MEDIUM = 3, _("Medium")
        HIGH = 4, _("High")
        VERY_HIGH = 5, _("Very high")

    class Kind(models.TextChoices):
        MANAGEMENT = "management", _("Management process")
        CORE = "core", _("Core process (services to residents)")
        SUPPORT = "support", _("Support process")

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORE)
    description = models.TextField(_("purpose and description"), blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="processes"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("process owner"),
        on_delete=models.PROTECT,
        related_name="owned_processes",
        null=True,
        blank=True,
    )
    clauses = models.ManyToManyField(
        Clause, verbose_name=_("ISO clauses"), blank=True, related_name="processes"
    )
    risk = models.PositiveSmallIntegerField(
        _("risk"),
        choices=Risk.choices,
        default=Risk.MEDIUM,
        help_text=_("How much harm a failure of this process does; drives the audit programme."),
    )
    # What the process needs and delivers (4.4.1 a, b, c, d); free text, one item a line.
    inputs = models.TextField(_("inputs"), blank=True)
    outputs = models.TextField(_("outputs"), blank=True)
    criteria = models.TextField(_("criteria and methods"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    # The interactions drawn on the process map: this process's outputs are inputs of these.
    feeds = models.ManyToManyField(
        "self",
        verbose_name=_("feeds the processes"),
        symmetrical=False,
        blank=True,
        related_name="fed_by",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("process")
        verbose_name_plural = _("processes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(risk__gte=1, risk__lte=5), name="process_risk_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("processes:detail", args=[self.pk])
