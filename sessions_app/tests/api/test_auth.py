import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from sessions_app.tests.factories import DEFAULT_PASSWORD, UserFactory

User = get_user_model()

pytestmark = pytest.mark.django_db


def _register(client, **overrides):
    data = {"username": "carol", "email": "carol@example.com", "password": DEFAULT_PASSWORD}
    data.update(overrides)
    return client.post(reverse("api:auth-register"), data, format="json")


def _tokens(client, username="alice", password=DEFAULT_PASSWORD):
    return client.post(
        reverse("api:auth-token"), {"username": username, "password": password}, format="json"
    )


def test_register_creates_user_and_answers_201(anon_client):
    response = _register(anon_client)

    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"id", "username", "email"}
    assert body["id"] == User.objects.get(username="carol").pk
    assert body["username"] == "carol"
    assert body["email"] == "carol@example.com"
    assert User.objects.get(username="carol").check_password(DEFAULT_PASSWORD)


def test_register_with_weak_password_is_400_and_creates_nothing(anon_client):
    response = _register(anon_client, password="123")

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail["code"] == "VALIDATION_ERROR"
    assert "password" in detail["fields"]
    assert not User.objects.filter(username="carol").exists()


def test_register_with_taken_username_is_400(anon_client, alice):
    response = _register(anon_client, username="alice")

    assert response.status_code == 400
    assert "username" in response.json()["detail"]["fields"]
    assert User.objects.filter(username="alice").count() == 1


def test_register_with_username_differing_only_in_case_is_400(anon_client, alice):
    response = _register(anon_client, username="Alice")

    assert response.status_code == 400
    assert "username" in response.json()["detail"]["fields"]
    assert not User.objects.filter(username="Alice").exists()


def test_register_with_taken_email_is_400(anon_client, alice):
    response = _register(anon_client, email=alice.email.upper())

    assert response.status_code == 400
    assert "email" in response.json()["detail"]["fields"]
    assert not User.objects.filter(username="carol").exists()


def test_register_with_missing_fields_lists_each_field(anon_client):
    response = anon_client.post(reverse("api:auth-register"), {}, format="json")

    assert response.status_code == 400
    assert set(response.json()["detail"]["fields"]) == {"username", "email", "password"}
    assert not User.objects.exists()


def test_token_with_valid_credentials_returns_access_and_refresh(anon_client, alice):
    response = _tokens(anon_client)

    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}


def test_token_with_wrong_password_is_401_invalid_credentials(anon_client, alice):
    response = _tokens(anon_client, password="wrong-password")

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "INVALID_CREDENTIALS"


def test_access_token_authenticates_me(anon_client, alice):
    access = _tokens(anon_client).json()["access"]
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    response = anon_client.get(reverse("api:auth-me"))

    assert response.status_code == 200
    assert response.json() == {"id": alice.id, "username": "alice", "email": alice.email}


def test_me_without_credentials_is_401_with_bearer_challenge(anon_client):
    response = anon_client.get(reverse("api:auth-me"))

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "NOT_AUTHENTICATED"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_with_garbage_token_is_401_token_invalid(anon_client):
    anon_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = anon_client.get(reverse("api:auth-me"))

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_bearer_without_token_is_401_token_invalid(anon_client):
    anon_client.credentials(HTTP_AUTHORIZATION="Bearer")

    response = anon_client.get(reverse("api:auth-me"))

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"


def test_refresh_rotates_and_refuses_the_old_token(anon_client, alice):
    refresh = _tokens(anon_client).json()["refresh"]
    url = reverse("api:auth-token-refresh")

    rotated = anon_client.post(url, {"refresh": refresh}, format="json")
    replay = anon_client.post(url, {"refresh": refresh}, format="json")

    assert rotated.status_code == 200
    assert set(rotated.json()) == {"access", "refresh"}
    assert rotated.json()["refresh"] != refresh
    assert replay.status_code == 401
    assert replay.json()["detail"]["code"] == "TOKEN_INVALID"


def test_logout_blacklists_the_refresh_token(anon_client, alice):
    refresh = _tokens(anon_client).json()["refresh"]

    response = anon_client.post(reverse("api:auth-logout"), {"refresh": refresh}, format="json")
    after = anon_client.post(reverse("api:auth-token-refresh"), {"refresh": refresh}, format="json")

    assert response.status_code == 204
    assert BlacklistedToken.objects.count() == 1
    assert after.status_code == 401
    assert after.json()["detail"]["code"] == "TOKEN_INVALID"


def test_logout_with_invalid_token_is_401_and_blacklists_nothing(anon_client):
    response = anon_client.post(reverse("api:auth-logout"), {"refresh": "nope"}, format="json")

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert BlacklistedToken.objects.count() == 0


