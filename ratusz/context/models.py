"""The office's context (ISO 9001 4.1, 4.2): internal and external issues, the
climate-change decision (Amendment 1:2024), interested parties and their
requirements, and the reviews of all of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ContextIssue(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    class Category(models.TextChoices):
        POLITICAL = "political", _("Political")
        ECONOMIC = "economic", _("Economic")
        SOCIAL = "social", _("Social")
        TECHNOLOGICAL = "technological", _("Technological")
        LEGAL = "legal", _("Legal")
        ENVIRONMENTAL = "environmental", _("Environmental")
        STRENGTH = "strength", _("Strength (SWOT)")
        WEAKNESS = "weakness", _("Weakness (SWOT)")
        OPPORTUNITY = "opportunity", _("Opportunity (SWOT)")
        THREAT = "threat", _("Threat (SWOT)")

    title = models.CharField(_("issue"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    effect = models.TextField(
        _("effect on the QMS"), help_text=_("How the issue bears on the services and processes.")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="context_issues",
    )
    review_date = models.DateField(_("next review"))
    is_active = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("context issue")
        verbose_name_plural = _("context issues")
        ordering = ["kind", "category", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("context:issue_detail", args=[self.pk])


class ClimateDecision(models.Model):
    """Whether climate change is a relevant issue for the office: one per office
    (one office per installation, so the record is row 1)."""

    relevant = models.BooleanField(_("climate change is a relevant issue"))
    justification = models.TextField(_("justification"))
    decided_on = models.DateField(_("decided on"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("climate-change decision")
        verbose_name_plural = _("climate-change decisions")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="climate_one_per_office")
        ]

    def __str__(self) -> str:
        return str(
            _("Climate change: relevant") if self.relevant else _("Climate change: not relevant")
        )

    def get_absolute_url(self) -> str:
        return reverse("context:overview")


class InterestedParty(models.Model):
    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal")
        EXTERNAL = "external", _("External")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = models.TextField(_("who they are"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="interested_parties",
    )
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    is_active = models.BooleanField(_("current"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("interested party")
        verbose_name_plural = _("interested parties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("context:party_detail", args=[self.pk])


class Requirement(models.Model):
    """A relevant requirement of an interested party, with how it is watched."""

    party = models.ForeignKey(
        InterestedParty,
        verbose_name=_("interested party"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    text = models.TextField(_("requirement"))
    monitoring = models.TextField(_("how it is monitored"))
    review = models.TextField(_("how it is reviewed"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("requirement of an interested party")
        verbose_name_plural = _("requirements of interested parties")
        ordering = ["party", "pk"]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"{self.party.name}: {text}"

    def get_absolute_url(self) -> str:
        return reverse("context:party_detail", args=[self.party_id])


class ContextReview(models.Model):
    """The office reviewed its issues and interested parties (4.1, 4.2)."""

    reviewed_on = models.DateField(_("reviewed on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), on_delete=models.PROTECT
    )
    notes = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("context review")
        verbose_name_plural = _("context reviews")
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return str(_("Context review of %(date)s") % {"date": self.reviewed_on.isoformat()})

    def get_absolute_url(self) -> str:
        return reverse("context:overview")
