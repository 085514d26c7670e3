"""The office's context in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.context.policies import can_view_context
from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(
        NavGroup.CONTEXT, 12, _("Context of the office"), "context:overview", can_view_context
    ),
    NavEntry(NavGroup.CONTEXT, 14, _("Interested parties"), "context:party_list", can_view_context),
    NavEntry(NavGroup.CONTEXT, 16, _("Leadership"), "context:leadership", can_view_context),
]
