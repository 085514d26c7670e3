from django.urls import path

from ratusz.audits import views

app_name = "audits"

urlpatterns = [
    path("", views.audit_list, name="list"),
    path("new/", views.audit_create, name="create"),
    path("programme/", views.programme_current, name="programme_current"),
    path("programme/<int:year>/", views.programme, name="programme"),
    path("programme/<int:year>/generate/", views.programme_generate, name="programme_generate"),
    path("programme/<int:year>/items/new/", views.item_create, name="item_create"),
    path("programme/<int:year>/<str:step>/", views.programme_step, name="programme_step"),
    path("programme/items/<int:pk>/", views.item_edit, name="item_edit"),
    path("programme/items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("auditors/", views.auditors, name="auditors"),
    path("auditors/new/", views.auditor_form, name="auditor_create"),
    path("auditors/<int:pk>/", views.auditor_form, name="auditor_edit"),
    path("questions/", views.questions, name="questions"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
    path("<int:pk>/", views.audit_detail, name="detail"),
    path("<int:pk>/edit/", views.audit_edit, name="edit"),
    path("<int:pk>/report.pdf", views.report_pdf, name="report"),
    path("<int:pk>/questions/", views.add_question, name="add_question"),
    path("<int:pk>/checklist/", views.answer_all, name="answer_all"),
    path("<int:pk>/checklist/<int:item_pk>/", views.answer, name="answer"),
    path("<int:pk>/checklist/<int:item_pk>/attach/", views.attach, name="attach"),
    path("<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("<int:pk>/findings/<int:finding_pk>/idea/", views.finding_idea, name="finding_idea"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/<str:step>/", views.audit_step, name="step"),
]
