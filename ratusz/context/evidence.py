"""The context registers in the evidence pack (4.1, 4.2) as PDF tables."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ratusz.context import export
from ratusz.context.models import ClimateDecision, ContextIssue, InterestedParty
from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.core.records import record_pdf, table_html


def _fmt(value):
    return date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, date) else value


def _issues_pdf(today: date) -> bytes:
    issues = ContextIssue.objects.filter(is_active=True).select_related("owner")
    rows = ([_fmt(v) for v in row] for row in export.issue_rows(issues))
    climate = ClimateDecision.objects.filter(pk=1).first()
    decision = ""
    if climate is not None:
        verdict = _("relevant") if climate.relevant else _("not relevant")
        decision = table_html(
            [_("Climate change"), _("Justification"), _("Decided on")],
            [[verdict, climate.justification, _fmt(climate.decided_on)]],
        )
    body = decision + table_html(export.issue_headers(), rows)
    return record_pdf(_("Internal and external issues"), body, today=today, landscape=True)


def _parties_pdf(today: date) -> bytes:
    parties = export.with_requirements(
        InterestedParty.objects.filter(is_active=True).select_related("owner")
    )
    rows = ([_fmt(v) for v in row] for row in export.party_rows(parties))
    body = table_html(export.party_headers(), rows)
    return record_pdf(
        _("Interested parties and their requirements"), body, today=today, landscape=True
    )


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    found: list[EvidenceItem | EvidenceGap] = []
    if ContextIssue.objects.filter(is_active=True).exists():
        found.append(
            EvidenceItem(
                "4.1",
                _("Internal and external issues"),
                "context/issues.pdf",
                lambda: _issues_pdf(today),
            )
        )
    else:
        found.append(EvidenceGap("4.1", _("Internal and external issues")))
    if InterestedParty.objects.filter(is_active=True).exists():
        found.append(
            EvidenceItem(
                "4.2",
                _("Interested parties and their requirements"),
                "context/parties.pdf",
                lambda: _parties_pdf(today),
            )
        )
    else:
        found.append(EvidenceGap("4.2", _("Interested parties and their requirements")))
    return found
