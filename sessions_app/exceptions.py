"""Domain errors and the one place that turns any API error into the contract's shape.

Every error under ``/api/`` answers ``{"detail": {"code", "message", ...extra}}``.
Services raise :class:`DomainError` subclasses; views never catch them.
"""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.db import InterfaceError as DatabaseInterfaceError
from django.db import OperationalError as DatabaseOperationalError
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback
from rest_framework_simplejwt.exceptions import InvalidToken

logger = logging.getLogger(__name__)

SERVER_ERROR_MESSAGE = "Something went wrong on our side."
UNREADABLE_REQUEST_MESSAGE = "The request could not be read."
NO_ENDPOINT_MESSAGE = "No API endpoint at this URL."
SERVICE_UNAVAILABLE_MESSAGE = "The service is briefly unavailable; try again in a few seconds."


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The contract's error shape, for the handler and for answers outside DRF views."""
    return {"detail": {"code": code, "message": message, **extra}}


def api_error_response(
    request: HttpRequest, *, code: str, message: str, status: int
) -> JsonResponse | None:
    """The error as JSON if ``request`` is for the API (answered outside any DRF view: by
    middleware or Django's error handlers), else ``None`` for the HTML default."""
    if not request.path.startswith("/api/"):
        return None
    return JsonResponse(error_body(code, message), status=status)


class DomainError(Exception):
    """A refusal the client can act on: a stable ``code``, a human ``message``, a status."""

    status_code: int = status.HTTP_400_BAD_REQUEST
    code: str = "BAD_REQUEST"
    message: str = "The request cannot be carried out."

    def __init__(self, message: str | None = None, **extra: Any) -> None:
        self.message = message or self.message
        self.extra = extra
        super().__init__(self.message)

    def as_body(self) -> dict[str, Any]:
        return error_body(self.code, self.message, **self.extra)


class SessionNotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "SESSION_NOT_FOUND"
    message = "Session not found"


class JobPostingNotFound(DomainError):
    status_code = status.HTTP_404_NOT_FOUND
    code = "NOT_FOUND"
    message = "Job posting not found"


class SessionAccessDenied(DomainError):
    status_code = status.HTTP_403_FORBIDDEN
    code = "UNAUTHORIZED"
    message = "You don't have access to this session"


class SessionNotCompleted(DomainError):
    code = "SESSION_NOT_COMPLETED"
    message = "Session must be completed before retaking"


class MissingJobPosting(DomainError):
    code = "MISSING_JOB_POSTING"
    message = "Cannot retake session without associated job posting"


class SessionNotActive(DomainError):
    code = "SESSION_NOT_ACTIVE"
    message = "Session is already completed"


class QuestionsUnanswered(DomainError):
    code = "QUESTIONS_UNANSWERED"
    message = "Answer every question before completing the session"


class ScoringInProgress(DomainError):
    status_code = status.HTTP_409_CONFLICT
    code = "SCORING_IN_PROGRESS"
    message = "Your answers are still being scored; complete the session in a few seconds"
    retry_after = 5

    def __init__(self, *, remaining: int) -> None:
        super().__init__(remaining=remaining, retry_after=self.retry_after)


class AllQuestionsAnswered(DomainError):
    code = "ALL_QUESTIONS_ANSWERED"
    message = "Every question of this session is already answered"


class QuestionAlreadyAnswered(DomainError):
    """An answer sent for a question that has been answered meanwhile (a form sent twice):
    refused rather than taken as the answer to the next question."""

    status_code = status.HTTP_409_CONFLICT
    code = "QUESTION_ALREADY_ANSWERED"
    message = "That question was already answered; here is where you are now."


class SessionHasRetakes(DomainError):
    code = "SESSION_HAS_RETAKES"
    message = "An original session can only be deleted together with its retakes"


class RetakeInProgress(DomainError):
    status_code = status.HTTP_409_CONFLICT
    code = "RETAKE_IN_PROGRESS"
    message = "An attempt of this session is already in progress"


class TokenInvalid(DomainError):
    status_code = status.HTTP_401_UNAUTHORIZED
    code = "TOKEN_INVALID"
    message = "Token is invalid or expired"


class InvalidCredentials(DomainError):
    status_code = status.HTTP_401_UNAUTHORIZED
    code = "INVALID_CREDENTIALS"
    message = "No active account found with the given credentials"


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "REQUEST_TOO_LARGE"
    default_detail = "The request body is too large."


class ValidationFailed(DomainError):
    """A service-level input error, shaped like a serializer's (``fields``)."""

    code = "VALIDATION_ERROR"
    message = "Invalid input."

    def __init__(self, fields: dict[str, list[str]], message: str | None = None) -> None:
        super().__init__(message, fields=fields)


