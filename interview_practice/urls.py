from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from sessions_app.api import ApiRootView, api_not_found
from sessions_app.views import LoginView

account_urls = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]

urlpatterns = [
    path("", RedirectView.as_view(url="/api/v1/", permanent=False)),
    path("admin/", admin.site.urls),
    # Named "rest_framework" so the browsable API shows its log-in and log-out links.
    path("accounts/", include((account_urls, "rest_framework"))),
    path("api/v1/", include("sessions_app.api_urls", namespace="api")),
    re_path(r"^api/v1$", ApiRootView.as_view()),
    # Last: whatever under /api no route matched answers JSON, with DEBUG on or off (and
    # before APPEND_SLASH could redirect it).
    re_path(r"^api(?:/.*)?$", api_not_found),
    path("", include("sessions_app.urls")),
]

handler400 = "sessions_app.error_views.error_400"
handler404 = "sessions_app.error_views.error_404"
handler500 = "sessions_app.error_views.error_500"
