from django.urls import path

from ratusz.competence import views

app_name = "competence"

urlpatterns = [
    path("", views.matrix, name="matrix"),
    path("export.xlsx", views.matrix_export, name="matrix_export"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/place/", views.person_place, name="person_place"),
    path("people/<int:pk>/records/new/", views.record_create, name="record_create"),
    path("people/<int:pk>/plan/", views.plan_for_person, name="plan_person"),
    path("people/<int:pk>/induction/", views.induction_add, name="induction_add"),
    path("induction/<int:pk>/done/", views.induction_done, name="induction_done"),
    path("records/<int:pk>/", views.record_edit, name="record"),
    path("competences/", views.competence_list, name="competences"),
    path("competences/new/", views.competence_create, name="competence_create"),
    path("competences/<int:pk>/", views.competence_edit, name="competence_edit"),
    path("positions/", views.position_list, name="positions"),
    path("positions/new/", views.position_create, name="position_create"),
    path("positions/<int:pk>/", views.position_detail, name="position"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("plan/", views.plan, name="plan"),
    path("plan/gaps/", views.plan_gaps, name="plan_gaps"),
    path("trainings/", views.training_list, name="trainings"),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training"),
    path("trainings/<int:pk>/attendance/", views.training_attendance, name="attendance"),
    path("attendances/<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("awareness/", views.awareness, name="awareness"),
    path("communication/", views.communication, name="communication"),
    path("communication/new/", views.communication_create, name="communication_create"),
    path("communication/<int:pk>/", views.communication_edit, name="communication_edit"),
    path("resources/", views.resource_list, name="resources"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/<int:pk>/", views.resource_detail, name="resource"),
    path("self-assessment/", views.assessment_list, name="assessments"),
    path("self-assessment/new/", views.assessment_create, name="assessment_create"),
    path("self-assessment/<int:pk>/", views.assessment_detail, name="assessment"),
    path("self-assessment/<int:pk>/answer/", views.assessment_answer, name="assessment_answer"),
    path("self-assessment/<int:pk>/close/", views.assessment_close, name="assessment_close"),
    path("self-assessment/<int:pk>/summary.pdf", views.assessment_pdf, name="assessment_pdf"),
    path("self-assessment/<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("self-assessment/questions/<int:pk>/", views.question_edit, name="question_edit"),
    path(
        "self-assessment/questions/<int:pk>/action/", views.weakness_action, name="weakness_action"
    ),
    path("self-assessment/questions/<int:pk>/risk/", views.weakness_risk, name="weakness_risk"),
]
