from django.urls import path

from ratusz.certification import views

app_name = "certification"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("readiness/", views.readiness_page, name="readiness"),
    path("evidence/", views.evidence, name="evidence"),
    path("evidence/build/", views.evidence_build, name="evidence_build"),
    path("evidence/<int:pk>/download/", views.evidence_download, name="evidence_download"),
    path("evidence/auditors/<int:pk>/end/", views.external_end, name="external_end"),
    path("certificates/new/", views.certificate_form, name="certificate_create"),
    path("certificates/<int:pk>/edit/", views.certificate_form, name="certificate_edit"),
    path("audits/new/", views.audit_form, name="audit_create"),
    path("audits/<int:pk>/", views.audit_detail, name="audit"),
    path("audits/<int:pk>/edit/", views.audit_form, name="audit_edit"),
]
