"""Public services in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.OPERATION, 30, _("Timeliness of cases"), "services:figures"),
    NavEntry(NavGroup.OPERATION, 31, _("Service cards"), "services:cards"),
]
