"""Internal audits in the side navigation (9.2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.EVALUATION, 10, _("Internal audits"), "audits:list"),
    NavEntry(NavGroup.EVALUATION, 20, _("Audit programme"), "audits:programme_current"),
    NavEntry(NavGroup.EVALUATION, 30, _("Auditor pool"), "audits:auditors"),
]
