"""gunicorn's settings: `make serve` runs it behind nginx (interview_practice/serve.py, which
binds it to a Unix socket), and `make bench` measures it (see docs/deploying.md and
docs/performance.md).

Threads (gthread): a request spends much of its time waiting on PostgreSQL, and psycopg
releases the GIL while it waits, so a few threads per process keep both cores busy where
one sync worker per process would sit idle; each thread keeps its own database connection
(DJANGO_CONN_MAX_AGE). Slow clients never reach it under `make serve`: nginx receives every
request whole first. Run alone, it reads each body with a timeout (DJANGO_REQUEST_BODY_TIMEOUT,
then 408), but a client that trickles its headers holds a thread.
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker process that stops answering its arbiter for this long is replaced.
timeout = 30
graceful_timeout = 30
keepalive = 5
# The access log is the front's (nginx): it sees every request, its own refusals included.
accesslog = None
# X-Forwarded-Proto is Django's to trust or not (DJANGO_TRUST_X_FORWARDED_PROTO), never
# gunicorn's: behind nginx on a Unix socket, gunicorn would take any client's word for it.
secure_scheme_headers: dict[str, str] = {}
errorlog = "-"
# No control socket (gunicornc): nothing here uses it, and every gunicorn on a host would
# share its one default path.
control_socket_disable = True


def post_worker_init(worker: object) -> None:
    # The question generator's model loads here, once per worker, rather than in the first
    # request that starts a session.
    from sessions_app.engines import engines_warm_up

    engines_warm_up()
