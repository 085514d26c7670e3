from django.urls import path

from ratusz.certification import views

app_name = "certification"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("readiness/", views.readiness_page, name="readiness"),
    path("certificates/new/", views.certificate_form, name="certificate_create"),
    path("certificates/<int:pk>/edit/", views.certificate_form, name="certificate_edit"),
    path("audits/new/", views.audit_form, name="audit_create"),
    path("audits/<int:pk>/", views.audit_detail, name="audit"),
    path("audits/<int:pk>/edit/", views.audit_form, name="audit_edit"),
]
