"""Bearer and refresh tokens: whatever is wrong with one (forged, tampered, expired, of the
wrong type, with claims of the wrong shape, a malformed header), the answer is 401 with the
Bearer challenge, never a 500, and nothing is written."""

import base64
import json
import time
import uuid
from datetime import timedelta

import jwt
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken
from rest_framework_simplejwt.utils import get_md5_hash_password

from sessions_app.tests.factories import (
    DEFAULT_PASSWORD,
    InterviewSessionFactory,
    UserFactory,
)
from sessions_app.tests.security.support import assert_unauthenticated, db_state

pytestmark = pytest.mark.django_db

HEADER_CODES = frozenset({"TOKEN_INVALID", "NOT_AUTHENTICATED"})


# Building tokens ------------------------------------------------------------------------


def _claims(user, token_type="access") -> dict:  # noqa: S107 - a claim, not a password
    now = int(time.time())
    return {
        "token_type": token_type,
        "exp": now + 600,
        "iat": now,
        "jti": uuid.uuid4().hex,
        "user_id": str(user.pk),
        "hash_password": get_md5_hash_password(user.password),
    }


def _sign(claims, key=None, algorithm="HS256") -> str:
    """A token signed with the real key (the one simplejwt uses) unless told otherwise."""
    return jwt.encode(claims, settings.SECRET_KEY if key is None else key, algorithm=algorithm)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _with_payload(token: str, change) -> str:
    """``token`` with its payload changed and its original signature kept."""
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(claims)
    return ".".join([header, _b64(json.dumps(claims).encode()), signature])


def _unsigned(claims) -> str:
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{_b64(json.dumps(claims).encode())}."


def _expired_access(user) -> str:
    token = AccessToken.for_user(user)
    token["exp"] = int((timezone.now() - timedelta(minutes=1)).timestamp())
    return str(token)


def _expired_refresh(user) -> str:
    token = RefreshToken.for_user(user)  # outstanding, so only the expiry is wrong
    token["exp"] = int((timezone.now() - timedelta(minutes=1)).timestamp())
    return str(token)


def _of_deactivated(user) -> str:
    token = str(AccessToken.for_user(user))
    user.is_active = False
    user.save(update_fields=["is_active"])
    return token


def _of_deleted() -> str:
    user = UserFactory(username="gone")
    token = str(AccessToken.for_user(user))
    user.delete()
    return token


def _drop(name):
    return lambda claims: claims.pop(name)


def _set(name, value):
    return lambda claims: claims.__setitem__(name, value(claims) if callable(value) else value)


# Claims of the wrong shape, each in a token signed with the real key.
MALFORMED_CLAIMS = [
    pytest.param(_set("exp", "tomorrow"), id="exp-a-word"),
    pytest.param(_set("exp", lambda c: str(c["exp"])), id="exp-a-string-of-digits"),
    pytest.param(_set("exp", lambda c: [c["exp"]]), id="exp-a-list"),
    pytest.param(_set("exp", 10**12), id="exp-after-the-year-9999"),
    pytest.param(_drop("exp"), id="exp-missing"),
    pytest.param(_set("user_id", "abc"), id="user_id-abc"),
    pytest.param(_set("user_id", lambda c: [c["user_id"]]), id="user_id-a-list"),
    pytest.param(_set("user_id", lambda c: {"id": c["user_id"]}), id="user_id-an-object"),
    pytest.param(_set("user_id", "99999999999999999999999"), id="user_id-out-of-range"),
    pytest.param(_set("user_id", "-1"), id="user_id-negative"),
    pytest.param(_drop("user_id"), id="user_id-missing"),
    pytest.param(_drop("token_type"), id="token_type-missing"),
    pytest.param(_set("token_type", 1), id="token_type-a-number"),
    pytest.param(_set("jti", 12345), id="jti-a-number"),
    pytest.param(_drop("jti"), id="jti-missing"),
    pytest.param(_set("iat", "yesterday"), id="iat-a-string"),
]


# Access tokens --------------------------------------------------------------------------


@pytest.fixture
def completed(alice):
    return InterviewSessionFactory(job_posting__owner=alice, completed=True)


ENDPOINTS = [
    pytest.param("get", lambda s: reverse("api:auth-me"), id="me"),
    pytest.param("post", lambda s: reverse("api:session-retake", args=[s.pk]), id="retake"),
]


def _send(method, url, authorization):
    client = APIClient()
    return getattr(client, method)(url, HTTP_AUTHORIZATION=authorization)


