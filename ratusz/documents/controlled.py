"""Controlled copies: every PDF of a version carries its number, version,
status and effective date on every page, and “uncontrolled when printed”;
superseded and withdrawn versions are watermarked."""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ratusz.core.selectors import attachments_of
from ratusz.documents.models import DocumentVersion
from ratusz.lib.controlled_copy import Stamp, html_to_pdf, render_markdown, stamp_pdf


def render_body(text: str) -> SafeString:
    """The version's Markdown as sanitised HTML (safe to put in a page)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised by nh3 in render_markdown


def stamp_for(version: DocumentVersion) -> Stamp:
    document = version.document
    effective = (
        date_format(version.effective_date, "SHORT_DATE_FORMAT") if version.effective_date else "—"
    )
    watermark = ""
    if version.status == DocumentVersion.Status.SUPERSEDED:
        watermark = _("SUPERSEDED")
    elif version.status == DocumentVersion.Status.WITHDRAWN:
        watermark = _("WITHDRAWN")
    elif version.status not in (DocumentVersion.Status.IN_FORCE, DocumentVersion.Status.APPROVED):
        watermark = _("DRAFT")
    approval = ""
    if version.approved_at:
        approver = (
            version.approver.get_full_name() or version.approver.username
            if version.approver
            else "—"
        )
        approval = _("Approved by %(name)s on %(date)s") % {
            "name": approver,
            "date": date_format(timezone.localtime(version.approved_at), "SHORT_DATE_FORMAT"),
        }
        if version.content_hash:
            approval += "\n" + _("Content SHA-256: %(hash)s") % {"hash": version.content_hash}
    return Stamp(
        number=document.number,
        title=document.title,
        version=_("version %(n)s") % {"n": version.number},
        status=version.get_status_display(),
        effective=_("in force from %(date)s") % {"date": effective},
        footer=_("Uncontrolled when printed. The version in force is in Ratusz."),
        watermark=watermark,
        approval=approval,
    )


def controlled_copy(version: DocumentVersion) -> bytes:
    """The stamped PDF of a version: its uploaded PDF if it has one, else its text."""
    stamp = stamp_for(version)
    pdf = next((a for a in attachments_of(version) if a.mime_type == "application/pdf"), None)
    if pdf is not None:
        with pdf.file.open("rb") as handle:
            return stamp_pdf(handle.read(), stamp)
    html = f"<h1>{version.document.number} {version.document.title}</h1>" + render_markdown(
        version.body
    )
    from django.utils.translation import get_language

    return html_to_pdf(html, stamp, lang=(get_language() or "pl")[:2])
