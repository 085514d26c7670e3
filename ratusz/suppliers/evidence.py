"""Contractors in the evidence pack (8.4): the evaluation criteria, the evaluations of the
last 12 months and the penalty ledger of every contract."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext as _

from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.core.records import record_pdf, table_html
from ratusz.suppliers.models import Evaluation, EvaluationCriterion, Penalty
from ratusz.suppliers.money import zloty


def _evaluations_pdf(today: date) -> bytes:
    criteria = list(EvaluationCriterion.objects.filter(is_active=True))
    html = table_html(
        [_("Criterion"), _("Weight"), _("What is assessed")],
        ((c.name, str(c.weight), c.description) for c in criteria),
    )
    evaluations = Evaluation.objects.filter(
        evaluated_on__gte=today - timedelta(days=365)
    ).select_related("contractor", "contract", "evaluator")
    html += table_html(
        [_("Contractor"), _("Contract"), _("Evaluated on"), _("Score"), _("Evaluated by")],
        (
            (
                e.contractor.name,
                e.contract.reference if e.contract else "—",
                e.evaluated_on.isoformat(),
                str(e.score),
                str(e.evaluator),
            )
            for e in evaluations
        ),
    )
    return record_pdf(_("Evaluation of contractors"), html, today=today)


def _ledger_pdf(today: date) -> bytes:
    rows = Penalty.objects.select_related("contract", "clause").order_by("contract", "event_on")
    html = table_html(
        [_("Contract"), _("Breach"), _("Breach on"), _("Due"), _("Charged"), _("Waived")],
        (
            (
                p.contract.reference,
                p.clause.get_breach_display(),
                p.event_on.isoformat(),
                zloty(p.due),
                zloty(p.charged),
                zloty(p.waived),
            )
            for p in rows
        ),
    )
    return record_pdf(_("Contractual penalties"), html, today=today)


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    if not EvaluationCriterion.objects.filter(is_active=True).exists():
        return [EvidenceGap("8.4", _("Criteria for evaluating contractors"))]
    return [
        EvidenceItem(
            "8.4",
            _("Evaluation of contractors"),
            "suppliers/evaluations.pdf",
            lambda: _evaluations_pdf(today),
        ),
        EvidenceItem(
            "8.4", _("Contractual penalties"), "suppliers/penalties.pdf", lambda: _ledger_pdf(today)
        ),
    ]
