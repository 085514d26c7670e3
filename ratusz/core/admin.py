from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from ratusz.core.models import (
    Action,
    Attachment,
    AuditEvent,
    Clause,
    Notification,
    NumberSeries,
    Office,
    OrgUnit,
    RoleAssignment,
    User,
)


class ServiceRecordAdmin(admin.ModelAdmin):
    """The admin of a record the services write: it corrects plain data only.

    Files, hashes, sizes, numbers and workflow fields (`locked_fields`) are
    read-only, so an administrator cannot replace evidence behind its stored
    hash or move a record past its workflow's rules; records are created and
    removed in the app. A correction raises the version, so a form opened
    before it reports a conflict instead of overwriting it.
    """

    locked_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.locked_fields)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "version"):
            obj.version += 1
        super().save_model(request, obj, form, change)


class ServiceRecordInline(admin.TabularInline):
    """Rows of a record the services write, shown for correction (see ServiceRecordAdmin)."""

    extra = 0
    locked_fields: tuple[str, ...] = ()

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *self.locked_fields)

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
    # Whether a clause applies is decided in the app, with its justification.
    readonly_fields = ["applicable", "justification"]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Action)
class ActionAdmin(ServiceRecordAdmin):
    list_display = ["id", "title", "status", "org_unit", "owner", "due_date"]
    list_filter = ["status", "kind"]
    search_fields = ["title"]
    raw_id_fields = ["owner"]
    # Status, completion and the independent effectiveness check move only
    # through the action's steps in the app.
    locked_fields = (
        "status",
        "source_type",
        "source_id",
        "source_label",
        "completed_at",
        "completed_by",
        "completion_evidence",
        "effectiveness_result",
        "effectiveness_notes",
        "verified_at",
        "verified_by",
        "cancel_reason",
        "created_by",
    )


@admin.register(Attachment)
class AttachmentAdmin(ServiceRecordAdmin):
    list_display = ["original_name", "mime_type", "size", "sha256", "uploaded_at"]
    # The file is evidence: it stays what was uploaded, with its hash and size.
    locked_fields = (
        "file",
        "original_name",
        "mime_type",
        "size",
        "sha256",
        "target_type",
        "target_id",
        "uploaded_by",
    )


@admin.register(NumberSeries)
class NumberSeriesAdmin(admin.ModelAdmin):
    """Read-only: numbers are taken by the services, never set by hand."""

    list_display = ["key", "last"]
    search_fields = ["key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
