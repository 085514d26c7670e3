"""What the app shell needs on every page: navigation, unread count, the office."""

from __future__ import annotations

from ratusz.core import access, navigation
from ratusz.core.models import Notification, Office


def _current(path: str, groups: list[dict]) -> str:
    """The one navigation link for this page: the longest that the path starts with."""
    hrefs = [href for group in groups for _label, href in group["items"]]
    matching = [h for h in hrefs if path == h or (h != "/" and path.startswith(h))]
    return max(matching, key=len, default="")


def shell(request) -> dict:
    user = request.user
    groups = navigation.menu(user)
    context = {
        "office": Office.current,
        "nav_groups": groups,
        "nav_current": _current(request.path, groups),
        "may_use_api": access.can_use_api(user),
    }
    if user.is_authenticated:
        context["unread_count"] = Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count
    return context
