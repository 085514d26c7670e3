"""Readiness of the risk register (6.1): every process has an assessed risk, no
risk above the accepted level goes untreated, and reviews are not overdue; and of
the planning of changes (6.3): no planned change is left past its date."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.processes.models import Process
from ratusz.risks import selectors
from ratusz.risks.models import ChangePlan, Risk
from ratusz.risks.policies import can_create_risk, can_edit_risk


def _risks(today: date, p: dict) -> Verdict:
    open_risks = Risk.objects.filter(status=Risk.Status.OPEN)
    register = reverse("risks:list")
    count = open_risks.count()
    if not count:
        return Verdict(RED, _("No risks or opportunities are assessed."), register, can_create_risk)
    untreated = selectors.untreated_above_appetite().order_by("-residual_level", "year", "number")
    first = untreated.first()
    if first is not None:
        return Verdict(
            RED,
            _("%(risk)s is above its accepted level (%(level)d > %(appetite)d) with no treatment.")
            % {"risk": first, "level": first.residual_level, "appetite": first.appetite},
            first.get_absolute_url(),
            lambda user: can_edit_risk(user, first),
        )
    bare = (
        Process.objects.filter(is_active=True)
        .exclude(Exists(open_risks.filter(process=OuterRef("pk"))))
        .order_by("code")
    )
    process = bare.first()
    if process is not None:
        return Verdict(
            AMBER,
            _("Process %(p)s has no assessed risk (%(n)d processes without one).")
            % {"p": process, "n": bare.count()},
            f"{register}?process={process.pk}",
        )
    late = selectors.reviews_overdue(today).count()
    if late > p["overdue_allowed"]:
        return Verdict(
            AMBER,
            _("%(n)d risk reviews are overdue.") % {"n": late},
            f"{register}?overdue=on&sort=review",
        )
    return Verdict(
        GREEN,
        _(
            "%(n)d open risks and opportunities; every process covered, every risk above the accepted level treated, reviews on time."
        )
        % {"n": count},
    )


def _changes(today: date, p: dict) -> Verdict:
    planned = Q(status=ChangePlan.Status.PLANNED)
    counts = ChangePlan.objects.aggregate(
        total=Count("pk"),
        planned=Count("pk", filter=planned),
        late=Count("pk", filter=planned & Q(planned_for__lt=today)),
    )
    if counts["late"]:
        late = (
            ChangePlan.objects.filter(planned, planned_for__lt=today)
            .order_by("planned_for")
            .first()
        )
        assert late is not None
        return Verdict(
            AMBER,
            _("The planned change %(change)s is past its date and not recorded as carried out.")
            % {"change": late},
            late.get_absolute_url(),
        )
    if not counts["total"]:
        return Verdict(
            AMBER,
            _("No changes to the QMS are planned or recorded."),
            reverse("risks:change_list"),
        )
    return Verdict(
        GREEN,
        _("%(n)d changes to the QMS planned, none overdue.") % {"n": counts["planned"]},
    )


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "6.1",
        gettext_lazy("Risks and opportunities assessed for every process and treated"),
        _risks,
        {"overdue_allowed": 0},
    ),
    ReadinessRule("6.3", gettext_lazy("Changes to the QMS planned and carried out"), _changes),
]
