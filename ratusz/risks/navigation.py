"""The register of risks and opportunities in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup
from ratusz.risks.policies import can_view_risks

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.PLANNING, 10, _("Risks and opportunities"), "risks:list", can_view_risks),
    NavEntry(NavGroup.PLANNING, 20, _("Heat map"), "risks:heat_map", can_view_risks),
    NavEntry(NavGroup.PLANNING, 40, _("Planned changes"), "risks:change_list", can_view_risks),
]
