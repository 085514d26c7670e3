"""Readiness for 8.4 (control of externally provided services): the office evaluates its
contractors by criteria it set, pursues the penalties due, and writes the art. 446 PZP
reports the law requires."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.suppliers import policies, selectors
from ratusz.suppliers.models import Contract, Evaluation, EvaluationCriterion


def _criteria(today: date, p: dict) -> Verdict:
    n = EvaluationCriterion.objects.filter(is_active=True).count()
    if not n:
        return Verdict(
            RED,
            _("No criteria for evaluating contractors are in force."),
            reverse("suppliers:criteria"),
            policies.can_manage_criteria,
        )
    return Verdict(GREEN, _("%(n)d evaluation criteria in force.") % {"n": n})


def _evaluated(today: date, p: dict) -> Verdict:
    """Each running contract's contractor yearly, and each contract completed in that
    time once (8.4.1): the same two queries whatever the register's size."""
    since = today - timedelta(days=p["months"] * 30)
    recent = Evaluation.objects.filter(contractor=OuterRef("contractor"), evaluated_on__gte=since)
    of_contract = Evaluation.objects.filter(contract=OuterRef("pk"))
    missing = (
        Contract.objects.filter(
            (Q(status=Contract.Status.RUNNING) & ~Exists(recent))
            | (Q(status=Contract.Status.COMPLETED, completed_on__gte=since) & ~Exists(of_contract))
        )
        .select_related("contractor")
        .order_by("pk")
    )
    first = missing.first()
    if first is None:
        return Verdict(
            GREEN,
            _(
                "Every running contract's contractor was evaluated in the last %(m)d months, "
                "and every contract completed in that time."
            )
            % {"m": p["months"]},
        )
    return Verdict(
        AMBER,
        _(
            "%(n)d contracts not evaluated: running ones whose contractor was not evaluated "
            "in %(m)d months, or completed in that time without an evaluation, e.g. %(c)s."
        )
        % {"n": missing.count(), "m": p["months"], "c": first},
        first.get_absolute_url(),
        lambda user: policies.can_edit_contract(user, first),
    )


def _penalties(today: date, p: dict) -> Verdict:
    late = selectors.unhandled_penalties(today, p["days"])
    first = late.first()
    if first is None:
        return Verdict(
            GREEN,
            _("No penalty is left neither charged nor waived for more than %(d)d days.")
            % {"d": p["days"]},
        )
    return Verdict(
        RED,
        _("%(n)d penalties due are neither charged nor waived after %(d)d days, e.g. on %(c)s.")
        % {"n": late.count(), "d": p["days"], "c": first.contract.reference},
        first.contract.get_absolute_url(),
        lambda user: policies.can_edit_contract(user, first.contract),
    )


def _reports(today: date, p: dict) -> Verdict:
    missing = selectors.reports_missing(limit=1, today=today)
    if not missing:
        return Verdict(GREEN, _("Every art. 446 PZP report required is written."))
    first = missing[0]
    return Verdict(
        RED,
        _("%(n)d art. 446 PZP reports are required but not written, e.g. on %(c)s.")
        % {"n": selectors.count_reports_missing(today), "c": first.reference},
        first.get_absolute_url(),
        lambda user: policies.can_edit_contract(user, first),
    )


RULES: list[ReadinessRule] = [
    ReadinessRule("8.4", gettext_lazy("Criteria for evaluating contractors"), _criteria),
    ReadinessRule(
        "8.4",
        gettext_lazy("Contractors evaluated (running contracts yearly, completed ones)"),
        _evaluated,
        {"months": 12},
    ),
    ReadinessRule("8.4", gettext_lazy("Contractual penalties pursued"), _penalties, {"days": 30}),
    ReadinessRule("8.4", gettext_lazy("Art. 446 PZP reports written"), _reports),
]
