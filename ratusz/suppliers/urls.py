from django.urls import path

from ratusz.suppliers import views

app_name = "suppliers"

urlpatterns = [
    path("", views.contract_list, name="list"),
    path("contracts/new/", views.contract_create, name="contract_create"),
    path("contracts/import/", views.contract_import, name="contract_import"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract"),
    path("contracts/<int:pk>/edit/", views.contract_edit, name="contract_edit"),
    path("contracts/<int:pk>/penalties.xlsx", views.ledger_xlsx, name="ledger_xlsx"),
    path("contracts/<int:pk>/<slug:step>/", views.contract_step, name="contract_step"),
    path("penalties/<int:pk>/<slug:step>/", views.penalty_step, name="penalty_step"),
    path("contractors/", views.contractor_list, name="contractors"),
    path("contractors/new/", views.contractor_create, name="contractor_create"),
    path("contractors/<int:pk>/", views.contractor_detail, name="contractor"),
    path("contractors/<int:pk>/edit/", views.contractor_edit, name="contractor_edit"),
    path("criteria/", views.criteria, name="criteria"),
    path("thresholds/", views.thresholds, name="thresholds"),
]
