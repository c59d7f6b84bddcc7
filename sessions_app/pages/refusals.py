"""The pages' one translation of a :class:`DomainError`, as ``api_exception_handler`` is the
API's: views call services and selectors and never catch a refusal themselves.

- Something that is not there, or not yours (404, 403): the 404 page. A page never tells
  whether someone else's id exists.
- A refusal of what a form sent (``ValidationFailed``, wrong credentials): errors on the
  form, beside the field, with what was typed kept (``form_submit``).
- Any other refusal (retaking while an attempt is in progress, completing twice): its
  message on the page it came from, after a redirect, so reloading sends nothing again.
"""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from sessions_app import error_views
from sessions_app.exceptions import DomainError, InvalidCredentials, ValidationFailed

T = TypeVar("T")

_MISSING = {403, 404}


def refusals_as_messages(redirect_to: str | None = None) -> Callable:
    """Decorate a page view: a refusal becomes a message and a redirect to the URL named
    ``redirect_to``, reversed with the view's own URL arguments (the dashboard if none)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except DomainError as exc:
                if exc.status_code in _MISSING:
                    # The product's own 404 page, with DEBUG on too (where a raised Http404
                    # would show Django's technical page, telling "not yours" from "none").
                    return error_views.error_404(request, Http404())
                messages.error(request, _message(exc))
                if redirect_to is None:
                    return redirect("pages:dashboard")
                return redirect(redirect_to, *args, **kwargs)

        return wrapper

    return decorator


def _message(exc: DomainError) -> str:
    # Outside a form, a field's error is the clearer message ("Choose one of your job
    # postings.") than the generic "Invalid input.".
    if isinstance(exc, ValidationFailed):
        return " ".join(message for errors in exc.extra["fields"].values() for message in errors)
    return exc.message


def form_submit(form: Form, call: Callable[[], T]) -> T | None:
    """``call()``'s result; or, when it refuses the form's own input, ``None`` with the
    refusal put on ``form`` (each field's errors beside it, anything else above the form).
    Other refusals go on to ``refusals_as_messages``."""
    try:
        return call()
    except ValidationFailed as exc:
        for field, errors in exc.extra["fields"].items():
            form.add_error(field if field in form.fields else None, errors)
    except InvalidCredentials as exc:
        form.add_error(None, exc.message)
    return None
