from django.urls import re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from sessions_app.api import views as api


class OptionalSlashRouter(DefaultRouter):
    """Every route answers with and without its trailing slash, without a redirect (a
    redirected POST loses its body in most clients). No ``.json`` suffix routes: content
    negotiation uses the Accept header only."""

    include_format_suffixes = False
    include_root_view = False

    def __init__(self) -> None:
        super().__init__()
        self.trailing_slash = "/?"


router = OptionalSlashRouter()
router.register("job-postings", api.JobPostingViewSet, basename="job-posting")
router.register("sessions", api.SessionViewSet, basename="session")

urlpatterns = [
    re_path(r"^$", api.api_root, name="root"),
    re_path(r"^auth/register/?$", api.RegisterView.as_view(), name="auth-register"),
    re_path(r"^auth/token/?$", api.TokenObtainView.as_view(), name="auth-token"),
    re_path(r"^auth/token/refresh/?$", api.TokenRefreshView.as_view(), name="auth-token-refresh"),
    re_path(r"^auth/logout/?$", api.LogoutView.as_view(), name="auth-logout"),
    re_path(r"^auth/me/?$", api.MeView.as_view(), name="auth-me"),
    re_path(r"^auth/me/export/?$", api.MeExportView.as_view(), name="auth-me-export"),
    re_path(r"^health/?$", api.HealthView.as_view(), name="health"),
    re_path(r"^schema/?$", SpectacularAPIView.as_view(), name="schema"),
    re_path(r"^docs/?$", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]

app_name = "api"
