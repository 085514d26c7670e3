"""Satisfaction surveys in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup
from ratusz.surveys.policies import can_view_surveys

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.EVALUATION, 5, _("Satisfaction surveys"), "surveys:list", can_view_surveys),
]
