from rest_framework.permissions import BasePermission

from ratusz.core import access


class IsActiveAccount(BasePermission):
    """Signed in, active and not expired; object rules are checked by the views."""

    def has_permission(self, request, view) -> bool:
        return access.is_active_account(request.user)


class IsStaff(BasePermission):
    """Members of the office's staff (external auditors see only their evidence)."""

    def has_permission(self, request, view) -> bool:
        return access.can_view_directory(request.user)
