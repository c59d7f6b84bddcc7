"""Request budgets: counted atomically in Redis, per process when Redis cannot be reached."""

import logging
import uuid

import pytest
import redis
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from sessions_app.api import throttling
from sessions_app.tests.conftest import UNREACHABLE_REDIS_URL, run_together
from sessions_app.tests.factories import UserFactory


def _client_address() -> str:
    # A fresh address per test: budgets in the shared Redis are keyed by it, so runs on
    # this machine (CI and a developer's) never count each other's requests.
    number = uuid.uuid4().int
    return f"10.{number % 250}.{number // 250 % 250}.{number // 62500 % 250 + 1}"


def _register_empty(address: str) -> int:
    # The budget is checked before the body: an empty body (400) costs no database query.
    return APIClient(REMOTE_ADDR=address).post(reverse("api:auth-register"), {}).status_code


def _auth_budget() -> int:
    return throttling.AuthRateThrottle().num_requests


def test_with_redis_60_simultaneous_requests_let_exactly_the_budget_through(redis_url):
    address = _client_address()
    with override_settings(REDIS_URL=redis_url):
        statuses = run_together(60, lambda _: _register_empty(address))

    assert _auth_budget() == 20
    assert statuses.count(400) == 20
    assert statuses.count(429) == 40


def test_with_redis_a_budget_expires_with_its_window(redis_url):
    address = _client_address()
    with override_settings(REDIS_URL=redis_url):
        _register_empty(address)

    client = redis.Redis.from_url(redis_url)
    (key,) = client.keys(f"throttle:*{address}*")
    assert 0 < client.pttl(key) <= 60_000
    assert int(client.get(key)) == 1


def test_with_redis_budgets_are_shared_by_processes(redis_url):
    # Another app server counting the same client: a second Counters, as a process has.
    address = _client_address()
    with override_settings(REDIS_URL=redis_url):
        other_server = throttling.Counters(redis_url)
        key = throttling.AuthRateThrottle.cache_format % {"scope": "auth", "ident": address}
        for _ in range(_auth_budget()):
            other_server.hit(key, 60)

        assert _register_empty(address) == 429


def test_with_redis_a_refusal_says_when_the_window_ends(redis_url):
    address = _client_address()
    with override_settings(REDIS_URL=redis_url):
        for _ in range(_auth_budget()):
            _register_empty(address)
        response = APIClient(REMOTE_ADDR=address).post(reverse("api:auth-register"), {})

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"]["code"] == "THROTTLED"


def test_without_redis_the_process_counts_and_still_limits():
    address = _client_address()

    statuses = [_register_empty(address) for _ in range(_auth_budget() + 1)]

    assert statuses == [400] * _auth_budget() + [429]


@override_settings(REDIS_URL=UNREACHABLE_REDIS_URL)
def test_unreachable_redis_falls_back_to_counting_per_process():
    address = _client_address()

    statuses = [_register_empty(address) for _ in range(_auth_budget() + 1)]

    assert statuses == [400] * _auth_budget() + [429]


@pytest.mark.django_db
@override_settings(REDIS_URL=UNREACHABLE_REDIS_URL)
def test_unreachable_redis_leaves_the_api_working():
    UserFactory(username="alice", password="a-long-passphrase")
    client = APIClient()

    tokens = client.post(
        reverse("api:auth-token"), {"username": "alice", "password": "a-long-passphrase"}
    )
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.json()['access']}")

    assert tokens.status_code == 200
    assert client.get(reverse("api:root")).status_code == 200
    assert client.get(reverse("api:auth-me")).json()["username"] == "alice"


@pytest.mark.django_db
@override_settings(REDIS_URL=UNREACHABLE_REDIS_URL)
def test_unreachable_redis_leaves_the_pages_working(client):
    UserFactory(username="alice", password="a-long-passphrase")

    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "a-long-passphrase"}
    )

    assert response.status_code == 302
    assert client.get(reverse("pages:dashboard")).status_code == 200


@override_settings(REDIS_URL=UNREACHABLE_REDIS_URL)
def test_unreachable_redis_is_logged_at_most_once_a_minute(monkeypatch, caplog):
    # Redis is tried again on every request, so every request fails to reach it.
    monkeypatch.setattr(throttling, "RETRY_REDIS_AFTER", 0)
    address = _client_address()

    with caplog.at_level(logging.WARNING, logger="sessions_app.api.throttling"):
        for _ in range(5):
            _register_empty(address)

    warnings = [r for r in caplog.records if r.name == "sessions_app.api.throttling"]
    assert len(warnings) == 1
    assert "per process" in warnings[0].getMessage()
