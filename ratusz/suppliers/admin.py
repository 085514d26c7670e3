from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin, ServiceRecordInline
from ratusz.suppliers.models import (
    Annex,
    Contract,
    Contractor,
    EvaluationCriterion,
    Milestone,
    Penalty,
    PenaltyClause,
)


@admin.register(Contractor)
class ContractorAdmin(ServiceRecordAdmin):
    list_display = ["name", "nip", "regon", "not_recommended"]
    list_filter = ["not_recommended"]
    search_fields = ["name", "nip", "regon"]


class ClauseInline(ServiceRecordInline):
    model = PenaltyClause


class MilestoneInline(ServiceRecordInline):
    model = Milestone
    locked_fields = (
        "planned_on",
        "original_planned_on",
    )


class AnnexInline(ServiceRecordInline):
    model = Annex
    locked_fields = (
        "position",
        "milestone",
        "old_date",
        "new_date",
        "old_value_gross",
    )


@admin.register(Contract)
class ContractAdmin(ServiceRecordAdmin):
    """The register is kept in the app (with its rules); the admin corrects data."""

    list_display = ["reference", "subject", "contractor", "status", "planned_completion"]
    list_filter = ["status", "kind", "procedure", "is_public"]
    search_fields = ["reference", "subject", "contractor__name"]
    list_select_related = ["contractor"]
    locked_fields = (
        "year",
        "number",
        "reference",
        "value_net",
        "value_gross",
        "planned_completion",
        "status",
        "final_accepted_on",
    )
    inlines = [ClauseInline, MilestoneInline, AnnexInline]


@admin.register(Penalty)
class PenaltyAdmin(ServiceRecordAdmin):
    list_display = ["contract", "clause", "event_on", "due", "charged", "waived"]
    list_select_related = ["contract", "clause"]
    locked_fields = (
        "raw",
        "due",
        "capped",
        "charged",
        "waived",
        "decided_by",
        "decision",
    )


@admin.register(EvaluationCriterion)
class EvaluationCriterionAdmin(ServiceRecordAdmin):
    list_display = ["name", "weight", "is_active"]
