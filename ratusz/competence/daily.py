"""The competence part of the daily run (`ratusz remind`): the head of the unit
hears of a person's competence expiring within 90 days, whoever organised a
training hears that its effectiveness is due for evaluation, and the staff who
have not answered an open self-assessment hear that it closes soon — once each."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ratusz.competence.models import (
    EXPIRING_DAYS,
    Assessment,
    Attendance,
    CompetenceRecord,
    Participation,
    Training,
)
from ratusz.competence.selectors import staff
from ratusz.core.models import Notification
from ratusz.core.services import notify

MESSAGES = {
    "competence_expiring": _("%(person)s: “%(competence)s” expires on %(date)s."),
    "training_to_evaluate": _("Training “%(topic)s”: evaluate its effectiveness."),
    "assessment_closing": _(
        "The management-control self-assessment %(year)s closes on %(due)s and you have not "
        "answered it yet. Your answers are anonymous."
    ),
}
BATCH = 2000  # a day's reminders at most; the rest follow the next day
REMIND_BEFORE_DAYS = 7  # the self-assessment reminder goes out this many days before it closes


def run(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    soon = today + timedelta(days=EXPIRING_DAYS)
    later = CompetenceRecord.objects.filter(
        person_id=OuterRef("person_id"),
        competence_id=OuterRef("competence_id"),
        expires_on__gt=OuterRef("expires_on"),
    )
    expiring = (
        CompetenceRecord.objects.filter(expires_on__gte=today, expires_on__lte=soon)
        .filter(~Exists(later))
        .select_related("person__org_unit__head", "competence")
        .order_by("expires_on", "pk")[:BATCH]
    )
    told = 0
    for record in expiring:
        params = {
            "person": str(record.person),
            "competence": record.competence.name,
            "date": date_format(record.expires_on, "SHORT_DATE_FORMAT"),
        }
        url = reverse("competence:person", args=[record.person_id])
        recipients = {record.person}
        unit = record.person.org_unit
        if unit is not None and unit.head is not None:
            recipients.add(unit.head)
        for recipient in recipients:
            sent = notify(
                recipient=recipient,
                kind="competence_expiring",
                url=url,
                params=params,
                dedupe_key=f"competence_expiring:{record.pk}",
            )
            told += sent is not None
    pending = Attendance.objects.filter(
        training=OuterRef("pk"), attended=True, result=Attendance.Result.PENDING
    )
    evaluations = 0
    for training in (
        Training.objects.filter(status=Training.Status.HELD, created_by__isnull=False)
        .filter(Exists(pending))
        .select_related("created_by")
        .order_by("held_on")[:BATCH]
    ):
        if training.evaluation_due > today:
            continue
        assert training.created_by is not None
        sent = notify(
            recipient=training.created_by,
            kind="training_to_evaluate",
            url=training.get_absolute_url(),
            params={"topic": training.topic},
            dedupe_key=f"training_to_evaluate:{training.pk}",
        )
        evaluations += sent is not None
    return {
        "competences expiring": told,
        "trainings to evaluate": evaluations,
        "self-assessment reminders": remind_to_answer(today),
    }


def remind_to_answer(today: date) -> int:
    """Staff who have not answered an open self-assessment that closes within
    REMIND_BEFORE_DAYS hear of it once. The ISO 18091 diagnostic is left out: the
    quality manager who runs it answers it."""
    sent = 0
    closing = Assessment.objects.filter(
        kind=Assessment.Kind.CONTROL,
        status=Assessment.Status.OPEN,
        closes_on__gte=today,
        closes_on__lte=today + timedelta(days=REMIND_BEFORE_DAYS),
    ).order_by("closes_on", "pk")
    for assessment in closing:
        key = f"assessment_closing:{assessment.pk}"
        answered = Participation.objects.filter(assessment=assessment, person=OuterRef("pk"))
        reminded = Notification.objects.filter(recipient=OuterRef("pk"), dedupe_key=key)
        people = staff().filter(~Exists(answered), ~Exists(reminded)).order_by("pk")[: BATCH - sent]
        assert assessment.closes_on is not None
        params = {"year": assessment.year, "due": assessment.closes_on.isoformat()}
        url = reverse("competence:assessment_answer", args=[assessment.pk])
        for person in people:
            notice = notify(
                recipient=person,
                kind="assessment_closing",
                url=url,
                params=params,
                dedupe_key=key,
            )
            sent += notice is not None
    return sent
