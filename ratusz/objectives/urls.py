from django.urls import path

from ratusz.objectives import views

app_name = "objectives"

urlpatterns = [
    path("", views.objective_list, name="list"),
    path("new/", views.objective_create, name="create"),
    path("<int:pk>/", views.objective_detail, name="detail"),
    path("<int:pk>/edit/", views.objective_edit, name="edit"),
    path("<int:pk>/kpis/new/", views.kpi_create, name="kpi_create"),
    path(
        "<int:pk>/<slug:step>/",
        views.objective_step,
        name="step",
    ),
    path("kpis/export.xlsx", views.kpi_export, name="kpi_export"),
    path("kpis/<int:pk>/", views.kpi_detail, name="kpi"),
    path("kpis/<int:pk>/edit/", views.kpi_edit, name="kpi_edit"),
    path("kpis/<int:pk>/measure/", views.kpi_measure, name="kpi_measure"),
    path("kpis/<int:pk>/compute/", views.kpi_compute, name="kpi_compute"),
    path("measurements/<int:pk>/<slug:step>/", views.measurement_step, name="measurement_step"),
]
