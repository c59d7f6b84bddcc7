"""gunicorn's settings for production (`make bench` uses them; see the README's
Performance section for the measurements behind them).

Threads: a request spends much of its time waiting on PostgreSQL, and psycopg releases the
GIL while it waits, so a few threads per process keep both cores busy where one sync worker
per process would sit idle; each thread keeps its own database connection
(DJANGO_CONN_MAX_AGE).
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request that takes longer than this is stopped: no worker waits forever on a client.
timeout = 30
graceful_timeout = 30
keepalive = 5
accesslog = None
