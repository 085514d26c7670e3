"""The context registers as spreadsheets and as PDF tables (evidence pack)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ratusz.context.models import ContextIssue, InterestedParty, Requirement
from ratusz.lib.spreadsheet import table


def issue_headers() -> list[str]:
    return [
        _("Issue"),
        _("Kind"),
        _("Category"),
        _("Description"),
        _("Effect on the QMS"),
        _("Source"),
        _("Owner"),
        _("Next review"),
    ]


def issue_rows(issues: Iterable[ContextIssue]) -> Iterable[list]:
    for i in issues:
        yield [
            i.title,
            i.get_kind_display(),
            i.get_category_display(),
            i.description,
            i.effect,
            i.source,
            str(i.owner),
            i.review_date,
        ]


def issues_xlsx(issues: Iterable[ContextIssue]) -> bytes:
    return table(_("Context issues"), issue_headers(), issue_rows(issues))


def party_headers() -> list[str]:
    return [
        _("Interested party"),
        _("Kind"),
        _("Requirement"),
        _("How it is monitored"),
        _("How it is reviewed"),
        _("Owner"),
        _("Last reviewed"),
    ]


def with_requirements(parties):
    return parties.prefetch_related(
        Prefetch("requirements", queryset=Requirement.objects.order_by("pk"))
    )


def party_rows(parties: Iterable[InterestedParty]) -> Iterable[list]:
    for p in parties:
        requirements = list(p.requirements.all()) or [None]
        for r in requirements:
            yield [
                p.name,
                p.get_kind_display(),
                r.text if r else "",
                r.monitoring if r else "",
                r.review if r else "",
                str(p.owner),
                p.reviewed_on,
            ]


def parties_xlsx(parties) -> bytes:
    return table(_("Interested parties"), party_headers(), party_rows(parties))
