"""Quality objectives in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup
from ratusz.objectives import policies

ENTRIES: list[NavEntry] = [
    NavEntry(
        NavGroup.PLANNING,
        30,
        _("Quality objectives"),
        "objectives:list",
        policies.can_view_objectives,
    ),
]
