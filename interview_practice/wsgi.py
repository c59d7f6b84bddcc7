"""WSGI entry point."""

import json
import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_practice.settings")

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def refuse_nul_in_content_type(app: WSGIApp) -> WSGIApp:
    """Answer 415 to a Content-Type holding a NUL byte: Django fails on it while building
    the request, before any middleware could answer (a 500 with no body we control)."""

    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if "\x00" not in environ.get("CONTENT_TYPE", ""):
            return app(environ, start_response)
        message = "The Content-Type header holds a NUL byte."
        if environ.get("PATH_INFO", "").startswith("/api/"):
            # Imported here: Django is set up by the time a request arrives.
            from sessions_app.exceptions import error_body

            body = json.dumps(error_body("UNSUPPORTED_MEDIA_TYPE", message))
            content_type = "application/json"
        else:
            body, content_type = message, "text/plain; charset=utf-8"
        start_response("415 Unsupported Media Type", [("Content-Type", content_type)])
        return [body.encode()]

    return guarded


application = refuse_nul_in_content_type(get_wsgi_application())
