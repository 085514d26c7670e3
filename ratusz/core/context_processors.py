"""What the app shell needs on every page: navigation, unread count, the office."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core import access
from ratusz.core.models import Notification, Office


def _navigation(user) -> list[dict]:
    """Navigation grouped by ISO 9001 area; only areas that exist and the user may open."""
    if not user.is_authenticated:
        return []
    if access.is_external(user):
        return [{"title": _("Evidence"), "items": [(_("Home"), reverse("core:dashboard"))]}]
    groups = [
        {
            "title": _("Overview"),
            "items": [
                (_("Dashboard"), reverse("core:dashboard")),
                (_("Action tracker"), reverse("core:action_list")),
            ],
        },
        {
            "title": _("Context and leadership (4–5)"),
            "items": [
                (_("Organisation"), reverse("core:org_units")),
                (_("ISO 9001 clauses"), reverse("core:clauses")),
            ],
        },
    ]
    groups.append(
        {
            "title": _("Support (7)"),
            "items": [
                (_("Documents"), reverse("documents:register")),
                (_("To read"), reverse("documents:to_read")),
                (_("Records register"), reverse("documents:records")),
            ],
        }
    )
    if access.can_view_audit_trail(user):
        groups.append(
            {
                "title": _("Performance evaluation (9)"),
                "items": [(_("Audit trail"), reverse("core:audit_trail"))],
            }
        )
    return groups


def shell(request) -> dict:
    user = request.user
    context = {"office": Office.current, "nav_groups": _navigation(user)}
    if user.is_authenticated:
        context["unread_count"] = Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count
    return context
