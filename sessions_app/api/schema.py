"""The OpenAPI description of the API (drf-spectacular): the one error shape as a shared
component, and each operation's error responses.

Errors that any operation of a kind can give (401 for a signed-in route, 403/404 for an
object's route, 413/415 for a body, 429, ...) are added here, from what the view is; the
errors of one action's own rules are declared beside it with :func:`errors`.
"""

from collections import defaultdict
from typing import Any

from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.permissions import AllowAny

# Every code an error under /api/ can carry, its status and what it means to a client.
ERROR_CODES: dict[str, tuple[int, str]] = {
    "VALIDATION_ERROR": (400, "A field is missing or invalid: `fields` says which and why."),
    "MALFORMED_REQUEST": (400, "The body or the query string could not be read."),
    "SESSION_NOT_COMPLETED": (400, "Session must be completed before retaking."),
    "MISSING_JOB_POSTING": (400, "The session's job posting was deleted: no retake."),
    "SESSION_NOT_ACTIVE": (400, "The session is completed: nothing more to answer."),
    "QUESTIONS_UNANSWERED": (400, "Answer every question before completing."),
    "ALL_QUESTIONS_ANSWERED": (400, "Every question is answered: complete the session."),
    "QUESTION_ALREADY_ANSWERED": (409, "Another answer for a question already answered."),
    "SESSION_HAS_RETAKES": (400, "An original session is deleted only with its retakes."),
    "NOT_AUTHENTICATED": (401, "No credentials: send `Authorization: Bearer <access>`."),
    "TOKEN_INVALID": (401, "The token is invalid, expired, revoked or of the wrong type."),
    "INVALID_CREDENTIALS": (401, "No active account with that username and password."),
    "UNAUTHORIZED": (403, "The session belongs to another user."),
    "PERMISSION_DENIED": (403, "The object belongs to another user."),
    "SESSION_NOT_FOUND": (404, "No session with that id."),
    "NOT_FOUND": (404, "No such object, page or endpoint."),
    "METHOD_NOT_ALLOWED": (405, "The route does not take that method (see `Allow`)."),
    "NOT_ACCEPTABLE": (406, "No representation matches the `Accept` header."),
    "REQUEST_TIMEOUT": (408, "The body stopped arriving before it was complete."),
    "RETAKE_IN_PROGRESS": (
        409,
        "An attempt of the chain is in progress: `active_session_id` and "
        "`active_session_url` name it.",
    ),
    "SCORING_IN_PROGRESS": (
        409,
        "Answers are still being scored: `remaining` of them; retry after `Retry-After`.",
    ),
    "REQUEST_TOO_LARGE": (413, "The body is larger than the API accepts."),
    "UNSUPPORTED_MEDIA_TYPE": (415, "Send JSON (or a URL-encoded form); no file uploads."),
    "THROTTLED": (429, "Too many requests: retry after `Retry-After` seconds."),
    "SERVER_ERROR": (500, "A fault on our side; never a traceback."),
    "SERVICE_UNAVAILABLE": (503, "The database did not answer: retry after `Retry-After`."),
}


