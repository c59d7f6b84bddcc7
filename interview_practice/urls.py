from django.contrib import admin
from django.urls import include, path, re_path

from sessions_app.api.views import api_not_found, api_root
from sessions_app.pages.views import LoginView, LogoutView, signup

account_urls = [
    path("login/", LoginView.as_view(), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
    path("signup/", signup, name="signup"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include((account_urls, "accounts"))),
    # The same routes again under the name the browsable API reverses for its log-in and
    # log-out links.
    path("accounts/", include((account_urls, "rest_framework"))),
    path("api/v1/", include("sessions_app.api.urls", namespace="api")),
    # The same view object as the index's: the browsable API's breadcrumbs show it once.
    re_path(r"^api/v1$", api_root),
    # Whatever under /api no route matched answers JSON, with DEBUG on or off (and before
    # APPEND_SLASH could redirect it).
    re_path(r"^api(?:/.*)?$", api_not_found),
    path("", include("sessions_app.pages.urls")),
]

handler400 = "sessions_app.error_views.error_400"
handler404 = "sessions_app.error_views.error_404"
handler500 = "sessions_app.error_views.error_500"
