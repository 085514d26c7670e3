"""The register of risks and opportunities (ISO 9001 6.1), which also serves the
management control of a Polish public body (public finance act art. 68–69)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.context.models import ContextIssue, Requirement
from ratusz.core.models import OrgUnit
from ratusz.core.tones import Tone
from ratusz.lib import risk_scoring
from ratusz.processes.models import Process

# The default 5 × 5 scale, shown in the reader's language until the office sets its own.
DEFAULT_LIKELIHOOD = (
    _("Rare: less than once in 5 years"),
    _("Unlikely: once in 2–5 years"),
    _("Possible: about once a year"),
    _("Likely: several times a year"),
    _("Almost certain: every month"),
)
DEFAULT_IMPACT = (
    _("Negligible: no effect on residents"),
    _("Minor: a few cases late, corrected at once"),
    _("Moderate: many cases late or a complaint upheld"),
    _("Major: a service stopped, a legal breach, press coverage"),
    _("Severe: loss of public funds, a failed audit, harm to residents"),
)


class RiskScale(models.Model):
    """The office's scale: the meaning of each likelihood and impact level and the
    default accepted level. One per office (row 1)."""

    # The meaning of each level, lowest first; empty: the default five levels.
    likelihood_levels = models.JSONField(_("likelihood levels"), default=list, blank=True)
    impact_levels = models.JSONField(_("impact levels"), default=list, blank=True)
    appetite = models.PositiveSmallIntegerField(
        _("default accepted level"),
        default=6,
        help_text=_("A risk whose residual level is above it needs a treatment."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("risk scale")
        verbose_name_plural = _("risk scales")
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="risk_scale_one")]

    def __str__(self) -> str:
        return f"{self.likelihood_count} × {self.impact_count}"

    def get_absolute_url(self) -> str:
        return reverse("risks:scale")

    @classmethod
    def current(cls) -> RiskScale:
        """The office's scale; the default 5 × 5 one (not saved) until it is set."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)

    @property
    def likelihood_meanings(self) -> list[str]:
        return list(self.likelihood_levels) or [str(text) for text in DEFAULT_LIKELIHOOD]

    @property
    def impact_meanings(self) -> list[str]:
        return list(self.impact_levels) or [str(text) for text in DEFAULT_IMPACT]

    @property
    def likelihood_count(self) -> int:
        return len(self.likelihood_levels) or len(DEFAULT_LIKELIHOOD)

    @property
    def impact_count(self) -> int:
        return len(self.impact_levels) or len(DEFAULT_IMPACT)

    @property
    def top(self) -> int:
        return risk_scoring.max_level(self.likelihood_count, self.impact_count)


