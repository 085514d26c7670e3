from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin
from ratusz.objectives.models import Kpi, Measurement, Objective


@admin.register(Objective)
class ObjectiveAdmin(ServiceRecordAdmin):
    list_display = ["year", "number", "title", "org_unit", "owner", "status"]
    list_filter = ["year", "status"]
    search_fields = ["title", "description"]
    list_select_related = ["org_unit", "owner"]
    locked_fields = ("year", "number", "status", "approved_by", "approved_at")


@admin.register(Kpi)
class KpiAdmin(ServiceRecordAdmin):
    list_display = ["name", "objective", "unit", "target", "frequency", "owner", "is_active"]
    list_filter = ["frequency", "is_active"]
    search_fields = ["name"]
    list_select_related = ["objective", "owner"]
    locked_fields = ("objective", "source")


@admin.register(Measurement)
class MeasurementAdmin(ServiceRecordAdmin):
    list_display = ["kpi", "period_start", "value", "computed"]
    list_select_related = ["kpi"]
    locked_fields = ("kpi", "period_start", "computed", "entered_by")