BAD_ACCESS_TOKENS = [
    pytest.param(
        lambda u, other: _with_payload(
            str(AccessToken.for_user(u)), _set("user_id", str(other.pk))
        ),
        id="tampered-user_id",
    ),
    pytest.param(
        lambda u, other: _with_payload(
            str(AccessToken.for_user(u)), _set("exp", lambda c: c["exp"] + 86400)
        ),
        id="tampered-exp",
    ),
    pytest.param(
        lambda u, other: _sign(_claims(u), key="another-key-" + "x" * 40), id="another-key"
    ),
    pytest.param(
        lambda u, other: _sign(_claims(u), algorithm="HS512"),
        id="real-key-but-HS512",
        # The test key is shorter than PyJWT recommends for HS512; what it signs is the point.
        marks=pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning"),
    ),
    pytest.param(lambda u, other: _unsigned(_claims(u)), id="alg-none"),
    pytest.param(lambda u, other: _expired_access(u), id="expired"),
    pytest.param(lambda u, other: str(RefreshToken.for_user(u)), id="refresh-as-access"),
    pytest.param(lambda u, other: "not-a-token", id="garbage"),
    pytest.param(lambda u, other: str(AccessToken.for_user(u))[:-4], id="truncated"),
    pytest.param(lambda u, other: _of_deactivated(other), id="account-deactivated"),
    pytest.param(lambda u, other: _of_deleted(), id="account-deleted"),
]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
@pytest.mark.parametrize("token", BAD_ACCESS_TOKENS)
def test_a_bad_access_token_is_401_token_invalid_and_changes_nothing(
    alice, bob, completed, method, url, token
):
    authorization = f"Bearer {token(alice, bob)}"
    before = db_state()

    response = _send(method, url(completed), authorization)

    assert_unauthenticated(response)
    assert db_state() == before


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
@pytest.mark.parametrize("change", MALFORMED_CLAIMS)
def test_an_access_token_with_malformed_claims_is_401_token_invalid_never_500(
    alice, completed, method, url, change
):
    claims = _claims(alice)
    change(claims)
    authorization = f"Bearer {_sign(claims)}"
    before = db_state()

    response = _send(method, url(completed), authorization)

    assert_unauthenticated(response)
    assert db_state() == before


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        pytest.param("get", lambda s: reverse("api:auth-me"), 200, id="me"),
        pytest.param(
            "post", lambda s: reverse("api:session-retake", args=[s.pk]), 201, id="retake"
        ),
    ],
)
def test_a_well_formed_token_built_the_same_way_is_accepted(alice, completed, method, url, status):
    # The control: the malformed tokens above are refused for their one wrong claim.
    response = _send(method, url(completed), f"Bearer {_sign(_claims(alice))}")

    assert response.status_code == status, response.content[:300]


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
@pytest.mark.parametrize(
    "header",
    [
        pytest.param(lambda t: "Bearer", id="bearer-without-token"),
        pytest.param(lambda t: "Bearer ", id="bearer-and-a-space"),
        pytest.param(lambda t: f"Bearer {t} {t}", id="two-tokens"),
        pytest.param(lambda t: f"Bearer {t}, Bearer {t}", id="two-bearer-credentials"),
        # A WSGI server hands header bytes on as latin-1: here the UTF-8 bytes of "tökén".
        pytest.param(
            lambda t: "Bearer " + "tökén".encode().decode("latin-1"), id="non-ascii-bytes"
        ),
        pytest.param(
            lambda t: f"Bearer {t}" + "é".encode().decode("latin-1"),
            id="valid-token-then-non-ascii-bytes",
        ),
        pytest.param(lambda t: "Bearer \x00", id="nul-byte"),
    ],
)
def test_a_malformed_authorization_header_is_401_with_the_bearer_challenge(
    alice, completed, method, url, header
):
    authorization = header(str(AccessToken.for_user(alice)))
    before = db_state()

    response = _send(method, url(completed), authorization)

    assert_unauthenticated(response, codes=HEADER_CODES)
    assert db_state() == before


# Refresh tokens -------------------------------------------------------------------------


def _outstanding(claims, user) -> str:
    """Sign ``claims`` with the real key and record the token as issued, as simplejwt
    does, so a refusal comes from its claims and not from never having been issued."""
    token = _sign(claims)
    OutstandingToken.objects.create(
        user=user,
        jti=str(claims.get("jti", uuid.uuid4().hex)),
        token=token,
        created_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=1),
    )
    return token


REFRESH_ROUTES = [
    pytest.param("api:auth-token-refresh", id="refresh"),
    pytest.param("api:auth-logout", id="logout"),
]


def _post_refresh(name, refresh):
    return APIClient().post(reverse(name), {"refresh": refresh}, format="json")


@pytest.mark.parametrize("name", REFRESH_ROUTES)
@pytest.mark.parametrize("change", MALFORMED_CLAIMS)
def test_a_refresh_token_with_malformed_claims_is_401_token_invalid_never_500(alice, name, change):
    claims = _claims(alice, token_type="refresh")
    change(claims)
    refresh = _outstanding(claims, alice)
    before = db_state()

    response = _post_refresh(name, refresh)

    assert_unauthenticated(response)
    assert db_state() == before


