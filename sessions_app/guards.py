"""Request checks that must run before any view (and CSRF) reads the body, and what every
page answer gets."""

import codecs
import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from sessions_app.exceptions import UNREADABLE_REQUEST_MESSAGE, api_error_response

# Every byte value: idna and "undefined" refuse errors="replace" and punycode raises on
# non-ASCII, while a text codec that can decode anything decodes this.
_PROBE = bytes(range(256))


@functools.lru_cache(maxsize=64)
def charset_is_decodable(charset: str) -> bool:
    """Whether Django and DRF can decode a body declared in ``charset`` without raising.

    An unknown name is fine (Django then falls back to UTF-8); a known codec that is not a
    text encoding (``rot13``, ``hex``) or that raises on some input is not.
    """
    try:
        info = codecs.lookup(charset)
    except LookupError:
        return True
    if not getattr(info, "_is_text_encoding", True):
        return False
    try:
        _PROBE.decode(charset, "replace")
    except (UnicodeError, ValueError):
        return False
    return True


def _refuse(request: HttpRequest, *, code: str, message: str, status: int) -> HttpResponse:
    """A refusal before any view: in the error shape under ``/api/``, plain text else."""
    return api_error_response(request, code=code, message=message, status=status) or HttpResponse(
        message, status=status, content_type="text/plain; charset=utf-8"
    )


class RequestCharsetMiddleware:
    """Answer 415 to a body in a charset that cannot be decoded, or to a form body in one
    other than UTF-8, instead of a 500 from the first reader of ``request.POST`` (CSRF, a
    form, a parser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = request.content_params.get("charset")
        # Django reads a form body only as UTF-8, and raises for any other charset it knows
        # (even "utf8") on every read of request.POST, its own error pages' reads included.
        # (The API parses forms itself, in their declared charset.)
        form_not_utf8 = (
            not request.path.startswith("/api/")
            and request.content_type == "application/x-www-form-urlencoded"
            and request.encoding is not None
            and request.encoding.lower() != "utf-8"
        )
        if form_not_utf8 or (charset and not charset_is_decodable(charset)):
            message = f'The charset "{charset}" is not supported; send UTF-8.'
            return _refuse(request, code="UNSUPPORTED_MEDIA_TYPE", message=message, status=415)
        return self.get_response(request)


class QueryStringMiddleware:
    """Answer 400 to a query string with a NUL byte (``%00``): no text column can hold one,
    and PostgreSQL refuses the query it would end up in (a filter, a search) with an error
    instead of an empty result."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "%00" in request.META.get("QUERY_STRING", ""):
            return _refuse(
                request, code="MALFORMED_REQUEST", message=UNREADABLE_REQUEST_MESSAGE, status=400
            )
        return self.get_response(request)


def _is_page(request: HttpRequest) -> bool:
    # The API answers in its own error shape; the admin is Django's own.
    return not request.path.startswith(("/api/", "/admin/", "/static/"))


class PagesMiddleware:
    """What every page answer gets that a view should not have to remember:

    - a page for people when a URL is opened with a method it does not take (a bookmarked
      form action, a login's ``?next=`` to a button's URL), instead of an empty 405;
    - ``Cache-Control: private, no-store`` on pages for a signed-in user, so their answers
      are not kept by a shared cache or shown again from history after logging out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not _is_page(request):
            return response
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response["Allow"]
            response = page
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
