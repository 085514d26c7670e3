from django.contrib import admin

from ratusz.audits.models import (
    Audit,
    AuditorProfile,
    ChecklistItem,
    Finding,
    Programme,
    ProgrammeItem,
    QuestionTemplate,
    ReportAcknowledgement,
)
from ratusz.core.admin import ServiceRecordAdmin, ServiceRecordInline


@admin.register(AuditorProfile)
class AuditorProfileAdmin(ServiceRecordAdmin):
    list_display = ["user", "trained_on", "can_lead", "is_active"]
    list_filter = ["can_lead", "is_active"]
    search_fields = ["user__last_name", "user__username"]
    raw_id_fields = ["user"]


class ProgrammeItemInline(ServiceRecordInline):
    model = ProgrammeItem
    raw_id_fields = ["process", "org_unit"]
    filter_horizontal = ["clauses"]
    locked_fields = ("process", "status", "justification")


@admin.register(Programme)
class ProgrammeAdmin(ServiceRecordAdmin):
    list_display = ["year", "status", "approved_by", "approved_at"]
    list_filter = ["status"]
    inlines = [ProgrammeItemInline]
    locked_fields = ("year", "status", "approved_by", "approved_at")


class ChecklistInline(ServiceRecordInline):
    model = ChecklistItem
    fields = ["position", "question", "clause", "answer", "evidence", "answered_by"]
    raw_id_fields = ["clause"]
    locked_fields = ("position", "answer", "answered_by")


class FindingInline(ServiceRecordInline):
    model = Finding
    fields = ["number", "grade", "clause", "org_unit", "description", "nonconformity", "idea"]
    raw_id_fields = ["clause", "org_unit"]
    locked_fields = ("number", "grade", "nonconformity", "idea")


@admin.register(Audit)
class AuditAdmin(ServiceRecordAdmin):
    list_display = ["__str__", "status", "planned_start", "lead_auditor"]
    list_filter = ["status", "year"]
    search_fields = ["title", "scope"]
    raw_id_fields = ["programme_item", "process", "lead_auditor"]
    filter_horizontal = ["org_units", "clauses", "team"]
    inlines = [ChecklistInline, FindingInline]
    # The reference and the audit's steps (start, close with the report, cancel)
    # are taken in the app.
    locked_fields = (
        "year",
        "number",
        "programme_item",
        "status",
        "report_issued_at",
        "cancel_reason",
        "created_by",
    )


@admin.register(QuestionTemplate)
class QuestionTemplateAdmin(ServiceRecordAdmin):
    list_display = ["__str__", "clause", "process", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["text"]


@admin.register(ReportAcknowledgement)
class ReportAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["audit", "org_unit", "user", "acknowledged_at"]
    raw_id_fields = ["audit", "org_unit", "user"]