@pytest.mark.parametrize(
    ("name", "status"), [("api:auth-token-refresh", 200), ("api:auth-logout", 204)]
)
def test_a_well_formed_outstanding_refresh_token_built_the_same_way_is_accepted(
    alice, name, status
):
    refresh = _outstanding(_claims(alice, token_type="refresh"), alice)

    response = _post_refresh(name, refresh)

    assert response.status_code == status, response.content[:300]


BAD_REFRESH_TOKENS = [
    pytest.param(
        lambda u, other: _with_payload(
            str(RefreshToken.for_user(u)), _set("user_id", str(other.pk))
        ),
        id="tampered-user_id",
    ),
    pytest.param(
        lambda u, other: _sign(_claims(u, token_type="refresh"), key="another-key-" + "x" * 40),
        id="another-key",
    ),
    pytest.param(lambda u, other: _unsigned(_claims(u, token_type="refresh")), id="alg-none"),
    pytest.param(lambda u, other: _expired_refresh(u), id="expired"),
    pytest.param(lambda u, other: str(AccessToken.for_user(u)), id="access-as-refresh"),
    pytest.param(lambda u, other: _sign(_claims(u, token_type="refresh")), id="never-issued"),
    pytest.param(lambda u, other: "not-a-token", id="garbage"),
]


@pytest.mark.parametrize("name", REFRESH_ROUTES)
@pytest.mark.parametrize("token", BAD_REFRESH_TOKENS)
def test_a_bad_refresh_token_is_401_token_invalid_and_changes_nothing(alice, bob, name, token):
    refresh = token(alice, bob)
    before = db_state()

    response = _post_refresh(name, refresh)

    assert_unauthenticated(response)
    assert db_state() == before


def _sign_in(user) -> dict:
    response = APIClient().post(
        reverse("api:auth-token"),
        {"username": user.username, "password": DEFAULT_PASSWORD},
        format="json",
    )
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.mark.parametrize("name", REFRESH_ROUTES)
def test_a_rotated_refresh_token_is_refused_on_reuse(alice, name):
    refresh = _sign_in(alice)["refresh"]
    rotated = _post_refresh("api:auth-token-refresh", refresh)
    assert rotated.status_code == 200, rotated.content[:300]

    response = _post_refresh(name, refresh)

    assert_unauthenticated(response)


def test_reusing_a_rotated_refresh_token_ends_its_whole_family(alice):
    refresh = _sign_in(alice)["refresh"]
    rotated = _post_refresh("api:auth-token-refresh", refresh).json()["refresh"]

    _post_refresh("api:auth-token-refresh", refresh)

    assert_unauthenticated(_post_refresh("api:auth-token-refresh", rotated))


def test_reusing_a_rotated_refresh_token_leaves_other_sign_ins_alone(alice):
    refresh = _sign_in(alice)["refresh"]
    elsewhere = _sign_in(alice)["refresh"]
    _post_refresh("api:auth-token-refresh", refresh)

    _post_refresh("api:auth-token-refresh", refresh)

    assert _post_refresh("api:auth-token-refresh", elsewhere).status_code == 200


def test_the_refresh_token_a_rotation_issued_still_works(alice):
    refresh = _sign_in(alice)["refresh"]
    rotated = _post_refresh("api:auth-token-refresh", refresh).json()

    response = _post_refresh("api:auth-token-refresh", rotated["refresh"])

    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("name", REFRESH_ROUTES)
def test_a_refresh_token_is_refused_after_logout(alice, name):
    refresh = _sign_in(alice)["refresh"]
    logout = _post_refresh("api:auth-logout", refresh)
    assert logout.status_code == 204, logout.content[:300]
    before = db_state()

    response = _post_refresh(name, refresh)

    assert_unauthenticated(response)
    assert db_state() == before


def _password_changed(user) -> None:
    user.set_password("a-new-passphrase-for-alice-42")
    user.save(update_fields=["password"])


def test_an_access_token_from_before_a_password_change_is_refused(alice):
    access = _sign_in(alice)["access"]
    _password_changed(alice)

    response = _send("get", reverse("api:auth-me"), f"Bearer {access}")

    assert_unauthenticated(response)


def test_a_refresh_token_from_before_a_password_change_is_refused(alice):
    refresh = _sign_in(alice)["refresh"]
    _password_changed(alice)

    response = _post_refresh("api:auth-token-refresh", refresh)

    assert_unauthenticated(response)


def test_tokens_issued_after_a_password_change_work(alice):
    _password_changed(alice)
    response = APIClient().post(
        reverse("api:auth-token"),
        {"username": alice.username, "password": "a-new-passphrase-for-alice-42"},
        format="json",
    )

    access = response.json()["access"]
    assert _send("get", reverse("api:auth-me"), f"Bearer {access}").status_code == 200
