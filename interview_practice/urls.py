from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from sessions_app.api import api_not_found

urlpatterns = [
    path("", RedirectView.as_view(url="/api/v1/", permanent=False)),
    path("admin/", admin.site.urls),
    path("accounts/", include("rest_framework.urls")),
    path("api/v1/", include("sessions_app.urls", namespace="api")),
    # Last: whatever under /api/ no route matched answers JSON, with DEBUG on or off.
    re_path(r"^api/", api_not_found),
]

handler404 = "sessions_app.api.error_404"
handler500 = "sessions_app.api.error_500"
