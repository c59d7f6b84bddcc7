"""What the security tests share: a snapshot of every row a request could touch, and the
checks of the API's error shape."""

from django.contrib.auth import get_user_model
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from sessions_app.models import InterviewSession, JobPosting, Question

User = get_user_model()

SNAPSHOT_MODELS = (User, JobPosting, InterviewSession, Question, OutstandingToken, BlacklistedToken)

# A refusal of someone else's object: 403 with the resource's own code, or a 404 that does
# not tell it exists.
REFUSAL_CODES = {
    403: {"UNAUTHORIZED", "PERMISSION_DENIED"},
    404: {"SESSION_NOT_FOUND", "NOT_FOUND"},
}


def db_state() -> dict[str, list[dict]]:
    """Every row of every model a request could write, field by field."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values()) for model in SNAPSHOT_MODELS
    }


def error_detail(response) -> dict:
    """The ``detail`` of an API error, after checking the one error shape."""
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"detail"}, body
    detail = body["detail"]
    assert isinstance(detail, dict), body
    assert isinstance(detail.get("code"), str), body
    assert detail["code"], body
    assert isinstance(detail.get("message"), str), body
    assert detail["message"], body
    return detail


def assert_refused_as_not_yours(response) -> None:
    """403 or 404, in the error shape, with a code that belongs to that status."""
    assert response.status_code in REFUSAL_CODES, (response.status_code, response.content[:300])
    assert error_detail(response)["code"] in REFUSAL_CODES[response.status_code]


def assert_unauthenticated(response, codes=frozenset({"TOKEN_INVALID"})) -> None:
    """401 in the error shape with one of ``codes`` and the Bearer challenge."""
    assert response.status_code == 401, (response.status_code, response.content[:300])
    assert error_detail(response)["code"] in codes
    assert response["WWW-Authenticate"].startswith("Bearer")
