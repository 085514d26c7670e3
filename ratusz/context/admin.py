from django.contrib import admin

from ratusz.context.models import (
    ClimateDecision,
    ContextIssue,
    ContextReview,
    InterestedParty,
    Requirement,
)
from ratusz.core.admin import ServiceRecordAdmin, ServiceRecordInline


@admin.register(ContextIssue)
class ContextIssueAdmin(ServiceRecordAdmin):
    list_display = ["title", "kind", "category", "owner", "review_date", "is_active"]
    list_filter = ["kind", "category", "is_active"]
    search_fields = ["title", "description", "effect"]
    list_select_related = ["owner"]


class RequirementInline(ServiceRecordInline):
    model = Requirement


@admin.register(InterestedParty)
class InterestedPartyAdmin(ServiceRecordAdmin):
    list_display = ["name", "kind", "owner", "reviewed_on", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "description"]
    inlines = [RequirementInline]
    list_select_related = ["owner"]


@admin.register(ClimateDecision)
class ClimateDecisionAdmin(ServiceRecordAdmin):
    list_display = ["relevant", "decided_on", "decided_by"]


@admin.register(ContextReview)
class ContextReviewAdmin(ServiceRecordAdmin):
    list_display = ["reviewed_on", "reviewed_by"]
