from django.urls import path

from ratusz.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("new/", views.review_create, name="create"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.review_edit, name="edit"),
    path("<int:pk>/pack.pdf", views.review_pack, name="pack"),
    path("<int:pk>/<str:step>/", views.review_step, name="step"),
]
