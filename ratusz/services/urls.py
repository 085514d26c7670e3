from django.urls import path

from ratusz.services import views

app_name = "services"

urlpatterns = [
    path("", views.figures_view, name="figures"),
    path("cards/", views.card_list, name="cards"),
    path("cards/new/", views.card_create, name="card_create"),
    path("cards/<int:pk>/", views.card_detail, name="card"),
    path("cards/<int:pk>/edit/", views.card_edit, name="card_edit"),
    path("cards/<int:pk>/forms/", views.card_form_attach, name="card_form_attach"),
    path(
        "cards/<int:pk>/forms/<int:file>/remove/",
        views.card_form_remove,
        name="card_form_remove",
    ),
    path("cards/<int:pk>/nonconformity/", views.card_nonconformity, name="card_nonconformity"),
    path("import/", views.import_cases, name="import_form"),
    path("imports/", views.import_list, name="imports"),
    path("imports/<int:pk>/", views.import_detail, name="import"),
]
