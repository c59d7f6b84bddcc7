from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from sessions_app.api.views import api_not_found, api_root
from sessions_app.pages import views as pages

account_urls = [
    path("login/", pages.LoginView.as_view(), name="login"),
    path("logout/", pages.LogoutView.as_view(), name="logout"),
    path("signup/", pages.signup, name="signup"),
    path("password-reset/", pages.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        pages.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("account/", pages.account, name="account"),
    path("account/password/", pages.PasswordChangeView.as_view(), name="password_change"),
    path("account/email/", pages.account_email, name="account_email"),
    path("account/export/", pages.account_export, name="account_export"),
    path("account/delete/", pages.account_delete, name="account_delete"),
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
