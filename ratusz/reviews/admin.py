from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin, ServiceRecordInline
from ratusz.reviews.models import Attendance, Decision, Review


class AttendanceInline(ServiceRecordInline):
    model = Attendance
    locked_fields = ("person", "present", "acknowledged_at")


class DecisionInline(ServiceRecordInline):
    model = Decision
    locked_fields = ("number", "kind", "action")


@admin.register(Review)
class ReviewAdmin(ServiceRecordAdmin):
    list_display = ("reference", "planned_date", "chair", "status")
    list_filter = ("status",)
    inlines = [AttendanceInline, DecisionInline]
    locked_fields = (
        "year",
        "number",
        "status",
        "period_start",
        "period_end",
        "invited_at",
        "held_on",
        "snapshot",
        "audit_head",
        "signed_at",
        "distributed_at",
        "created_by",
    )
