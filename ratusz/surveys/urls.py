from django.urls import path

from ratusz.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/copy/", views.survey_copy, name="copy"),
    path("<int:pk>/results/", views.survey_results, name="results"),
    path("<int:pk>/results.xlsx", views.results_export, name="export"),
    path("<int:pk>/paper/", views.paper_answer, name="paper"),
    path("<int:pk>/questions/new/", views.question_add, name="question_add"),
    path("<int:pk>/questions/<int:qid>/edit/", views.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:qid>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/questions/<int:qid>/move/", views.question_move, name="question_move"),
    path("<int:pk>/<slug:step>/", views.survey_step, name="step"),
]
