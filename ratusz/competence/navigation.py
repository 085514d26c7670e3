"""Competence, training and resources in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.competence import policies
from ratusz.core.plugins import NavEntry, NavGroup

ENTRIES: list[NavEntry] = [
    NavEntry(
        NavGroup.SUPPORT,
        40,
        _("Competence and training"),
        "competence:matrix",
        policies.can_view_matrix,
    ),
    NavEntry(
        NavGroup.SUPPORT,
        50,
        _("Resources and communication"),
        "competence:resources",
        policies.can_view_resources,
    ),
]
