from django.urls import path

from ratusz.suppliers import public_views

app_name = "investments"

urlpatterns = [
    path("", public_views.investments, name="list"),
    path("investments.csv", public_views.investments_csv, name="csv"),
]
