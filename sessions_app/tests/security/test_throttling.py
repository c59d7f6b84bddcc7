"""The sign-in budget as a defence: once a client address has spent it, every door to the
passwords (API sign-in, refresh, sign-up, the log-in and sign-up pages) answers 429 with
``Retry-After``, checks nothing that was sent, and changes nothing."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_simplejwt.tokens import RefreshToken

from sessions_app.tests.factories import DEFAULT_PASSWORD
from sessions_app.tests.security.support import db_state, error_detail

pytestmark = pytest.mark.django_db

User = get_user_model()
BUDGET = 2


@pytest.fixture(autouse=True)
def _small_auth_budget(monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "auth", f"{BUDGET}/minute")


@pytest.fixture
def user(alice):
    """Alice, with a refresh token issued before any snapshot is taken."""
    alice.refresh = str(RefreshToken.for_user(alice))
    return alice


# Each door, sent a request that would succeed (``good``) or fail, from one client address.


def _api_sign_in(user, good, **extra):
    password = DEFAULT_PASSWORD if good else "wrong-password"
    return APIClient().post(
        reverse("api:auth-token"),
        {"username": user.username, "password": password},
        format="json",
        **extra,
    )


def _api_refresh(user, good, **extra):
    refresh = user.refresh if good else "not-a-token"
    return APIClient().post(
        reverse("api:auth-token-refresh"), {"refresh": refresh}, format="json", **extra
    )


def _api_register(user, good, **extra):
    data = {"username": "carol", "email": "carol@example.com", "password": DEFAULT_PASSWORD}
    if not good:
        data["password"] = "123"
    return APIClient().post(reverse("api:auth-register"), data, format="json", **extra)


def _login_page(user, good, **extra):
    password = DEFAULT_PASSWORD if good else "wrong-password"
    return Client().post(
        reverse("accounts:login"), {"username": user.username, "password": password}, **extra
    )


def _signup_page(user, good, **extra):
    data = {
        "username": "carol",
        "email": "carol@example.com",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD if good else "something-else-entirely",
    }
    return Client().post(reverse("accounts:signup"), data, **extra)


API_DOORS = [
    pytest.param(_api_sign_in, id="api-sign-in"),
    pytest.param(_api_refresh, id="api-refresh"),
    pytest.param(_api_register, id="api-register"),
]
PAGE_DOORS = [
    pytest.param(_login_page, id="login-page"),
    pytest.param(_signup_page, id="signup-page"),
]
DOORS = API_DOORS + PAGE_DOORS


def _spend_budget(door, user, **extra):
    for _ in range(BUDGET):
        assert door(user, good=False, **extra).status_code != 429


def _assert_retry_after(response):
    assert response.status_code == 429, response.status_code
    assert response["Retry-After"].isdigit(), response["Retry-After"]
    assert int(response["Retry-After"]) > 0


def _assert_nothing_let_in(response, before):
    assert db_state() == before
    assert "access" not in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


@pytest.mark.parametrize("door", DOORS)
def test_within_the_budget_a_door_answers_the_request(user, door):
    # The control: below the limit the same request is answered, not throttled.
    response = door(user, good=True)

    assert response.status_code in (200, 201, 302), response.status_code


@pytest.mark.parametrize("door", DOORS)
def test_a_spent_budget_is_429_with_retry_after_even_for_a_good_request(user, door):
    _spend_budget(door, user)
    before = db_state()

    response = door(user, good=True)

    _assert_retry_after(response)
    _assert_nothing_let_in(response, before)


@pytest.mark.parametrize("door", API_DOORS)
def test_a_throttled_api_door_answers_in_the_error_shape(user, door):
    _spend_budget(door, user)

    response = door(user, good=True)

    detail = error_detail(response)
    assert detail["code"] == "THROTTLED"
    assert detail["retry_after"] == int(response["Retry-After"])


@pytest.mark.parametrize("probe", DOORS)
def test_the_budget_spent_at_one_door_closes_the_others(user, probe):
    # A second door to the same passwords gets no second allowance.
    spend = _api_sign_in if probe is not _api_sign_in else _login_page
    _spend_budget(spend, user)
    before = db_state()

    response = probe(user, good=True)

    _assert_retry_after(response)
    _assert_nothing_let_in(response, before)


@pytest.mark.parametrize("door", DOORS)
def test_a_forged_x_forwarded_for_does_not_reset_the_budget(user, door):
    for n in range(BUDGET):
        door(user, good=False, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    before = db_state()

    response = door(user, good=True, HTTP_X_FORWARDED_FOR="10.9.9.9")

    _assert_retry_after(response)
    _assert_nothing_let_in(response, before)


@pytest.mark.parametrize("door", DOORS)
def test_another_client_address_keeps_its_own_budget(user, door):
    _spend_budget(door, user)

    response = door(user, good=True, REMOTE_ADDR="192.0.2.10")

    assert response.status_code in (200, 201, 302), response.status_code
