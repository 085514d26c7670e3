from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin
from ratusz.improvement.models import Idea, Nonconformity


@admin.register(Nonconformity)
class NonconformityAdmin(ServiceRecordAdmin):
    list_display = ("reference", "title", "org_unit", "source", "grade", "status", "target_date")
    list_filter = ("status", "source", "grade")
    search_fields = ("title", "description")
    raw_id_fields = (
        "org_unit",
        "process",
        "clause",
        "reported_by",
        "owner",
    )
    # The number and the steps of the workflow (triage, analysis, verification,
    # closure) are taken through the app.
    locked_fields = (
        "year",
        "number",
        "status",
        "reported_by",
        "recurrence_of",
        "analysed_by",
        "analysed_at",
        "verification_result",
        "verified_on",
        "failed_verifications",
        "verified_by",
        "closed_at",
        "closed_by",
        "rejection_reason",
    )


@admin.register(Idea)
class IdeaAdmin(ServiceRecordAdmin):
    list_display = ("reference", "title", "org_unit", "source", "status")
    list_filter = ("status", "source")
    search_fields = ("title", "description")
    raw_id_fields = ("org_unit", "process", "clause")
    locked_fields = ("year", "number", "status", "submitted_by", "decided_by", "decided_at")
