"""The residents' pages of the portal, under /public/ (no sign-in)."""

from django.urls import path

from ratusz.feedback import public_views

app_name = "residents"

urlpatterns = [
    path("feedback/", public_views.send, name="send"),
    path("status/", public_views.status, name="status"),
    path("accessibility/", public_views.accessibility, name="accessibility"),
    path("privacy/", public_views.privacy, name="privacy"),
    path("feedback/statistics/", public_views.statistics, name="statistics"),
    path("feedback/statistics.csv", public_views.statistics_csv, name="statistics_csv"),
    path("petitions/", public_views.petitions, name="petitions"),
    path("quality/", public_views.quality, name="quality"),
]
