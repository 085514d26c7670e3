"""Residents' satisfaction surveys (ISO 9001 9.1.2): a survey, its questions and the
anonymous responses, given on the public page or typed in from paper by staff.

A response holds no personal data: no name, no address, no IP address, no cookie id.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ratusz.core.tones import Tone

TEXT_LIMIT = 2000  # characters of a free-text answer
SCALE = range(1, 6)  # the 1–5 scale: 1 very dissatisfied … 5 very satisfied
SATISFIED_FROM = 4  # a scale answer of 4 or 5 counts as satisfied


class Survey(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    STATUS_TONES = {Status.DRAFT: Tone.WARN, Status.OPEN: Tone.INFO, Status.CLOSED: Tone.OK}

    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=4000,
        help_text=_("What the survey is for and how long it takes; shown above the questions."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="survey_closes_after_it_opens"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    def get_public_url(self) -> str:
        return reverse("public_surveys:answer", args=[self.pk])

    def accepts_answers(self, today: date | None = None) -> bool:
        """Open, and today within its period: the public form takes answers."""
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on

    def status_note(self) -> tuple[Tone, str] | None:
        today = timezone.localdate()
        if self.status == self.Status.OPEN and today > self.closes_on:
            return Tone.WARN, str(_("period over; close it"))
        if self.status == self.Status.OPEN and today < self.opens_on:
            return Tone.INFO, str(_("opens later"))
        return None


class Question(models.Model):
    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale 1–5")
        YES_NO = "yesno", _("Yes or no")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    required = models.BooleanField(_("answer required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "position"], name="question_position_unique")
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.survey_id]) + f"#question-{self.pk}"


class Option(models.Model):
    """One choice of a single- or multiple-choice question."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("option"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="option_position_unique")
        ]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One anonymous set of answers to a survey."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        PAPER = "paper", _("Paper form")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="responses"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    submitted_on = models.DateField(_("submitted on"))
    # Who typed in a paper form (a member of staff); never the resident.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("typed in by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["survey", "pk"]
        indexes = [
            models.Index(fields=["survey", "submitted_on"], name="response_survey_day"),
            # Covers the count of responses per channel on the results page.
            models.Index(fields=["survey", "channel"], name="response_channels"),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("surveys:results", args=[self.survey_id])


class Answer(models.Model):
    """One answer: `value` for a scale (1–5) or yes/no (1/0), `option` for a choice
    (one row per option ticked), `text` for free text."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(_("value"), null=True, blank=True)
    option = models.ForeignKey(
        Option,
        verbose_name=_("option"),
        on_delete=models.PROTECT,
        related_name="answers",
        null=True,
        blank=True,
    )
    text = models.TextField(_("text"), blank=True, max_length=TEXT_LIMIT)

    # Written once with their response (whose creation the trail records) and never
    # changed; logging every anonymous answer again would only double the writes.
    audit_trail = False

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # Covers both of the results' grouped counts: answers per value and option,
        # and the respondents of a multiple-choice question; the answers are not read,
        # only the index. (A separate (question, response) index would tempt SQLite's
        # planner, without statistics, away from this one for the first count.)
        indexes = [
            models.Index(
                fields=["question", "value", "option", "response"], name="answer_figures_v2"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__lte=5), name="answer_value_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.value or self.option_id or self.text[:20]}"
