"""Django's error handlers, for errors raised outside DRF views (a Host header not in
DJANGO_ALLOWED_HOSTS, middleware, URL resolution, a page's 404, the pages and the admin
failing): API clients get JSON in the error shape, people get the HTML pages
``templates/404.html``, ``500.html`` and, while the database cannot be reached, ``503.html``."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

from sessions_app.exceptions import (
    NO_ENDPOINT_MESSAGE,
    SERVER_ERROR_MESSAGE,
    SERVICE_UNAVAILABLE_MESSAGE,
    UNREADABLE_REQUEST_MESSAGE,
    api_error_response,
)

RETRY_AFTER_SECONDS = 5


def error_400(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error_response(
        request, code="MALFORMED_REQUEST", message=UNREADABLE_REQUEST_MESSAGE, status=400
    ) or defaults.bad_request(request, exception)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return api_error_response(
        request, code="NOT_FOUND", message=NO_ENDPOINT_MESSAGE, status=404
    ) or defaults.page_not_found(request, exception)


def error_500(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is still the current one.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return _service_unavailable(request)
    return api_error_response(
        request, code="SERVER_ERROR", message=SERVER_ERROR_MESSAGE, status=500
    ) or defaults.server_error(request)


def _service_unavailable(request: HttpRequest) -> HttpResponse:
    """The database is down or restarting: a moment's outage to retry, not a fault. The page
    is rendered without the request, whose user and messages would need the database."""
    response = api_error_response(
        request, code="SERVICE_UNAVAILABLE", message=SERVICE_UNAVAILABLE_MESSAGE, status=503
    ) or HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