class Risk(models.Model):
    class Kind(models.TextChoices):
        RISK = "risk", _("Risk")
        OPPORTUNITY = "opportunity", _("Opportunity")

    class Category(models.TextChoices):
        # Management control (kontrola zarządcza) groups risks this way; ISO 9001
        # needs no fixed list, so one list serves both.
        STRATEGIC = "strategic", _("Strategic")
        OPERATIONAL = "operational", _("Operational (service delivery)")
        FINANCIAL = "financial", _("Financial")
        LEGAL = "legal", _("Legal and compliance")
        PERSONNEL = "personnel", _("Personnel")
        INFORMATION = "information", _("Information and IT")
        CORRUPTION = "corruption", _("Corruption and fraud")
        REPUTATION = "reputation", _("Reputation")
        EXTERNAL = "external", _("External (suppliers, partners)")
        ENVIRONMENT = "environment", _("Environment and climate")

    class Response(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        REDUCE = "reduce", _("Reduce")
        TRANSFER = "transfer", _("Transfer")
        AVOID = "avoid", _("Avoid")
        EXPLOIT = "exploit", _("Exploit")
        ENHANCE = "enhance", _("Enhance")
        SHARE = "share", _("Share")

    RESPONSES: ClassVar[dict[str, tuple[str, ...]]] = {
        Kind.RISK: ("accept", "reduce", "transfer", "avoid"),
        Kind.OPPORTUNITY: ("exploit", "enhance", "share", "accept"),
    }

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {Status.OPEN: Tone.INFO, Status.CLOSED: Tone.MUTED}

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("risk or opportunity"), max_length=12, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    cause = models.TextField(_("cause"))
    event = models.TextField(_("event"))
    effect = models.TextField(_("effect"))
    process = models.ForeignKey(
        Process,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="risks",
        null=True,
        blank=True,
    )
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="risks"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_risks",
    )
    issues = models.ManyToManyField(
        ContextIssue, verbose_name=_("context issues"), blank=True, related_name="risks"
    )
    requirements = models.ManyToManyField(
        Requirement,
        verbose_name=_("requirements of interested parties"),
        blank=True,
        related_name="risks",
    )
    inherent_likelihood = models.PositiveSmallIntegerField(_("inherent likelihood"))
    inherent_impact = models.PositiveSmallIntegerField(_("inherent impact"))
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"))
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"))
    # Stored for sorting and filtering; always likelihood × impact (set by the services).
    inherent_level = models.PositiveSmallIntegerField(_("inherent level"))
    residual_level = models.PositiveSmallIntegerField(_("residual level"))
    appetite = models.PositiveSmallIntegerField(
        _("accepted level"), help_text=_("The highest residual level the office accepts.")
    )
    response = models.CharField(_("response"), max_length=10, choices=Response.choices)
    controls = models.TextField(_("existing controls"), blank=True)
    review_date = models.DateField(_("next review"))
    assessed_on = models.DateField(_("last assessed"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="risk_number_unique"),
            models.CheckConstraint(
                condition=models.Q(
                    inherent_likelihood__gte=1,
                    inherent_impact__gte=1,
                    residual_likelihood__gte=1,
                    residual_impact__gte=1,
                ),
                name="risk_levels_positive",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "residual_level"], name="risk_status_level"),
            models.Index(fields=["review_date"], name="risk_review_date"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("risks:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"R/{self.year}/{self.number:04d}"

    @property
    def above_appetite(self) -> bool:
        return self.kind == self.Kind.RISK and risk_scoring.above_appetite(
            self.residual_level, self.appetite
        )


class Assessment(models.Model):
    """One assessment of a risk, kept for its history: the register shows the
    latest; the heat map's movement compares it with the one before."""

    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="assessments"
    )
    assessed_on = models.DateField(_("assessed on"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessed by"), on_delete=models.PROTECT
    )
    inherent_likelihood = models.PositiveSmallIntegerField(_("inherent likelihood"))
    inherent_impact = models.PositiveSmallIntegerField(_("inherent impact"))
    residual_likelihood = models.PositiveSmallIntegerField(_("residual likelihood"))
    residual_impact = models.PositiveSmallIntegerField(_("residual impact"))
    inherent_level = models.PositiveSmallIntegerField(_("inherent level"))
    residual_level = models.PositiveSmallIntegerField(_("residual level"))
    residual_reason = models.TextField(_("why the residual level is higher"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("risk assessment")
        verbose_name_plural = _("risk assessments")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["risk", "-assessed_on"], name="assessment_risk_date")]

    def __str__(self) -> str:
        return f"{self.risk.reference} {self.assessed_on.isoformat()}"

    def get_absolute_url(self) -> str:
        return reverse("risks:detail", args=[self.risk_id])


class ChangePlan(models.Model):
    """A planned change to the QMS (ISO 9001 6.3): why, what it may bring, how the
    system stays whole, what it needs and who does it; its actions run in the
    action tracker."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Carried out")
        CANCELLED = "cancelled", _("Cancelled")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.PLANNED: Tone.INFO,
        Status.DONE: Tone.OK,
        Status.CANCELLED: Tone.MUTED,
    }

    title = models.CharField(_("change"), max_length=200)
    purpose = models.TextField(_("purpose"))
    consequences = models.TextField(_("potential consequences"))
    integrity = models.TextField(_("how the QMS stays whole"))
    resources = models.TextField(_("resources needed"))
    responsibilities = models.TextField(_("responsibilities"))
    org_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="change_plans"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="change_plans",
    )
    planned_for = models.DateField(_("planned for"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("planned change")
        verbose_name_plural = _("planned changes")
        ordering = ["-planned_for", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("risks:change_detail", args=[self.pk])
