"""The competence part of the daily run (`ratusz remind`): the head of the unit
hears of a person's competence expiring within 90 days, and whoever organised a
training hears that its effectiveness is due for evaluation — once each."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ratusz.competence.models import EXPIRING_DAYS, Attendance, CompetenceRecord, Training
from ratusz.core.services import notify

MESSAGES = {
    "competence_expiring": _("%(person)s: “%(competence)s” expires on %(date)s."),
    "training_to_evaluate": _("Training “%(topic)s”: evaluate its effectiveness."),
}
BATCH = 2000  # a day's reminders at most; the rest follow the next day


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
    return {"competences expiring": told, "trainings to evaluate": evaluations}
