from django.urls import path
from django.views.generic import RedirectView

from ratusz.improvement import views

app_name = "improvement"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="improvement:nc_list"), name="index"),
    path("report/", views.report, name="report"),
    path("nonconformities/", views.nc_list, name="nc_list"),
    path("nonconformities/export.xlsx", views.nc_export, name="nc_export"),
    path("nonconformities/new/", views.nc_create, name="nc_create"),
    path("nonconformities/<int:pk>/", views.nc_detail, name="nc_detail"),
    path("nonconformities/<int:pk>/<str:step>/", views.nc_step, name="nc_step"),
    path("ideas/", views.idea_list, name="idea_list"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea_detail"),
    path("ideas/<int:pk>/<str:step>/", views.idea_step, name="idea_step"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.statistics_export, name="statistics_export"),
]
