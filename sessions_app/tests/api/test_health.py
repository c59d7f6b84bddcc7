"""GET /api/v1/health/ (a database that does not answer: tests/infra/test_servers.py)."""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from sessions_app.tests.conftest import UNREACHABLE_REDIS_URL

pytestmark = pytest.mark.django_db


def _health(**headers):
    return APIClient().get(reverse("api:health"), **headers)


def test_health_without_redis_is_ok_and_says_the_cache_is_not_configured():
    response = _health()

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "not configured",
        "broker": "not configured",
    }


def test_health_with_redis_answering_is_ok(redis_url):
    with override_settings(REDIS_URL=redis_url):
        response = _health()

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": "not configured",
    }


@override_settings(REDIS_URL=UNREACHABLE_REDIS_URL)
def test_health_with_redis_unreachable_is_degraded_but_serving():
    response = _health()

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "database": "ok",
        "cache": "unavailable",
        "broker": "not configured",
    }


def test_health_needs_no_credentials_and_ignores_a_bad_token():
    response = _health(HTTP_AUTHORIZATION="Bearer not-a-token")

    assert response.status_code == 200


def test_health_is_never_throttled(monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "1/minute")

    statuses = {_health().status_code for _ in range(5)}

    assert statuses == {200}
