from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from ratusz.core import views as core_views
from ratusz.core.api import build_router
from ratusz.core.auth import AdminSignInForm, SignInForm

admin.site.site_header = "Ratusz"
admin.site.site_title = "Ratusz"
admin.site.login_form = AdminSignInForm

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(build_router().urls)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("processes/", include("ratusz.processes.urls")),
    path("services/", include("ratusz.services.urls")),
    path("documents/", include("ratusz.documents.urls")),
    path("improvement/", include("ratusz.improvement.urls")),
    path("audits/", include("ratusz.audits.urls")),
    path("certification/", include("ratusz.certification.urls")),
    path("reviews/", include("ratusz.reviews.urls")),
    path("objectives/", include("ratusz.objectives.urls")),
    path("suppliers/", include("ratusz.suppliers.urls")),
    path("public/investments/", include("ratusz.suppliers.public_urls")),
    path("surveys/", include("ratusz.surveys.urls")),
    path("public/surveys/", include("ratusz.surveys.public_urls")),
    path("public/services/", include("ratusz.services.public_urls")),
    path("context/", include("ratusz.context.urls")),
    path("risks/", include("ratusz.risks.urls")),
    path("feedback/", include("ratusz.feedback.urls")),
    path("public/", include("ratusz.feedback.public_urls")),
    path("competence/", include("ratusz.competence.urls")),
    path("", include("ratusz.core.urls")),
]

handler403 = "ratusz.core.errorviews.forbidden"
handler404 = "ratusz.core.errorviews.not_found"
