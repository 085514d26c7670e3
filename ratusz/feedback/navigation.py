"""Residents' submissions in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup
from ratusz.feedback import policies

ENTRIES: list[NavEntry] = [
    NavEntry(
        NavGroup.EVALUATION,
        5,
        _("Residents' submissions"),
        "feedback:list",
        policies.can_view_register,
    ),
]
