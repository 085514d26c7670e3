"""The reply to a submission as a PDF (art. 238 k.p.a.): the authority, the reply's
text and the signature with name and post. Every text is escaped."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ratusz.core.models import Office
from ratusz.feedback.models import Submission
from ratusz.lib.controlled_copy import Stamp, html_to_pdf


def reply_pdf(s: Submission) -> bytes:
    office = Office.current()
    office_name = office.name if office else ""
    day = s.reply_sent_on or s.received_on
    stamp = Stamp(
        number=s.reference,
        title=_("Reply to submission %(ref)s") % {"ref": s.reference},
        version="",
        status=s.get_outcome_display() if s.outcome else "",
        effective="",
        footer=office_name,
    )
    address = escape(office.address) if office and office.address else ""
    recipient = escape(s.submitter_name) + (
        "<br>" + escape(s.submitter_address) if s.submitter_address else ""
    )
    body = (
        "<style>.from{font-weight:bold}.to{margin:12pt 0 0 60%}.sign{margin:24pt 0 0 60%}"
        "</style>"
        f'<p class="from">{escape(office_name)}<br>{address}</p>'
        f"<p>{escape(s.reference)} · {escape(date_format(day, 'DATE_FORMAT'))}</p>"
        f'<p class="to">{recipient}</p>'
        f"<h1>{escape(s.subject)}</h1>"
        f"{linebreaks(escape(s.reply_text))}"
        f'<p class="sign">{escape(s.reply_signatory)}</p>'
    )
    return html_to_pdf(body, stamp, lang=(get_language() or "pl")[:2])
