from django.urls import path

from ratusz.context import views

app_name = "context"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("climate/", views.climate, name="climate"),
    path("leadership/", views.leadership, name="leadership"),
    path("reviewed/", views.reviewed, name="reviewed"),
    path("issues/", views.issue_list, name="issue_list"),
    path("issues/export.xlsx", views.issue_export, name="issue_export"),
    path("issues/new/", views.issue_create, name="issue_create"),
    path("issues/<int:pk>/", views.issue_detail, name="issue_detail"),
    path("issues/<int:pk>/edit/", views.issue_edit, name="issue_edit"),
    path("parties/", views.party_list, name="party_list"),
    path("parties/export.xlsx", views.party_export, name="party_export"),
    path("parties/new/", views.party_create, name="party_create"),
    path("parties/<int:pk>/", views.party_detail, name="party_detail"),
    path("parties/<int:pk>/edit/", views.party_edit, name="party_edit"),
    path("parties/<int:pk>/<str:step>/", views.party_step, name="party_step"),
]