def test_logout_without_token_is_400(anon_client):
    response = anon_client.post(reverse("api:auth-logout"), {}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()["detail"]["fields"]
    assert BlacklistedToken.objects.count() == 0


def test_access_token_lives_at_most_15_minutes(anon_client, alice):
    from rest_framework_simplejwt.tokens import AccessToken

    token = AccessToken(_tokens(anon_client).json()["access"])

    assert token["exp"] - token["iat"] <= 15 * 60


def test_token_endpoint_is_throttled_per_client(monkeypatch, alice):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "2/minute")
    client = APIClient()

    statuses = [_tokens(client, password="wrong").status_code for _ in range(3)]

    assert statuses == [401, 401, 429]


def test_token_refresh_is_throttled_per_client(monkeypatch, alice):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "2/minute")
    client = APIClient()
    url = reverse("api:auth-token-refresh")

    statuses = [client.post(url, {"refresh": "nope"}, format="json").status_code for _ in range(3)]

    assert statuses == [401, 401, 429]


def test_authenticated_calls_are_throttled_per_user(monkeypatch, alice):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/minute"})
    client = APIClient()
    client.force_authenticate(alice)

    statuses = [client.get(reverse("api:auth-me")).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_throttled_response_has_error_shape_and_retry_after(monkeypatch, anon_client):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "1/minute")
    _register(anon_client)

    response = _register(anon_client, username="dave", email="dave@example.com")

    assert response.status_code == 429
    assert response.json()["detail"]["code"] == "THROTTLED"
    assert int(response["Retry-After"]) > 0
    assert not User.objects.filter(username="dave").exists()


@pytest.mark.parametrize("suffix", ["", "/"])
def test_auth_routes_answer_with_and_without_trailing_slash(anon_client, alice, suffix):
    response = anon_client.post(
        "/api/v1/auth/token" + suffix,
        {"username": "alice", "password": DEFAULT_PASSWORD},
        format="json",
    )

    assert response.status_code == 200


def test_spoofed_forwarded_for_does_not_reset_the_throttle(monkeypatch, alice):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "2/minute")
    client = APIClient()

    statuses = [
        client.post(
            reverse("api:auth-token"),
            {"username": "alice", "password": "wrong"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
        ).status_code
        for n in range(3)
    ]

    assert statuses == [401, 401, 429]


def test_token_of_an_inactive_user_is_401_token_invalid(anon_client, alice):
    access = _tokens(anon_client).json()["access"]
    alice.is_active = False
    alice.save()
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")

    response = anon_client.get(reverse("api:auth-me"))

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"


def test_browser_login_shares_the_auth_throttle(monkeypatch, alice):
    from django.test import Client

    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "2/minute")
    client = Client()
    form = {"username": "alice", "password": "wrong"}

    statuses = [client.post("/accounts/login/", form).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_browser_login_with_right_password_redirects(alice):
    from django.test import Client

    response = Client().post(
        "/accounts/login/", {"username": "alice", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 302


def test_throttled_browser_login_does_not_check_the_password(monkeypatch, alice):
    from django.contrib.auth.signals import user_logged_in, user_login_failed
    from django.test import Client

    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "1/minute")
    client = Client()
    client.post("/accounts/login/", {"username": "alice", "password": "wrong"})
    checked = []

    def record(**kwargs):
        checked.append(kwargs)

    user_login_failed.connect(record)
    user_logged_in.connect(record)
    try:
        response = client.post(
            "/accounts/login/", {"username": "alice", "password": DEFAULT_PASSWORD}
        )
    finally:
        user_login_failed.disconnect(record)
        user_logged_in.disconnect(record)

    assert response.status_code == 429
    assert checked == []
    assert b"Too many sign-in attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_register_checks_the_username_as_it_will_be_stored(anon_client):
    # NFKC turns each of these into an Arabic phrase of 18 characters with spaces.
    response = _register(anon_client, username="\ufdfa" * 9)

    assert response.status_code == 400
    assert "username" in response.json()["detail"]["fields"]
    assert not User.objects.exists()


def test_register_refuses_a_username_that_grows_past_150_characters(anon_client):
    response = _register(anon_client, username="\u2167" * 40)  # "Ⅷ" becomes "VIII"

    assert response.status_code == 400
    assert "150" in response.json()["detail"]["fields"]["username"][0]
    assert not User.objects.exists()


def test_a_username_registered_in_full_width_signs_in_as_typed(anon_client):
    _register(anon_client, username="\uff53\uff41\uff4d")  # "ｓａｍ"

    response = _tokens(anon_client, username="\uff53\uff41\uff4d")

    assert User.objects.get().username == "sam"
    assert response.status_code == 200


def test_refresh_of_a_deleted_account_is_401_token_invalid(anon_client, alice):
    from sessions_app import services

    refresh = _tokens(anon_client).json()["refresh"]
    services.user_delete(user=alice)

    response = anon_client.post(
        reverse("api:auth-token-refresh"), {"refresh": refresh}, format="json"
    )

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"


def test_refresh_of_a_deactivated_account_is_401_and_keeps_the_token_usable(anon_client, alice):
    refresh = _tokens(anon_client).json()["refresh"]
    alice.is_active = False
    alice.save()

    response = anon_client.post(
        reverse("api:auth-token-refresh"), {"refresh": refresh}, format="json"
    )

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"
    assert BlacklistedToken.objects.count() == 0


def test_logout_twice_with_one_token_is_401_the_second_time(anon_client, alice):
    refresh = _tokens(anon_client).json()["refresh"]
    url = reverse("api:auth-logout")

    first = anon_client.post(url, {"refresh": refresh}, format="json")
    second = anon_client.post(url, {"refresh": refresh}, format="json")

    assert first.status_code == 204
    assert second.status_code == 401
    assert second.json()["detail"]["code"] == "TOKEN_INVALID"
    assert BlacklistedToken.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "taken", "attempt"),
    [
        ("username", "ixabc", "\u0130xabc"),  # "İ": LOWER() and UPPER() fold it differently
        ("email", "kabc@example.com", "\u212aabc@example.com"),  # the Kelvin sign
    ],
)
def test_register_clashes_exactly_when_the_databases_lower_says_so(
    anon_client, field, taken, attempt
):
    UserFactory(**{field: taken})
    with connection.cursor() as cursor:
        cursor.execute("SELECT LOWER(%s) = LOWER(%s)", [taken, attempt])
        clash = bool(cursor.fetchone()[0])

    response = _register(anon_client, **{field: attempt})

    assert response.status_code == (400 if clash else 201)
    assert User.objects.count() == (1 if clash else 2)


