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


@admin.register(AuditorProfile)
class AuditorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "trained_on", "can_lead", "is_active"]
    list_filter = ["can_lead", "is_active"]
    search_fields = ["user__last_name", "user__username"]
    raw_id_fields = ["user"]


class ProgrammeItemInline(admin.TabularInline):
    model = ProgrammeItem
    extra = 0
    raw_id_fields = ["process", "org_unit"]
    filter_horizontal = ["clauses"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "approved_by", "approved_at"]
    list_filter = ["status"]
    inlines = [ProgrammeItemInline]
    raw_id_fields = ["approved_by"]


class ChecklistInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0
    fields = ["position", "question", "clause", "answer", "evidence", "answered_by"]
    raw_id_fields = ["clause", "answered_by"]


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    fields = ["number", "grade", "clause", "org_unit", "description", "nonconformity", "idea"]
    readonly_fields = ["number"]
    raw_id_fields = ["clause", "org_unit", "nonconformity", "idea"]


@admin.register(Audit)
class AuditAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "planned_start", "lead_auditor"]
    list_filter = ["status", "year"]
    search_fields = ["title", "scope"]
    raw_id_fields = ["programme_item", "process", "lead_auditor", "created_by"]
    filter_horizontal = ["org_units", "clauses", "team"]
    inlines = [ChecklistInline, FindingInline]


@admin.register(QuestionTemplate)
class QuestionTemplateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "clause", "process", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["text"]


@admin.register(ReportAcknowledgement)
class ReportAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["audit", "org_unit", "user", "acknowledged_at"]
    raw_id_fields = ["audit", "org_unit", "user"]