ERROR_CODE_CHOICES = list(ERROR_CODES)
# The methods drf-spectacular documents a body for.
BODY_METHODS = ("POST", "PUT", "PATCH")


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.ChoiceField(
        choices=ERROR_CODE_CHOICES,
        help_text="\n".join(
            f"- `{code}` ({status}): {meaning}" for code, (status, meaning) in ERROR_CODES.items()
        ),
    )
    message = serializers.CharField(help_text="For people; the code is for programs.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="VALIDATION_ERROR only: the messages for each field (`non_field_errors` "
        "for the body as a whole).",
    )
    retry_after = serializers.IntegerField(
        required=False, help_text="THROTTLED and SCORING_IN_PROGRESS only: seconds."
    )
    remaining = serializers.IntegerField(
        required=False, help_text="SCORING_IN_PROGRESS only: answers not yet scored."
    )
    active_session_id = serializers.UUIDField(
        required=False, allow_null=True, help_text="RETAKE_IN_PROGRESS only."
    )
    active_session_url = serializers.URLField(
        required=False, allow_null=True, help_text="RETAKE_IN_PROGRESS only."
    )


class ErrorSerializer(serializers.Serializer):
    """The one shape of every error under /api/."""

    detail = ErrorDetailSerializer()


class ErrorResponse(OpenApiResponse):
    """An error response: its codes, listed in its description."""

    def __init__(self, codes: list[str]) -> None:
        self.codes = codes
        super().__init__(response=ErrorSerializer, description=", ".join(codes))


def errors(*codes: str) -> dict[int, ErrorResponse]:
    """Responses for an action's own refusals, grouped by status, for ``extend_schema``."""
    by_status: dict[int, list[str]] = defaultdict(list)
    for code in codes:
        by_status[ERROR_CODES[code][0]].append(code)
    return {status: ErrorResponse(grouped) for status, grouped in by_status.items()}


class ApiAutoSchema(AutoSchema):
    def _has_body(self) -> bool:
        return self.method in BODY_METHODS

    def _success_status(self) -> int:
        if self.method == "DELETE":
            return 204
        return 201 if self._is_create_operation() else 200

    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        if self.method in BODY_METHODS or not self._has_body():
            return super()._get_request_body(direction)
        # drf-spectacular documents bodies on POST, PUT and PATCH only.
        method, self.method = self.method, "POST"
        try:
            return super()._get_request_body(direction)
        finally:
            self.method = method

    def _map_basic_serializer(self, serializer: Any, direction: str) -> dict[str, Any]:
        schema = super()._map_basic_serializer(serializer, direction)
        # A model's fields are all in every response, blank ones too (``company: ""``):
        # required there, whatever a request may leave out.
        if direction == "response" and isinstance(
            force_instance(serializer), serializers.ModelSerializer
        ):
            schema["required"] = sorted(schema["properties"])
        return schema

    def _get_serializer_field_meta(self, field: Any, direction: str) -> dict[str, Any]:
        meta = super()._get_serializer_field_meta(field, direction)
        # A rule the server checks outside the field (the password validators).
        if direction == "request" and (shortest := getattr(field, "schema_min_length", None)):
            meta["minLength"] = shortest
        return meta

    def _common_errors(self) -> list[str]:
        view = self.view
        codes = ["MALFORMED_REQUEST", "NOT_ACCEPTABLE"]
        if view.get_throttles():
            codes.append("THROTTLED")
        codes += ["SERVICE_UNAVAILABLE", "SERVER_ERROR"]
        if not any(isinstance(p, AllowAny) for p in view.get_permissions()):
            codes += ["NOT_AUTHENTICATED", "TOKEN_INVALID"]
        if self._has_body():
            codes += ["REQUEST_TIMEOUT", "REQUEST_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"]
            if self.get_request_serializer() is not None:
                codes.append("VALIDATION_ERROR")
        if "{id}" in self.path:
            permission_codes = [getattr(p, "code", None) for p in view.get_permissions()]
            codes.append(next((c for c in permission_codes if c), "PERMISSION_DENIED"))
            not_found = getattr(view, "not_found_error", None)
            codes.append(not_found.code if not_found else "NOT_FOUND")
        elif getattr(view, "action", None) == "list":
            codes.append("NOT_FOUND")  # a page past the last
            if getattr(view, "filterset_class", None):
                codes.append("VALIDATION_ERROR")
        return codes

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        # extend_schema replaces get_response_serializers (it subclasses this class), so the
        # common errors are merged in here, after whatever the operation declared.
        declared = self.get_response_serializers()
        if not isinstance(declared, dict):
            declared = {self._success_status(): None if self.method == "DELETE" else declared}
        responses: dict[str, Any] = {}
        codes_by_status: dict[int, list[str]] = defaultdict(list)
        for status, response in declared.items():
            if isinstance(response, ErrorResponse):
                codes_by_status[int(status)].extend(response.codes)
            else:
                responses[str(status)] = response
        for code in self._common_errors():
            status = ERROR_CODES[code][0]
            # A status the operation answers with its own body (health's 503) keeps it.
            if str(status) not in responses and code not in codes_by_status[status]:
                codes_by_status[status].append(code)
        for status in sorted(codes_by_status):
            responses[str(status)] = ErrorResponse(codes_by_status[status])
        return {
            status: self._get_response_for_code(response, status, direction=direction)
            for status, response in responses.items()
        }


class DeleteWithBodySchema(ApiAutoSchema):
    """For a DELETE confirmed by a body (the account's password): drf-spectacular
    documents bodies on POST, PUT and PATCH only, which left a generated client no way to
    send it."""

    def _has_body(self) -> bool:
        return super()._has_body() or self.method == "DELETE"


class AccountJWTScheme(SimpleJWTScheme):
    """Our subclass of simplejwt's authentication is the same bearer scheme."""

    target_class = "sessions_app.api.authentication.AccountJWTAuthentication"


def without_slashless_index(endpoints: list, **kwargs: Any) -> list:
    """The index answers at ``/api/v1`` as well as ``/api/v1/``; the schema lists it once."""
    return [endpoint for endpoint in endpoints if endpoint[0] != "/api/v1"]
