"""What the app shell needs on every page: navigation, unread count, the office."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ratusz.core import access
from ratusz.core.models import Notification, Office
from ratusz.improvement.policies import can_view_statistics


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
                (_("Processes"), reverse("processes:list")),
                (_("ISO 9001 clauses"), reverse("core:clauses")),
            ],
        },
        {
            "title": _("Support (7)"),
            "items": [
                (_("Documents"), reverse("documents:register")),
                (_("To read"), reverse("documents:to_read")),
                (_("Records register"), reverse("documents:records")),
            ],
        },
    ]
    evaluation = [
        (_("Internal audits"), reverse("audits:list")),
        (_("Audit programme"), reverse("audits:programme_current")),
        (_("Auditor pool"), reverse("audits:auditors")),
        (_("Certification"), reverse("certification:overview")),
        (_("Readiness"), reverse("certification:readiness")),
    ]
    if access.is_quality_manager(user):
        evaluation.append((_("Evidence pack"), reverse("certification:evidence")))
    if access.can_view_audit_trail(user):
        evaluation.append((_("Audit trail"), reverse("core:audit_trail")))
    groups.append({"title": _("Performance evaluation (9)"), "items": evaluation})
    improvement = [
        (_("Nonconformities"), reverse("improvement:nc_list")),
        (_("Improvement ideas"), reverse("improvement:idea_list")),
    ]
    if can_view_statistics(user):
        improvement.append((_("Statistics"), reverse("improvement:statistics")))
    groups.append({"title": _("Improvement (10)"), "items": improvement})
    return groups


def _current(path: str, groups: list[dict]) -> str:
    """The one navigation link for this page: the longest that the path starts with."""
    hrefs = [href for group in groups for _label, href in group["items"]]
    matching = [h for h in hrefs if path == h or (h != "/" and path.startswith(h))]
    return max(matching, key=len, default="")


def shell(request) -> dict:
    user = request.user
    groups = _navigation(user)
    context = {
        "office": Office.current,
        "nav_groups": groups,
        "nav_current": _current(request.path, groups),
    }
    if user.is_authenticated:
        context["unread_count"] = Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count
    return context
