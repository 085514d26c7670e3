from django.urls import path

from ratusz.risks import views

app_name = "risks"

urlpatterns = [
    path("", views.risk_list, name="list"),
    path("export.xlsx", views.risk_export, name="export"),
    path("heat-map/", views.heat_map, name="heat_map"),
    path("scale/", views.scale, name="scale"),
    path("report/<int:year>.pdf", views.yearly_report, name="report"),
    path("new/", views.risk_create, name="create"),
    path("changes/", views.change_list, name="change_list"),
    path("changes/new/", views.change_create, name="change_create"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("changes/<int:pk>/edit/", views.change_edit, name="change_edit"),
    path("changes/<int:pk>/<str:step>/", views.change_step, name="change_step"),
    path("<int:pk>/", views.risk_detail, name="detail"),
    path("<int:pk>/edit/", views.risk_edit, name="edit"),
    path("<int:pk>/<str:step>/", views.risk_step, name="step"),
]
