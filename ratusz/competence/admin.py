from django.contrib import admin

from ratusz.competence.models import (
    CommunicationEntry,
    Competence,
    CompetenceRecord,
    Position,
    Resource,
    Training,
)
from ratusz.core.admin import ServiceRecordAdmin


@admin.register(Competence)
class CompetenceAdmin(ServiceRecordAdmin):
    list_display = ["name", "kind", "validity_months", "audit_role"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Position)
class PositionAdmin(ServiceRecordAdmin):
    list_display = ["name", "org_unit", "is_active"]
    list_select_related = ["org_unit"]
    search_fields = ["name"]


@admin.register(CompetenceRecord)
class CompetenceRecordAdmin(ServiceRecordAdmin):
    list_display = ["person", "competence", "issued_on", "expires_on"]
    list_select_related = ["person", "competence"]
    locked_fields = ("person", "competence", "training", "created_by")


@admin.register(Training)
class TrainingAdmin(ServiceRecordAdmin):
    list_display = ["topic", "held_on", "status"]
    list_filter = ["status"]
    search_fields = ["topic"]
    locked_fields = ("status", "created_by")


@admin.register(CommunicationEntry)
class CommunicationEntryAdmin(ServiceRecordAdmin):
    list_display = ["subject", "direction", "last_performed"]


@admin.register(Resource)
class ResourceAdmin(ServiceRecordAdmin):
    list_display = ["name", "kind", "owner", "next_review"]
    list_select_related = ["owner"]