@pytest.mark.parametrize("next_url", ["/accounts/login/", "/accounts/login/?next=/"])
def test_signed_in_user_sent_back_to_the_login_page_goes_home_instead(alice, next_url):
    from django.test import Client

    client = Client()
    client.force_login(alice)

    response = client.get("/accounts/login/", {"next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("field", ["username", "password", "email"])
def test_register_with_a_number_for_text_is_400_and_creates_nothing(anon_client, field):
    response = _register(anon_client, **{field: 12345678901})

    assert response.status_code == 400
    assert field in response.json()["detail"]["fields"]
    assert not User.objects.exists()


def test_refresh_with_a_number_for_the_token_is_400(anon_client):
    response = anon_client.post(reverse("api:auth-token-refresh"), {"refresh": 12}, format="json")

    assert response.status_code == 400
    assert "refresh" in response.json()["detail"]["fields"]


def test_register_page_of_the_browsable_api_has_a_form(anon_client):
    response = anon_client.get(reverse("api:auth-register"), HTTP_ACCEPT="text/html")

    assert response.status_code == 405  # GET is not allowed, but the page renders the form
    assert b'name="username"' in response.content


@pytest.mark.parametrize(
    "user_id", ["abc", "-1", "1e3", "\u0663", str(2**70), 1, [1], {"id": 1}, True, None]
)
def test_signed_token_whose_user_claim_is_no_account_id_is_401_token_invalid(
    anon_client, alice, user_id
):
    from rest_framework_simplejwt.tokens import AccessToken

    token = AccessToken.for_user(alice)
    token["user_id"] = user_id
    anon_client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = anon_client.get(reverse("api:auth-me"))

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"


def _signed(claims: dict) -> str:
    import jwt
    from django.conf import settings

    return jwt.encode(claims, settings.SECRET_KEY, algorithm="HS256")


def _claims(alice, kind: str, **changes) -> dict:
    import time

    claims = {
        "token_type": kind,
        "exp": int(time.time()) + 600,
        "iat": int(time.time()),
        "jti": "0123456789abcdef0123456789abcdef",
        "user_id": str(alice.pk),
    }
    claims.update(changes)
    return {key: value for key, value in claims.items() if value is not None}


MALFORMED_CLAIMS = [
    {"exp": "9999999999"},
    {"exp": ["1"]},
    {"exp": 10**30},
    {"iat": "yesterday"},
    {"jti": 12},
    {"jti": None},
    {"token_type": 7},
    {"user_id": "abc"},
    {"user_id": ["1"]},
    {"user_id": None},
]


@pytest.mark.parametrize("changes", MALFORMED_CLAIMS, ids=str)
def test_access_token_with_malformed_claims_is_token_invalid(alice, changes):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {_signed(_claims(alice, 'access', **changes))}")

    response = client.get(reverse("api:auth-me"))

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"


@pytest.mark.parametrize("route", ["api:auth-token-refresh", "api:auth-logout"])
@pytest.mark.parametrize("changes", MALFORMED_CLAIMS, ids=str)
def test_refresh_token_with_malformed_claims_is_token_invalid(alice, route, changes):
    from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

    refresh = _signed(_claims(alice, "refresh", **changes))

    response = APIClient().post(reverse(route), {"refresh": refresh}, format="json")

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "TOKEN_INVALID"
    assert BlacklistedToken.objects.count() == 0


@pytest.mark.parametrize("route", ["api:auth-token-refresh", "api:auth-logout"])
def test_a_refused_refresh_token_says_why_in_plain_words(route):
    response = APIClient().post(reverse(route), {"refresh": "abc"}, format="json")

    assert response.status_code == 401
    assert response.json()["detail"] == {"code": "TOKEN_INVALID", "message": "Token is invalid"}
