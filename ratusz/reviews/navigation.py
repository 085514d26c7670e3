"""Management reviews in the side navigation."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ratusz.core.plugins import NavEntry, NavGroup
from ratusz.reviews.policies import can_view_review

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.EVALUATION, 35, _("Management reviews"), "reviews:list", can_view_review),
]
