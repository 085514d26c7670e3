"""Certification and readiness in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core import access
from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.EVALUATION, 40, _("Certification"), "certification:overview"),
    NavEntry(NavGroup.EVALUATION, 50, _("Readiness"), "certification:readiness"),
    NavEntry(
        NavGroup.EVALUATION,
        60,
        _("Evidence pack"),
        "certification:evidence",
        visible=access.is_quality_manager,
    ),
]
