from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin
from ratusz.documents.models import (
    Document,
    DocumentType,
    DocumentVersion,
    RecordType,
)


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_en",
        "name_pl",
        "prefix",
        "review_interval_months",
        "approver_role",
        "self_approval_allowed",
    ]


@admin.register(Document)
class DocumentAdmin(ServiceRecordAdmin):
    """Registration and lifecycle happen in the app; the admin corrects metadata."""

    list_display = ["number", "title", "doc_type", "owner_unit", "next_review_date"]
    list_filter = ["doc_type", "confidentiality", "retention_category"]
    search_fields = ["number", "title"]
    locked_fields = (
        "doc_type",
        "number",
        "current_version",
        "next_review_date",
        "withdrawn_at",
        "created_by",
    )


@admin.register(DocumentVersion)
class DocumentVersionAdmin(admin.ModelAdmin):
    """Read-only: versions change only through their lifecycle."""

    list_display = ["document", "number", "status", "effective_date", "approver"]
    list_filter = ["status"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RecordType)
class RecordTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "keeper_unit", "location", "retention_category", "retention"]
    filter_horizontal = ["defined_by", "clauses"]
