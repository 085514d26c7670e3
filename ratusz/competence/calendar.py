"""Trainings in the calendar feeds: a person's own, and the office's."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ratusz.competence.models import Training
from ratusz.core.plugins import Event


def _event(training: Training) -> Event:
    return Event(
        uid=f"training-{training.pk}",
        summary=training.topic,
        start=training.held_on,
        description=training.provider,
        path=training.get_absolute_url(),
    )


def personal(user) -> list[Event]:
    since = timezone.localdate() - timedelta(days=365)
    trainings = (
        Training.objects.filter(attendances__person=user, held_on__gte=since)
        .exclude(status=Training.Status.CANCELLED)
        .order_by("held_on")[:200]
    )
    return [_event(t) for t in trainings]


def office() -> list[Event]:
    since = timezone.localdate() - timedelta(days=90)
    trainings = (
        Training.objects.filter(held_on__gte=since)
        .exclude(status=Training.Status.CANCELLED)
        .order_by("held_on")[:500]
    )
    return [_event(t) for t in trainings]
