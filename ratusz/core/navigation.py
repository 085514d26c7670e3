"""The side navigation: core's links and each area's `navigation.py` entries, grouped
by ISO 9001 clause (`core.plugins.NavGroup`) and ordered within each group; a link
shows only to whom its policy check lets in, a group only when it has a link."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core import access
from ratusz.core.plugins import NavEntry, NavGroup, area_modules

ENTRIES: list[NavEntry] = [
    NavEntry(NavGroup.OVERVIEW, 10, _("Dashboard"), "core:dashboard"),
    NavEntry(NavGroup.OVERVIEW, 20, _("Action tracker"), "core:action_list"),
    NavEntry(NavGroup.CONTEXT, 10, _("Organisation"), "core:org_units"),
    NavEntry(NavGroup.CONTEXT, 30, _("ISO 9001 clauses"), "core:clauses"),
    NavEntry(
        NavGroup.EVALUATION,
        90,
        _("Audit trail"),
        "core:audit_trail",
        visible=access.can_view_audit_trail,
    ),
]


def entries() -> list[NavEntry]:
    """Every link, in clause order, then by its order in the group."""
    found = list(ENTRIES)
    for _label, module in area_modules("navigation"):
        found.extend(module.ENTRIES)
    return sorted(found, key=lambda entry: (entry.group, entry.order))


def menu(user) -> list[dict]:
    """The groups the user sees, as the shell template draws them:
    [{"title": …, "items": [(label, href), …]}, …]."""
    if not user.is_authenticated:
        return []
    if access.is_external(user):
        # External auditors see only the evidence made for them, from their home page.
        return [{"title": _("Evidence"), "items": [(_("Home"), reverse("core:dashboard"))]}]
    groups: dict[NavGroup, list[tuple[str, str]]] = {}
    for entry in entries():
        if entry.is_visible_to(user):
            groups.setdefault(entry.group, []).append((entry.label, entry.href))
    return [{"title": group.label, "items": items} for group, items in groups.items()]
