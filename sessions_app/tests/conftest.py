import pytest
from rest_framework.test import APIClient

from sessions_app.api import throttling
from sessions_app.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_request_budgets():
    # Each test starts with no request counted (in the process; Redis tests use their own
    # client addresses).
    throttling._counters_for.cache_clear()
    yield
    throttling._counters_for.cache_clear()


@pytest.fixture
def alice(db):
    return UserFactory(username="alice")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob")


@pytest.fixture
def anon_client():
    return APIClient()


@pytest.fixture
def alice_client(alice):
    client = APIClient()
    client.force_authenticate(alice)
    return client


@pytest.fixture
def bob_client(bob):
    client = APIClient()
    client.force_authenticate(bob)
    return client


@pytest.fixture(autouse=True)
def _skip_postgres_only_on_other_databases(request):
    if request.node.get_closest_marker("postgres_only"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL row locks (set DATABASE_URL to run it)")


def run_together(count: int, work):
    """Run ``work(index)`` in ``count`` threads released at the same instant; return results.

    Each thread closes its own database connection, or the test database could not be
    dropped at the end of the run.
    """
    import threading

    from django.db import connection

    barrier = threading.Barrier(count)
    results: list = [None] * count

    def target(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as exc:  # noqa: BLE001 - reported to the test as a result
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def redis_url():
    """The local Redis (database 15, which nothing else uses), or skip: CI requires it."""
    import os

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"Redis is required (REQUIRE_REDIS) and {url} does not answer")
        pytest.skip(f"no Redis at {url} (set TEST_REDIS_URL)")
    return url


# Nothing listens on port 1: a Redis that cannot be reached.
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def keep_test_connection():
    """For tests that call the WSGI application itself: Django closes the database
    connection when a request ends (``close_old_connections``), which inside a test's
    transaction would close the test's own connection on PostgreSQL. Django's test client
    unhooks it the same way for its requests."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
