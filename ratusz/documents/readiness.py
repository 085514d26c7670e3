"""Readiness of documented information: the quality policy in force and acknowledged
(5.2), documents within their review date (7.5)."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ratusz.core.plugins import AMBER, GREEN, RED, ReadinessRule, Verdict
from ratusz.documents.models import Document
from ratusz.documents.policies import can_create_document, can_manage_document
from ratusz.documents.selectors import acknowledgement_stats


def _policy(today: date, p: dict) -> Verdict:
    policy = (
        Document.objects.select_related("current_version")
        .filter(doc_type__code="policy", current_version__isnull=False)
        .order_by("number")
        .first()
    )
    if policy is None:
        return Verdict(
            RED,
            _("No quality policy is in force."),
            reverse("documents:register"),
            can_create_document,
        )
    stats = acknowledgement_stats(policy)
    if stats and stats.recipients and stats.percent < p["acknowledged_percent"]:
        return Verdict(
            AMBER,
            _("The policy is in force, but only %(pct)d%% of the staff confirmed reading it.")
            % {"pct": stats.percent},
            reverse("documents:distribution", args=[policy.pk]),
            lambda user: can_manage_document(user, policy),
        )
    return Verdict(GREEN, _("%(doc)s is in force and acknowledged.") % {"doc": policy.number})


def _documents(today: date, p: dict) -> Verdict:
    overdue = Document.objects.filter(
        current_version__isnull=False, next_review_date__lt=today
    ).count()
    fix = reverse("documents:register") + "?state=review_overdue"
    if overdue > p["amber_up_to"]:
        return Verdict(
            RED,
            ngettext(
                "%(n)d document is past its review date.",
                "%(n)d documents are past their review date.",
                overdue,
            )
            % {"n": overdue},
            fix,
        )
    if overdue:
        return Verdict(
            AMBER,
            ngettext(
                "%(n)d document is past its review date.",
                "%(n)d documents are past their review date.",
                overdue,
            )
            % {"n": overdue},
            fix,
        )
    return Verdict(GREEN, _("Every document in force is within its review date."))


RULES: list[ReadinessRule] = [
    ReadinessRule(
        "5.2",
        gettext_lazy("Quality policy in force and acknowledged"),
        _policy,
        {"acknowledged_percent": 90},
    ),
    ReadinessRule(
        "7.5", gettext_lazy("Documents within their review date"), _documents, {"amber_up_to": 3}
    ),
]
