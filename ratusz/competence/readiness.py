"""Readiness of clause 7: resources and knowledge recorded and reviewed (7.1),
every position's competences held or planned and trainings evaluated (7.2),
documents read and understood (7.3) and a communication plan carried out (7.4)."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.competence import policies, selectors
from ratusz.competence.models import (
    Attendance,
    CommunicationEntry,
    PlanItem,
    Position,
    Resource,
    Training,
)
from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict

INFRASTRUCTURE = (
    Resource.Kind.BUILDING,
    Resource.Kind.ROOM,
    Resource.Kind.IT_SYSTEM,
    Resource.Kind.REGISTER,
    Resource.Kind.EQUIPMENT,
)


def _resources(today: date, p: dict) -> Verdict:
    fix = reverse("competence:resources")
    items = Resource.objects.filter(kind__in=INFRASTRUCTURE)
    counts = items.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=Q(next_review__lt=today)),
        unowned=Count("pk", filter=Q(owner__isnull=True)),
    )
    if not counts["total"]:
        return Verdict(
            RED,
            _("No infrastructure (buildings, IT systems, registers) is recorded."),
            fix,
            policies.can_view_resources,
        )
    late = counts["overdue"] + counts["unowned"]
    if late:
        return Verdict(
            AMBER if late <= p["amber_up_to"] else RED,
            ngettext(
                "%(n)d infrastructure item is past its review or has no owner.",
                "%(n)d infrastructure items are past their review or have no owner.",
                late,
            )
            % {"n": late},
            fix,
            policies.can_view_resources,
        )
    return Verdict(
        GREEN,
        _("%(n)d infrastructure items, each with an owner and reviewed on time.")
        % {"n": counts["total"]},
    )


def _knowledge(today: date, p: dict) -> Verdict:
    fix = reverse("competence:resources")
    items = Resource.objects.filter(kind=Resource.Kind.KNOWLEDGE)
    if not items.exists():
        return Verdict(
            AMBER,
            _("No organisational knowledge (7.1.6) is recorded."),
            fix,
            policies.can_view_resources,
        )
    overdue = items.filter(next_review__lt=today).count()
    if overdue:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d knowledge item is past its review.",
                "%(n)d knowledge items are past their review.",
                overdue,
            )
            % {"n": overdue},
            fix,
            policies.can_view_resources,
        )
    return Verdict(GREEN, _("Organisational knowledge recorded and reviewed."))


def unplanned_gaps(today: date) -> int:
    """People missing a required competence that is not on a training plan: one query."""
    through = Position.competences.through
    valid = selectors._valid_record(today, OuterRef(OuterRef("pk")), OuterRef("competence_id"))
    planned = PlanItem.objects.filter(
        person_id=OuterRef(OuterRef("pk")),
        competence_id=OuterRef("competence_id"),
        status__in=selectors.OPEN_PLAN,
    )
    gap = through.objects.filter(position_id=OuterRef("placement__position_id")).filter(
        ~Exists(valid), ~Exists(planned)
    )
    return selectors.staff().filter(Exists(gap)).count()


def _competences(today: date, p: dict) -> Verdict:
    fix = reverse("competence:matrix") + "?gaps=on"
    if not Position.objects.filter(is_active=True, competences__isnull=False).exists():
        return Verdict(
            RED,
            _("No position says which competences it requires."),
            reverse("competence:positions"),
        )
    people = unplanned_gaps(today)
    if people:
        return Verdict(
            AMBER if people <= p["amber_up_to"] else RED,
            ngettext(
                "%(n)d person lacks a required competence that no training plan covers.",
                "%(n)d people lack a required competence that no training plan covers.",
                people,
            )
            % {"n": people},
            fix,
            policies.can_view_matrix,
        )
    return Verdict(GREEN, _("Every required competence is held or planned."))


def _evaluated(today: date, p: dict) -> Verdict:
    late = (
        Training.objects.filter(status=Training.Status.HELD)
        .filter(
            Exists(
                Attendance.objects.filter(
                    training=OuterRef("pk"), attended=True, result=Attendance.Result.PENDING
                )
            )
        )
        .filter(held_on__lt=today - timedelta(days=p["grace_days"]))
        .values_list("held_on", "evaluate_after_days")
    )
    overdue = sum(
        1 for held, after in late if held + timedelta(days=after + p["grace_days"]) < today
    )
    if overdue:
        return Verdict(
            AMBER if overdue <= p["amber_up_to"] else RED,
            ngettext(
                "%(n)d training's effectiveness is overdue for evaluation.",
                "%(n)d trainings' effectiveness is overdue for evaluation.",
                overdue,
            )
            % {"n": overdue},
            reverse("competence:trainings") + "?status=held",
            policies.can_view_training,
        )
    return Verdict(GREEN, _("Trainings are evaluated for effectiveness on time."))


def _awareness(today: date, p: dict) -> Verdict:
    figures = [f for f in selectors.awareness_by_unit() if f.required]
    if not figures:
        return Verdict(
            AMBER,
            _("No document in force is distributed to staff to read and understand."),
            reverse("documents:register"),
        )
    low = [f for f in figures if (f.percent or 0) < p["min_percent"]]
    if low:
        worst = min(low, key=lambda f: f.percent or 0)
        return Verdict(
            AMBER if len(low) <= p["amber_up_to"] else RED,
            _(
                "%(n)d units have read under %(min)d%% of their documents; lowest: %(unit)s, %(p)d%%."
            )
            % {"n": len(low), "min": p["min_percent"], "unit": worst.unit.name, "p": worst.percent},
            reverse("competence:awareness"),
            policies.can_view_matrix,
        )
    return Verdict(
        GREEN,
        _("Every unit has read at least %(min)d%% of the documents distributed to it.")
        % {"min": p["min_percent"]},
    )


def _communication(today: date, p: dict) -> Verdict:
    fix = reverse("competence:communication")
    entries = CommunicationEntry.objects.all()
    if not entries.exists():
        return Verdict(RED, _("There is no communication plan."), fix)
    since = today - timedelta(days=p["within_days"])
    stale = entries.filter(Q(last_performed__isnull=True) | Q(last_performed__lt=since)).count()
    if stale:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d entry of the communication plan was not carried out in the last year.",
                "%(n)d entries of the communication plan were not carried out in the last year.",
                stale,
            )
            % {"n": stale},
            fix,
        )
    return Verdict(GREEN, _("The communication plan is carried out."))


def _self_assessment(today: date, p: dict) -> Verdict:
    """Last year's management-control self-assessment carried out (answers given)."""
    from ratusz.competence.models import Assessment

    fix = reverse("competence:assessments")
    year = today.year - 1
    last = (
        Assessment.objects.filter(kind=Assessment.Kind.CONTROL, year=year)
        .annotate(answered=Count("submissions"))
        .first()
    )
    if last is None:
        return Verdict(
            AMBER,
            _("There is no management-control self-assessment for %(y)d.") % {"y": year},
            fix,
            policies.can_view_assessments,
        )
    if not last.answered:
        return Verdict(
            AMBER,
            _("No one answered the management-control self-assessment for %(y)d.") % {"y": year},
            fix,
            policies.can_view_assessments,
        )
    return Verdict(
        GREEN,
        _("The management-control self-assessment for %(y)d was carried out.") % {"y": year},
    )


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "7.1",
        gettext_lazy("Infrastructure with owners, reviewed on time"),
        _resources,
        {"amber_up_to": 2},
    ),
    ReadinessRule("7.1", gettext_lazy("Organisational knowledge recorded"), _knowledge),
    ReadinessRule(
        "7.2",
        gettext_lazy("Required competences held or planned"),
        _competences,
        {"amber_up_to": 3},
    ),
    ReadinessRule(
        "7.2",
        gettext_lazy("Trainings evaluated for effectiveness"),
        _evaluated,
        {"amber_up_to": 1, "grace_days": 30},
    ),
    ReadinessRule(
        "7.3",
        gettext_lazy("Documents read and understood, by unit"),
        _awareness,
        {"min_percent": 80, "amber_up_to": 2},
    ),
    ReadinessRule(
        "7.4",
        gettext_lazy("Communication plan carried out"),
        _communication,
        {"within_days": 366},
    ),
    ReadinessRule(
        "9.1",
        gettext_lazy("Management-control self-assessment of last year"),
        _self_assessment,
    ),
]
