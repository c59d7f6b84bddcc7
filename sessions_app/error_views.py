"""Django's error handlers, for errors raised outside DRF views (a Host header not in
DJANGO_ALLOWED_HOSTS, middleware, URL resolution, a page's 404): API clients get JSON in
the error shape, people get the HTML pages ``templates/404.html`` and ``500.html``."""

from django.http import HttpRequest, HttpResponse
from django.views import defaults

from sessions_app.exceptions import (
    NO_ENDPOINT_MESSAGE,
    SERVER_ERROR_MESSAGE,
    UNREADABLE_REQUEST_MESSAGE,
    api_error_response,
)


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error_response(
        request, code="MALFORMED_REQUEST", message=UNREADABLE_REQUEST_MESSAGE, status=400
    ) or defaults.bad_request(request, exception)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error_response(
        request, code="NOT_FOUND", message=NO_ENDPOINT_MESSAGE, status=404
    ) or defaults.page_not_found(request, exception)


def error_500(request: HttpRequest) -> HttpResponse:
    return api_error_response(
        request, code="SERVER_ERROR", message=SERVER_ERROR_MESSAGE, status=500
    ) or defaults.server_error(request)
