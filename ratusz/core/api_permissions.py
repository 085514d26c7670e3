from rest_framework.permissions import SAFE_METHODS, BasePermission

from ratusz.core import access


class IsActiveAccount(BasePermission):
    """Signed in, active and not expired; object rules are checked by the views."""

    def has_permission(self, request, view) -> bool:
        return access.is_active_account(request.user)


class MayUseApi(BasePermission):
    """The API's schema and documentation: for those who may use the API."""

    def has_permission(self, request, view) -> bool:
        return access.can_use_api(request.user)


class IsStaff(BasePermission):
    """Members of the office's staff (external auditors see only their evidence)."""

    def has_permission(self, request, view) -> bool:
        return access.can_view_directory(request.user)


class QualityManagerWrites(BasePermission):
    """Staff read; only the quality manager writes (checked before the payload is)."""

    message = "Only the quality manager may change these records."

    def has_permission(self, request, view) -> bool:
        if not access.can_view_directory(request.user):
            return False
        return request.method in SAFE_METHODS or access.is_quality_manager(request.user)
