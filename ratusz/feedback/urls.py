from django.urls import path

from ratusz.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.submission_list, name="list"),
    path("export.xlsx", views.submission_export, name="export"),
    path("new/", views.submission_create, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("personal-data/", views.personal_data, name="personal_data"),
    path("<int:pk>/", views.submission_detail, name="detail"),
    path("<int:pk>/files/<int:file_pk>/", views.submission_file, name="file"),
    path("<int:pk>/reply.pdf", views.submission_reply, name="reply_pdf"),
    path("<int:pk>/<slug:step>/", views.submission_step, name="step"),
]
