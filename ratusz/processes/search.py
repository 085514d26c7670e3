"""Processes in the global search: code, name and description."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from ratusz.core import access, search
from ratusz.processes.models import Process


def process_row(process: Process) -> dict:
    return {
        "object_id": process.pk,
        "title": f"{process.code} {process.name}",
        "body": process.description,
        "url": process.get_absolute_url(),
        "unit_id": process.owner_unit_id,
    }


def index_process(process: Process) -> None:
    search.index("process", **process_row(process))


def _rows() -> Iterator[dict]:
    fields = ["id", "code", "name", "description", "owner_unit_id"]
    for process in Process.objects.only(*fields).order_by("pk").iterator(chunk_size=500):
        yield process_row(process)


def _visible(user):
    # The process map is open to all staff; search already turns external auditors away.
    return None if access.can_view_directory(user) else Process.objects.none()


def register() -> None:
    search.register("process", label=_("Processes"), provider=_rows, visible=_visible)
