from django.urls import path

from ratusz.surveys import public_views

app_name = "public_surveys"

urlpatterns = [
    path("", public_views.survey_index, name="list"),
    path("<int:pk>/", public_views.survey_answer, name="answer"),
    path("<int:pk>/thanks/", public_views.survey_thanks, name="thanks"),
    path("<int:pk>/results/", public_views.survey_results, name="results"),
]
