from django.contrib import admin

from ratusz.improvement.models import Idea, Nonconformity


@admin.register(Nonconformity)
class NonconformityAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "org_unit", "source", "grade", "status", "target_date")
    list_filter = ("status", "source", "grade")
    search_fields = ("title", "description")
    raw_id_fields = (
        "org_unit",
        "process",
        "clause",
        "reported_by",
        "owner",
        "recurrence_of",
        "analysed_by",
        "verified_by",
        "closed_by",
    )
    readonly_fields = ("year", "number", "failed_verifications", "version")


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "org_unit", "source", "status")
    list_filter = ("status", "source")
    search_fields = ("title", "description")
    raw_id_fields = ("submitted_by", "org_unit", "process", "clause", "decided_by")
    readonly_fields = ("year", "number", "version")
