"""The contract register in the side navigation (8.4: externally provided services)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.OPERATION, 40, _("Contracts"), "suppliers:list"),
    NavEntry(NavGroup.OPERATION, 41, _("Contractors"), "suppliers:contractors"),
]
