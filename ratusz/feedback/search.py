"""Submissions in the global search: number, subject and content (never the person),
shown only to those who may read the submission."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from ratusz.core import search
from ratusz.feedback.models import Submission


def submission_row(s: Submission) -> dict:
    return {
        "object_id": s.pk,
        "title": f"{s.reference} {s.subject}",
        "body": s.content[:4000],
        "url": s.get_absolute_url(),
        "unit_id": s.org_unit_id,
    }


def index_submission(s: Submission) -> None:
    search.index("submission", **submission_row(s))


def _rows() -> Iterator[dict]:
    fields = ["id", "year", "number", "subject", "content", "org_unit_id"]
    for s in Submission.objects.only(*fields).order_by("pk").iterator(chunk_size=500):
        yield submission_row(s)


def _visible(user):
    from ratusz.feedback import policies

    return None if policies.keeps_register(user) else policies.submissions_visible_to(user)


def register() -> None:
    search.register(
        "submission", label=_("Residents' submissions"), provider=_rows, visible=_visible
    )
