"""Nonconformities and improvement ideas in the global search."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from ratusz.core import access, search
from ratusz.improvement.models import Idea, Nonconformity


def nc_row(nc: Nonconformity) -> dict:
    return {
        "object_id": nc.pk,
        "title": str(nc),  # "NC/2025/0012 Title": the reference is searchable too
        "body": "\n".join(filter(None, [nc.description, nc.correction, nc.root_cause])),
        "url": nc.get_absolute_url(),
        "unit_id": nc.org_unit_id,
    }


def idea_row(idea: Idea) -> dict:
    return {
        "object_id": idea.pk,
        "title": str(idea),
        "body": "\n".join(filter(None, [idea.description, idea.expected_benefit])),
        "url": idea.get_absolute_url(),
        "unit_id": idea.org_unit_id,
    }


def index_nc(nc: Nonconformity) -> None:
    search.index("nonconformity", **nc_row(nc))


def index_idea(idea: Idea) -> None:
    search.index("idea", **idea_row(idea))


def _nc_rows() -> Iterator[dict]:
    fields = [
        "id",
        "year",
        "number",
        "title",
        "description",
        "correction",
        "root_cause",
        "org_unit_id",
    ]
    for nc in Nonconformity.objects.only(*fields).order_by("pk").iterator(chunk_size=2000):
        yield nc_row(nc)


def _idea_rows() -> Iterator[dict]:
    for idea in Idea.objects.order_by("pk").iterator(chunk_size=2000):
        yield idea_row(idea)


def _visible_ncs(user):
    from ratusz.improvement import policies

    return None if policies.reads_all_nonconformities(user) else policies.ncs_visible_to(user)


def _visible_ideas(user):
    return None if access.is_staff_member(user) else Idea.objects.none()


def register() -> None:
    search.register(
        "nonconformity", label=_("Nonconformities"), provider=_nc_rows, visible=_visible_ncs
    )
    search.register(
        "idea", label=_("Improvement ideas"), provider=_idea_rows, visible=_visible_ideas
    )
