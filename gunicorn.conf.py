"""gunicorn's settings for production: `make serve` runs them (and `make bench` measures
them; see docs/deploying.md and docs/performance.md).

Threads (gthread): a request spends much of its time waiting on PostgreSQL, and psycopg
releases the GIL while it waits, so a few threads per process keep both cores busy where
one sync worker per process would sit idle; each thread keeps its own database connection
(DJANGO_CONN_MAX_AGE). A slow client costs one thread, not a process: gthread waits for a
request's first bytes in its event loop, and the WSGI entry point reads every body with a
timeout (DJANGO_REQUEST_BODY_TIMEOUT), so a body that stops arriving frees its thread with a
408. Behind a buffering proxy (nginx) the app never sees a slow client at all.
"""

import os

from gunicorn.glogging import Logger

from interview_practice.log_records import escaped

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A worker process that stops answering its arbiter for this long is replaced.
timeout = 30
graceful_timeout = 30
keepalive = 5
# One line per request to stdout, GUNICORN_ACCESS_LOG=0 to switch off. The format names
# no header and no body (no token, no password; none of ours travels in a URL).
accesslog = None if os.environ.get("GUNICORN_ACCESS_LOG", "1") == "0" else "-"
access_log_format = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class OneLineLogger(Logger):
    """gunicorn's logger, with the access line's values escaped: the path is decoded, so a
    ``%0a`` in it would otherwise start a forged line of its own."""

    def atoms(self, resp, req, environ, request_time):  # noqa: ANN001, ANN201 - gunicorn's
        return {
            name: escaped(value) if isinstance(value, str) else value
            for name, value in super().atoms(resp, req, environ, request_time).items()
        }


logger_class = OneLineLogger
errorlog = "-"
# No control socket (gunicornc): nothing here uses it, and every gunicorn on a host would
# share its one default path.
control_socket_disable = True


def post_worker_init(worker: object) -> None:
    # The question generator's model loads here, once per worker, rather than in the first
    # request that starts a session.
    from sessions_app.engines import engines_warm_up

    engines_warm_up()
