from django.urls import path

from ratusz.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("actions/", views.action_list, name="action_list"),
    path("actions/new/", views.action_create, name="action_create"),
    path("actions/export.xlsx", views.action_export, name="action_export"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/attach/", views.action_attach, name="action_attach"),
    path("actions/<int:pk>/<str:name>/", views.action_transition, name="action_transition"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("clauses/", views.clause_list, name="clauses"),
    path("clauses/<int:pk>/", views.clause_edit, name="clause_edit"),
    path("organisation/", views.org_unit_list, name="org_units"),
    path("organisation/<int:pk>/", views.org_unit_detail, name="org_unit_detail"),
    path("audit-trail/", views.audit_trail, name="audit_trail"),
    path("profile/", views.profile, name="profile"),
    path("profile/calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>/<str:scope>.ics", views.calendar_feed, name="calendar_feed"),
    path("search/", views.search_page, name="search"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job"),
    path("public/", views.public_index, name="public"),
]
