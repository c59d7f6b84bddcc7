"""WSGI entry point, behind guards for what must be refused before Django reads a body.

Django streams a body only when something reads it, and a multipart body's file parts go
to the temporary directory whatever their size (its size limits count the other fields).
So every body is read here first, into memory and at most ``REQUEST_BODY_MAX_BYTES`` of
it, with or without a Content-Length (chunked); under gunicorn each read waits at most
``REQUEST_BODY_TIMEOUT`` seconds, so a client that stops sending frees its thread.
"""

import io
import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_practice.settings")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

NUL_MESSAGE = "The Content-Type header holds a NUL byte."
MULTIPART_MESSAGE = "File uploads are not accepted: send JSON or a URL-encoded form."
TOO_LARGE_MESSAGE = "The request body is larger than {limit:,} bytes."
TIMEOUT_MESSAGE = "The request body did not arrive in time."


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


def _refusal(
    environ: dict[str, Any],
    start_response: Callable[..., Any],
    status: str,
    code: str,
    message: str,
) -> Iterable[bytes]:
    if environ.get("PATH_INFO", "").startswith("/api/"):
        # Imported here: Django is set up by the time a request arrives.
        from sessions_app.exceptions import error_body

        body = json.dumps(error_body(code, message))
        content_type = "application/json"
    else:
        body, content_type = message, "text/plain; charset=utf-8"
    start_response(status, [("Content-Type", content_type)])
    return [body.encode()]


def guard_requests(app: WSGIApp, *, max_body_bytes: int, body_timeout: float) -> WSGIApp:
    """Refuse, before the body is read: a Content-Type with a NUL byte (Django fails on it
    while building the request, before any middleware) or multipart (no field takes a
    file), 415; a body over ``max_body_bytes``, 413; a body that stalls, 408."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        content_type = environ.get("CONTENT_TYPE", "")
        if "\x00" in content_type:
            return _refusal(
                environ,
                start_response,
                "415 Unsupported Media Type",
                "UNSUPPORTED_MEDIA_TYPE",
                NUL_MESSAGE,
            )
        if content_type.strip().lower().startswith("multipart/"):
            return _refusal(
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
            return _refusal(
                environ,
                start_response,
                "413 Content Too Large",
                "REQUEST_TOO_LARGE",
                TOO_LARGE_MESSAGE.format(limit=max_body_bytes),
            )
        except TimeoutError:
            return _refusal(
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


application = guard_requests(
    get_wsgi_application(),
    max_body_bytes=settings.REQUEST_BODY_MAX_BYTES,
    body_timeout=settings.REQUEST_BODY_TIMEOUT,
)
