"""Whether this app server can work."""

from django.db import DatabaseError, connection

from sessions_app.api.throttling import counters


def system_health() -> dict[str, str]:
    """Whether this app server can work: ``database`` and ``cache`` (Redis, which holds the
    shared request budgets) each ``ok`` or ``unavailable`` (the cache ``not configured``
    without ``REDIS_URL``), and ``status``: ``ok``, ``degraded`` (the app works, budgets
    are counted per process) or ``unavailable`` (no database)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except DatabaseError:
        database = "unavailable"
    cache = counters().redis_status()
    if database != "ok":
        return {"status": "unavailable", "database": database, "cache": cache}
    status = "degraded" if cache == "unavailable" else "ok"
    return {"status": status, "database": database, "cache": cache}
