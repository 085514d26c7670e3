"""The yearly summary of a self-assessment or diagnostic (PDF): results by group
with last year's, by unit (groups of at least five), and the weaknesses."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from ratusz.competence import selectors
from ratusz.core.models import Office
from ratusz.core.records import table_html
from ratusz.lib.controlled_copy import Stamp, html_to_pdf

STYLE = (
    "<style>table{border-collapse:collapse;width:100%;font-size:8pt;margin-bottom:10pt}"
    "th,td{border:0.5pt solid #999;padding:2pt 4pt;text-align:left;vertical-align:top}"
    "th{background:#eee}h2{font-size:11pt}</style>"
)

LIGHTS = {
    "green": gettext_lazy("Green"),
    "yellow": gettext_lazy("Yellow"),
    "red": gettext_lazy("Red"),
}


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return str(LIGHTS.get(value, value))
    return f"{value}%"


def summary_pdf(assessment) -> bytes:
    data = selectors.assessment_results(assessment)
    office = Office.current()
    title = str(assessment)
    groups = table_html(
        [_("Group"), _("Result"), _("Last year")],
        (
            (g["group"], _value(g.get("light", g.get("share"))), _value(g["previous"]))
            for g in data["groups"]
        ),
    )
    units = table_html(
        [_("Org unit"), _("Answered"), _("Yes")],
        (
            (u["name"] or _("Other units (merged)"), u["answered"], _value(u["share"]))
            for u in data["units"]
        ),
    )
    weak = table_html(
        [_("Group"), _("Question"), _("Result")],
        (
            (
                w["question"].group,
                w["question"].text,
                _value(w.get("light", w.get("share"))),
            )
            for w in data["weak"]
        ),
    )
    note = _(
        "Staff answers are anonymous and shown only for groups of at least %(n)d; smaller "
        "units are merged or left out. Answered: %(m)d managers, %(s)d staff."
    ) % {"n": data["min_group"], "m": data["managers_answered"], "s": data["staff_answered"]}
    # Headings translated outside the f-string: xgettext does not read calls in one.
    by_group, by_unit, weaknesses = (
        escape(_("Results by group")), escape(_("Results by unit")), escape(_("Weaknesses"))
    )  # fmt: skip
    body = (
        f"{STYLE}<h1>{escape(title)}</h1><p>{escape(note)}</p>"
        f"<h2>{by_group}</h2>{groups}"
        + (f"<h2>{by_unit}</h2>{units}" if data["units"] else "")
        + f"<h2>{weaknesses}</h2>{weak}"
    )
    stamp = Stamp(
        number=office.short_name or office.name if office else "",
        title=title,
        version="",
        status=_("summary of %(date)s")
        % {"date": date_format(timezone.localdate(), "SHORT_DATE_FORMAT")},
        effective="",
        footer=_("Yearly self-assessment summary, prepared in Ratusz."),
    )
    return html_to_pdf(body, stamp, lang=(get_language() or "pl")[:2])
