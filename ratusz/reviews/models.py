"""Management reviews (ISO 9001 9.3): the meeting, its frozen inputs, the record
and the decisions, each decision an action in the core tracker."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import Action, User
from ratusz.core.plugins import ReviewTopic
from ratusz.core.tones import Tone


class Review(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held, record being written")
        SIGNED = "signed", _("Signed by the chair")
        DISTRIBUTED = "distributed", _("Distributed to attendees")

    STATUS_TONES: ClassVar[dict[str, Tone]] = {
        Status.PLANNED: Tone.INFO,
        Status.HELD: Tone.WARN,
        Status.SIGNED: Tone.OK,
        Status.DISTRIBUTED: Tone.OK,
    }
    DONE_STATUSES = (Status.HELD, Status.SIGNED, Status.DISTRIBUTED)
    # The frozen inputs are compiled from the areas' own records (each in the trail);
    # the trail records that the review was held, not pages of figures as raw JSON.
    audit_trail_derived_fields = ("snapshot",)

    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    planned_date = models.DateField(_("meeting date"))
    location = models.CharField(_("place"), max_length=200, blank=True)
    period_start = models.DateField(_("period reviewed from"))
    period_end = models.DateField(_("period reviewed to"))
    chair = models.ForeignKey(
        User,
        verbose_name=_("chair (top management)"),
        on_delete=models.PROTECT,
        related_name="chaired_reviews",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    invited_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    # The inputs as they were when the review was held (plain texts, never recomputed):
    # {"topics": [{"topic", "label", "inputs", "comment", "evidence"}, …]}.
    snapshot = models.JSONField(_("inputs as reviewed"), default=dict, blank=True)
    # The audit trail's head as last exported when the review was held.
    audit_head = models.CharField(_("audit trail head"), max_length=255, blank=True)
    suitability = models.TextField(_("suitability of the QMS"), blank=True)
    adequacy = models.TextField(_("adequacy of the QMS"), blank=True)
    effectiveness = models.TextField(_("effectiveness of the QMS"), blank=True)
    alignment = models.TextField(_("alignment with the office's strategy"), blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    distributed_at = models.DateTimeField(_("distributed"), null=True, blank=True)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        ordering = ["-planned_date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="review_number_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="review_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(status="planned")
                | (models.Q(held_on__isnull=False) & models.Q(chair__isnull=False)),
                name="review_held_has_date_and_chair",
            ),
        ]

    def __str__(self) -> str:
        return _("Management review %(ref)s") % {"ref": self.reference}

    def get_absolute_url(self) -> str:
        return reverse("reviews:detail", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"PZ/{self.year}/{self.number:02d}"

    @property
    def is_held(self) -> bool:
        return self.status in self.DONE_STATUSES


class Attendance(models.Model):
    """A person invited to the review: whether they came and acknowledged the record."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    present = models.BooleanField(_("present"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("record acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["person__last_name", "person__first_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "person"], name="review_attendee_unique")
        ]

    def __str__(self) -> str:
        return f"{self.review.reference}: {self.person}"


class InputNote(models.Model):
    """The quality manager's comment on one input, its discussion at the meeting,
    and (for an input Ratusz does not hold) the files attached as evidence."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="notes")
    topic = models.CharField(_("input"), max_length=4, choices=ReviewTopic.choices)
    comment = models.TextField(_("quality manager's comment"), blank=True)
    discussion = models.TextField(_("discussion at the meeting"), blank=True)

    class Meta:
        verbose_name = _("review input note")
        verbose_name_plural = _("review input notes")
        constraints = [
            models.UniqueConstraint(fields=["review", "topic"], name="review_note_unique")
        ]

    def __str__(self) -> str:
        return f"{self.review.reference} {self.topic}) {self.get_topic_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#input-{self.topic}"


class Decision(models.Model):
    """An output of the review (9.3.3), carried out as an action in the tracker."""

    class Kind(models.TextChoices):
        IMPROVEMENT = "improvement", _("Opportunity for improvement")
        CHANGE = "change", _("Change needed to the QMS")
        RESOURCES = "resources", _("Resource need")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("decision"))
    action = models.OneToOneField(
        Action,
        verbose_name=_("action"),
        on_delete=models.PROTECT,
        related_name="review_decision",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="review_decision_unique")
        ]

    def __str__(self) -> str:
        return _("Decision %(n)d of %(ref)s") % {"n": self.number, "ref": self.review.reference}

    def get_absolute_url(self) -> str:
        return f"{self.review.get_absolute_url()}#decision-{self.number}"
