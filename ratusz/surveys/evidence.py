"""Satisfaction surveys in the evidence pack (9.1.2): the results of every survey run
in the last twelve months; a gap when none ran."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.html import escape
from django.utils.translation import gettext as _

from ratusz.core.plugins import EvidenceGap, EvidenceItem
from ratusz.core.records import record_pdf, table_html
from ratusz.surveys import selectors
from ratusz.surveys.models import Survey


def _num(value) -> str:
    return "—" if value is None else str(value)


def results_pdf(survey: Survey, today: date) -> bytes:
    results = selectors.survey_results(survey, texts=False)
    html = table_html(
        [_("Survey"), _("Period"), _("Responses"), _("Mean (1–5)"), _("Satisfied (4 or 5)")],
        [
            [
                survey.title,
                f"{survey.opens_on.isoformat()} – {survey.closes_on.isoformat()}",
                _("%(n)s (web %(web)s, paper %(paper)s)")
                % {"n": results.responses, "web": results.web, "paper": results.paper},
                _num(results.mean),
                _num(results.satisfied) + ("%" if results.satisfied is not None else ""),
            ]
        ],
    )
    for q in results.questions:
        if q.is_text:
            continue
        html += f"<h2>{escape(q.question.text)}</h2>"
        html += table_html(
            [_("Answer"), _("Responses"), _("Share (%)"), _("Previous survey (%)")],
            [[row.label, row.count, _num(row.share), _num(row.previous_share)] for row in q.rows],
        )
        if q.is_scale:
            html += "<p>" + escape(_("Mean (1–5)")) + f": {escape(_num(q.mean))}</p>"
    return record_pdf(_("Residents' satisfaction survey: results"), html, today=today)


def items(today: date) -> list[EvidenceItem | EvidenceGap]:
    surveys = selectors.surveys_between(today - timedelta(days=365), today).order_by("opens_on")
    result: list[EvidenceItem | EvidenceGap] = [
        EvidenceItem(
            "9.1.2",
            _("Satisfaction survey %(title)s (%(year)s): results")
            % {"title": survey.title, "year": survey.opens_on.year},
            f"surveys/survey-{survey.pk}.pdf",
            lambda survey=survey: results_pdf(survey, today),
        )
        for survey in surveys
    ]
    if not result:
        result.append(EvidenceGap("9.1.2", _("Results of a residents' satisfaction survey")))
    return result
