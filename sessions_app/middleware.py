"""Request checks that must run before any view (and CSRF) reads the body."""

import codecs
import functools
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sessions_app.exceptions import api_error_response

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


class RequestCharsetMiddleware:
    """Answer 415 to a body in a charset that cannot be decoded, instead of a 500 from the
    first reader of ``request.POST`` (CSRF, a form, a parser)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        charset = request.content_params.get("charset")
        if charset and not charset_is_decodable(charset):
            message = f'The charset "{charset}" is not supported; send UTF-8.'
            return api_error_response(
                request, code="UNSUPPORTED_MEDIA_TYPE", message=message, status=415
            ) or HttpResponse(message, status=415, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
