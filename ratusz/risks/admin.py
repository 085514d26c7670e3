from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin
from ratusz.risks.models import Assessment, Risk, RiskScale


@admin.register(Risk)
class RiskAdmin(ServiceRecordAdmin):
    list_display = [
        "__str__",
        "kind",
        "category",
        "org_unit",
        "residual_level",
        "appetite",
        "status",
    ]
    list_filter = ["kind", "category", "status"]
    search_fields = ["title", "cause", "event", "effect"]
    list_select_related = ["org_unit"]
    # Numbers come from the register's series; levels change only by an assessment.
    locked_fields = (
        "year",
        "number",
        "status",
        "inherent_likelihood",
        "inherent_impact",
        "residual_likelihood",
        "residual_impact",
        "inherent_level",
        "residual_level",
        "assessed_on",
    )


@admin.register(Assessment)
class AssessmentAdmin(ServiceRecordAdmin):
    list_display = ["risk", "assessed_on", "assessed_by", "inherent_level", "residual_level"]
    list_select_related = ["risk", "assessed_by"]


@admin.register(RiskScale)
class RiskScaleAdmin(ServiceRecordAdmin):
    list_display = ["__str__", "appetite"]
