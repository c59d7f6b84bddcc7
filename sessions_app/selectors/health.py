"""Whether this app server can work."""

from django.conf import settings
from django.db import DatabaseError, connection

from interview_practice.celery import app as celery_app
from sessions_app.api.throttling import counters


def _broker_status() -> str:
    if not settings.SCORING_IN_BACKGROUND:
        return "not configured"
    try:
        with celery_app.connection_for_write() as broker:
            broker.connect()
    except Exception:  # noqa: BLE001 - whatever the transport raises, it cannot be reached
        return "unavailable"
    return "ok"


def system_health() -> dict[str, str]:
    """Whether this app server can work: ``database``, ``cache`` (Redis, which holds the
    shared request budgets) and ``broker`` (which carries answers to the scoring workers)
    each ``ok`` or ``unavailable`` (the cache and the broker ``not configured`` without
    ``REDIS_URL`` or ``CELERY_BROKER_URL``), and ``status``: ``ok``, ``degraded`` (the app
    works: budgets are counted per process, or answers wait to be scored until the broker
    is back) or ``unavailable`` (no database)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    parts = {"database": database, "cache": counters().redis_status(), "broker": _broker_status()}
    if database != "ok":
        return {"status": "unavailable", **parts}
    status = "degraded" if "unavailable" in parts.values() else "ok"
    return {"status": status, **parts}
