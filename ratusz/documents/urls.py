from django.urls import path

from ratusz.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.document_create, name="create"),
    path("export.xlsx", views.register_export, name="export"),
    path("to-read/", views.to_read, name="to_read"),
    path("records/", views.records, name="records"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/distribution/", views.distribution, name="distribution"),
    path("<int:pk>/v<int:number>/", views.version_detail, name="version"),
    path("<int:pk>/v<int:number>/edit/", views.version_edit, name="version_edit"),
    path("<int:pk>/v<int:number>/files/", views.version_file, name="version_file"),
    path("<int:pk>/v<int:number>/pdf/", views.version_pdf, name="version_pdf"),
    path("<int:pk>/v<int:number>/diff/<int:other>/", views.version_diff, name="version_diff"),
    path("<int:pk>/v<int:number>/<str:step>/", views.version_step, name="version_step"),
    path("<int:pk>/<str:step>/", views.document_step, name="document_step"),
]
