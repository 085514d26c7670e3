"""The process map in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.CONTEXT, 20, _("Processes"), "processes:list"),
]
