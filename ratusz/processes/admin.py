from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin
from ratusz.processes.models import Process


@admin.register(Process)
class ProcessAdmin(ServiceRecordAdmin):
    """The process map is kept in the app (with its rules); the admin corrects data."""

    list_display = ["code", "name", "kind", "owner_unit", "owner", "risk", "is_active"]
    list_filter = ["kind", "risk", "is_active"]
    search_fields = ["code", "name", "description"]
    autocomplete_fields = ["owner"]
    filter_horizontal = ["clauses"]
    list_select_related = ["owner_unit", "owner"]
