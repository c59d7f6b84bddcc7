"""Every check that runs on a request before a view sees it, in the order it runs.

1. ``guard_requests`` wraps the WSGI application (``interview_practice.wsgi``), before Django
   builds a request:
   - a Content-Type with a NUL byte: Django fails on it while building the request, before
     any middleware could answer (415);
   - a multipart body: no field takes a file, and Django would spool file parts to disk
     whatever their size (415);
   - a body over ``REQUEST_BODY_MAX_BYTES``, with or without a Content-Length (413), read
     into memory here so nothing later streams an unbounded body;
   - a body that stalls: under gunicorn each read waits at most ``REQUEST_BODY_TIMEOUT``
     seconds, so a client that stops sending frees its thread (408).
2. ``RequestCharsetMiddleware``: a body in a charset that cannot be decoded, or a form body
   in one other than UTF-8, would raise a 500 at the first read of ``request.POST`` (CSRF,
   a form, a parser): 415.
3. ``QueryStringMiddleware``: a NUL byte in the query string would reach PostgreSQL, which
   refuses it with an error instead of an empty result: 400.

None of these is left to a proxy: the app must answer correctly on its own (gunicorn run
alone, a proxy configured otherwise), and no proxy checks a charset or a NUL byte.
``make serve``'s nginx in front adds what a proxy does well (buffering slow clients; see
``interview_practice/serve.py``). Each refusal answers in the API's error shape under
``/api/`` and as plain text elsewhere.
"""

import codecs
import functools
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse

NUL_MESSAGE = "The Content-Type header holds a NUL byte."
MULTIPART_MESSAGE = "File uploads are not accepted: send JSON or a URL-encoded form."
TOO_LARGE_MESSAGE = "The request body is larger than {limit:,} bytes."
TIMEOUT_MESSAGE = "The request body did not arrive in time."


def _refusal(path: str, *, code: str, message: str) -> tuple[str, bytes]:
    """The content type and body of a refusal answered before any view."""
    if not path.startswith("/api/"):
        return "text/plain; charset=utf-8", message.encode()
    # Imported here: this module is imported by the WSGI entry point before Django is set
    # up, and the error shape's module needs the apps loaded.
    from sessions_app.exceptions import error_body

    return "application/json", json.dumps(error_body(code, message)).encode()


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class BodyTooLarge(Exception):
    pass


def _read_body(environ: dict[str, Any], limit: int) -> bytes:
    stream = environ["wsgi.input"]
    declared = environ.get("CONTENT_LENGTH", "").strip()
    if declared.isdigit():
        if int(declared) > limit:
            raise BodyTooLarge
        return stream.read(int(declared))
    if "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return b""
    # No length announced: one byte past the limit tells a body that is too large.
    body = stream.read(limit + 1)
    if len(body) > limit:
        raise BodyTooLarge
    return body


def _wsgi_refuse(
    environ: dict[str, Any],
    start_response: Callable[..., Any],
    status: str,
    code: str,
    message: str,
) -> Iterable[bytes]:
    content_type, body = _refusal(environ.get("PATH_INFO", ""), code=code, message=message)
    start_response(status, [("Content-Type", content_type)])
    return [body]


def guard_requests(app: WSGIApp, *, max_body_bytes: int, body_timeout: float) -> WSGIApp:
    """Refuse, before the body is read: a Content-Type with a NUL byte (Django fails on it
    while building the request, before any middleware) or multipart (no field takes a
    file), 415; a body over ``max_body_bytes``, 413; a body that stalls, 408."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        content_type = environ.get("CONTENT_TYPE", "")
        if "\x00" in content_type:
            return _wsgi_refuse(
                environ,
                start_response,
                "415 Unsupported Media Type",
                "UNSUPPORTED_MEDIA_TYPE",
                NUL_MESSAGE,
            )
        if content_type.strip().lower().startswith("multipart/"):
            return _wsgi_refuse(
                environ,
                start_response,
                "415 Unsupported Media Type",
                "UNSUPPORTED_MEDIA_TYPE",
                MULTIPART_MESSAGE,
            )
        if (sock := environ.get("gunicorn.socket")) is not None:
            sock.settimeout(body_timeout)
        try:
            body = _read_body(environ, max_body_bytes)
        except BodyTooLarge:
            return _wsgi_refuse(
                environ,
                start_response,
                "413 Content Too Large",
                "REQUEST_TOO_LARGE",
                TOO_LARGE_MESSAGE.format(limit=max_body_bytes),
            )
        except TimeoutError:
            return _wsgi_refuse(
                environ, start_response, "408 Request Timeout", "REQUEST_TIMEOUT", TIMEOUT_MESSAGE
            )
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        response = app(environ, start_response)
        if environ.get("REQUEST_METHOD") == "HEAD":
            # Django writes a HEAD's body as for GET; the headers are the answer (the body
            # would only be dropped, with a warning, by the server).
            response.close()
            return []
        return response

    return guarded


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
    content_type, body = _refusal(request.path, code=code, message=message)
    return HttpResponse(body, status=status, content_type=content_type)


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
            from sessions_app.exceptions import UNREADABLE_REQUEST_MESSAGE

            return _refuse(
                request, code="MALFORMED_REQUEST", message=UNREADABLE_REQUEST_MESSAGE, status=400
            )
        return self.get_response(request)
