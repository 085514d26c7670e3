from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import (
    Action,
    Attachment,
    AuditEvent,
    Clause,
    Notification,
    Office,
    OrgUnit,
    RoleAssignment,
    User,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Office"), {"fields": ("org_unit", "position", "language", "access_expires_at")}),
    )
    list_display = [
        "username",
        "first_name",
        "last_name",
        "org_unit",
        "is_active",
        "access_expires_at",
    ]
    list_filter = ["is_active", "org_unit", "role_assignments__role"]
    inlines = [RoleAssignmentInline]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_demo"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "head", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code"]

    def save_model(self, request, obj, form, change):
        from ratusz.core.services import place_org_unit

        super().save_model(request, obj, form, change)
        place_org_unit(unit=obj)


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["number", "title_en", "title_pl", "standard", "edition", "applicable"]
    list_filter = ["standard", "edition", "applicable"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "status", "org_unit", "owner", "due_date"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["owner", "completed_by", "verified_by", "created_by"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "mime_type", "size", "sha256", "uploaded_at"]
    readonly_fields = ["sha256", "size", "mime_type"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the trail is append-only."""

    list_display = ["seq", "created_at", "actor_label", "kind", "model_label", "object_label"]
    list_filter = ["kind", "model_label"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "created_at", "read_at"]