_DRF_CODES: list[tuple[type[exceptions.APIException], str]] = [
    (exceptions.ValidationError, "VALIDATION_ERROR"),
    (exceptions.ParseError, "MALFORMED_REQUEST"),
    (exceptions.NotAuthenticated, "NOT_AUTHENTICATED"),
    (exceptions.AuthenticationFailed, "NOT_AUTHENTICATED"),
    (exceptions.PermissionDenied, "PERMISSION_DENIED"),
    (exceptions.NotFound, "NOT_FOUND"),
    (exceptions.MethodNotAllowed, "METHOD_NOT_ALLOWED"),
    (exceptions.NotAcceptable, "NOT_ACCEPTABLE"),
    (exceptions.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"),
    (exceptions.Throttled, "THROTTLED"),
]

# simplejwt reports wrong credentials with this code; anything else failing inside its
# authentication (expired, blacklisted, malformed, user gone) means "get a new token".
_INVALID_CREDENTIALS_CODES = {"no_active_account"}
_TOKEN_INVALID_CODES = {
    "token_not_valid",
    "user_not_found",
    "user_inactive",
    "password_changed",
    "bad_authorization_header",
}


def _error_code(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    # Our own permission classes raise with a contract code (``UNAUTHORIZED``); DRF's and
    # simplejwt's codes are lower case.
    if isinstance(codes, str) and codes.isupper():
        return codes
    if isinstance(exc, InvalidToken):
        return "TOKEN_INVALID"
    if isinstance(exc, exceptions.AuthenticationFailed):
        # simplejwt's own AuthenticationFailed carries its code as a value of a dict detail.
        code = str(exc.detail.get("code")) if isinstance(exc.detail, dict) else codes
        if code in _INVALID_CREDENTIALS_CODES:
            return "INVALID_CREDENTIALS"
        if code in _TOKEN_INVALID_CODES:
            return "TOKEN_INVALID"
    for exc_class, code in _DRF_CODES:
        if isinstance(exc, exc_class):
            return code
    return "ERROR"


def _flatten_messages(data: Any) -> list[str] | dict[str, Any]:
    if isinstance(data, dict):
        return {key: _flatten_messages(value) for key, value in data.items()}
    if isinstance(data, list):
        if all(not isinstance(item, dict | list) for item in data):
            return [str(item) for item in data]
        return [_flatten_messages(item) for item in data]
    return [str(data)]


def _validation_detail(exc: exceptions.ValidationError) -> dict[str, Any]:
    data = exc.detail
    fields = (
        _flatten_messages(data)
        if isinstance(data, dict)
        else {"non_field_errors": _flatten_messages(data)}
    )
    return {"code": "VALIDATION_ERROR", "message": "Invalid input.", "fields": fields}


def _api_exception_detail(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        return _validation_detail(exc)
    detail = exc.detail
    if isinstance(detail, dict):
        # simplejwt puts its message under "detail" and token specifics under "messages".
        message = str(detail.get("detail") or detail.get("message") or exc.default_detail)
    elif isinstance(detail, list):
        message = " ".join(str(item) for item in detail) or str(exc.default_detail)
    else:
        message = str(detail)
    body: dict[str, Any] = {"code": _error_code(exc), "message": message}
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after"] = int(exc.wait) + (exc.wait % 1 > 0)
    return body


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    """Answer every exception raised in an API view with the contract's error shape.

    Built on DRF's handler so its headers (``WWW-Authenticate``, ``Retry-After``,
    ``Allow``) and its transaction rollback are kept. A view may name the domain error
    that stands for "not found" (``not_found_error``), so a missing session reads
    ``SESSION_NOT_FOUND`` rather than the generic ``NOT_FOUND``.
    """
    view = context.get("view")
    if isinstance(exc, Http404):
        domain_error = getattr(view, "not_found_error", None)
        on_detail_route = getattr(view, "detail", False)
        exc = domain_error() if domain_error and on_detail_route else exceptions.NotFound()

    if isinstance(exc, DomainError):
        set_rollback()
        body = exc.as_body()
        if "active_session_id" in exc.extra:
            # Beside the id, the link a client (or the browsable API) follows to it.
            active_id = exc.extra["active_session_id"]
            body["detail"]["active_session_url"] = active_id and reverse(
                "api:session-detail", args=[active_id], request=context.get("request")
            )
        response = Response(body, status=exc.status_code)
        if retry_after := exc.extra.get("retry_after"):
            response["Retry-After"] = str(retry_after)
        if exc.status_code == status.HTTP_401_UNAUTHORIZED:
            response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    if isinstance(exc, DatabaseOperationalError | DatabaseInterfaceError):
        # The database cannot be reached or gave up (a restart, a failover): a moment's
        # outage the client may retry, not a fault in the request.
        logger.error("Database unavailable in API view %r", view, exc_info=exc)
        set_rollback()
        return Response(
            error_body("SERVICE_UNAVAILABLE", SERVICE_UNAVAILABLE_MESSAGE),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "5"},
        )

    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ParseError("The request has too many fields or files.")
    elif isinstance(exc, SuspiciousOperation):
        # Django answers these with a plain 400 outside DRF; so do we, in our shape.
        exc = exceptions.ParseError(UNREADABLE_REQUEST_MESSAGE)

    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        response.data = {"detail": _api_exception_detail(exc)}
        return response

    # Anything else is a bug: log it with its traceback, roll back, and tell the client
    # nothing about the internals.
    logger.error("Unhandled error in API view %r", view, exc_info=exc)
    set_rollback()
    return Response(
        error_body("SERVER_ERROR", SERVER_ERROR_MESSAGE),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
