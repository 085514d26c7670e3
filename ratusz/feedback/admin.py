from django.contrib import admin

from ratusz.core.admin import ServiceRecordAdmin
from ratusz.feedback.models import Submission


@admin.register(Submission)
class SubmissionAdmin(ServiceRecordAdmin):
    """The register is kept in the app (with its deadlines); the admin corrects data."""

    list_display = ["__str__", "kind", "status", "received_on", "deadline"]
    list_filter = ["kind", "status", "channel"]
    search_fields = ["subject"]
    list_select_related = ["org_unit"]
    locked_fields = [
        "year",
        "number",
        "status",
        "statutory_deadline",
        "deadline",
        "clock_from",
        "outcome",
        "reply_sha256",
        "reply_sent_on",
        "closed_on",
        "code_hash",
        "anonymised_on",
    ]
