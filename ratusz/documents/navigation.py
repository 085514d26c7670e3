"""Documented information in the side navigation (7.5)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.SUPPORT, 10, _("Documents"), "documents:register"),
    NavEntry(NavGroup.SUPPORT, 20, _("To read"), "documents:to_read"),
    NavEntry(NavGroup.SUPPORT, 30, _("Records register"), "documents:records"),
]
