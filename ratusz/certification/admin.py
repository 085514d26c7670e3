from django.contrib import admin

from ratusz.certification.models import Certificate, CertificationBody, ExternalAudit
from ratusz.core.admin import ServiceRecordAdmin


@admin.register(CertificationBody)
class CertificationBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "accreditation_body", "accreditation_number"]


@admin.register(Certificate)
class CertificateAdmin(ServiceRecordAdmin):
    list_display = ["number", "standard", "body", "issue_date", "expiry_date", "status"]
    list_filter = ["status", "body"]


@admin.register(ExternalAudit)
class ExternalAuditAdmin(ServiceRecordAdmin):
    list_display = ["kind", "start_date", "end_date", "status", "body"]
    list_filter = ["kind", "status"]
