from django.urls import path

from ratusz.services import public_views

app_name = "public_services"

urlpatterns = [
    path("", public_views.catalogue, name="catalogue"),
    path("<int:pk>/", public_views.card, name="card"),
    path("<int:pk>/forms/<int:file>/", public_views.form_download, name="form"),
]
