"""Nonconformities and improvement in the side navigation (10)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup
from ratusz.improvement.policies import can_view_statistics

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.IMPROVEMENT, 10, _("Nonconformities"), "improvement:nc_list"),
    NavEntry(NavGroup.IMPROVEMENT, 20, _("Improvement ideas"), "improvement:idea_list"),
    NavEntry(
        NavGroup.IMPROVEMENT,
        30,
        _("Statistics"),
        "improvement:statistics",
        visible=can_view_statistics,
    ),
]
