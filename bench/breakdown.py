"""Where a retake's time goes, in process: the WSGI application (the request guards, every
middleware, DRF's request cycle, the service, the serializer and the renderer) called
directly, as gunicorn calls it, with a bearer token, over fresh completed sessions.

Prints, for the retake and for the ceiling view (``bench/ceiling_urls.py``): the wall time
per request without a profiler; the SQL statements of one request and the time per
request spent waiting on them; then, under cProfile, each stage's share of the request
(cumulative time of the functions named in ``STAGES``; the middleware rows are their own
hooks, not what they wrap), applied to the wall time measured without it. A fresh
PostgreSQL database, dropped afterwards.

    .venv/bin/python bench/breakdown.py [RETAKES=1000] [TOP=0]

With TOP, the TOP functions by their own time (cProfile's tottime) follow each table.
"""

import cProfile
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RETAKES = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
TOP = int(sys.argv[2]) if len(sys.argv) > 2 else 0
DB = f"breakdown_{os.getpid()}"
os.environ.update(
    {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": f"profile-{uuid.uuid4().hex}-not-a-production-secret",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "THROTTLE_USER_RATE": "100000000/minute",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": os.environ.get(
            "DJANGO_SETTINGS_MODULE", "bench.ceiling_settings"
        ),
    }
)
sys.path.insert(0, str(ROOT))

# (label, file suffix, function name): cumulative time per retake.
STAGES = [
    ("request guards (WSGI)", "sessions_app/guards.py", "guarded"),
    ("Django: build the request", "django/core/handlers/wsgi.py", "__init__"),
    ("SecurityMiddleware", "django/middleware/security.py", "process_request"),
    ("SecurityMiddleware (response)", "django/middleware/security.py", "process_response"),
    ("SessionMiddleware", "django/contrib/sessions/middleware.py", "process_request"),
    ("SessionMiddleware (response)", "django/contrib/sessions/middleware.py", "process_response"),
    ("CommonMiddleware", "django/middleware/common.py", "process_request"),
    ("CommonMiddleware (response)", "django/middleware/common.py", "process_response"),
    ("CsrfViewMiddleware", "django/middleware/csrf.py", "process_request"),
    ("CsrfViewMiddleware (view)", "django/middleware/csrf.py", "process_view"),
    ("CsrfViewMiddleware (response)", "django/middleware/csrf.py", "process_response"),
    ("AuthenticationMiddleware", "django/contrib/auth/middleware.py", "process_request"),
    ("MessageMiddleware (response)", "django/contrib/messages/middleware.py", "process_response"),
    ("XFrameOptionsMiddleware", "django/middleware/clickjacking.py", "process_response"),
    ("URL resolving", "django/urls/resolvers.py", "resolve"),
    ("DRF: wrap the request (parsers)", "rest_framework/views.py", "initialize_request"),
    ("DRF: authentication", "rest_framework/views.py", "perform_authentication"),
    ("DRF: permissions", "rest_framework/views.py", "check_permissions"),
    ("DRF: throttle", "rest_framework/views.py", "check_throttles"),
    ("DRF: content negotiation", "rest_framework/views.py", "perform_content_negotiation"),
    ("get_object (the session)", "rest_framework/generics.py", "get_object"),
    ("get_object (the session, sql.row)", "sessions_app/api/views.py", "get_object"),
    ("the retake service", "sessions_app/services/sessions.py", "session_retake"),
    ("  lock the account", "sessions_app/services/locks.py", "lock_account"),
    ("  lock the posting", "sessions_app/services/locks.py", "lock_posting"),
    ("  lock the chain's root", "sessions_app/services/locks.py", "lock_chain_root"),
    ("  the questions (bank)", "sessions_app/services/sessions.py", "_questions_generate"),
    ("  the chain's state", "sessions_app/selectors/sessions.py", "session_chain_state"),
    ("  insert the questions", "sessions_app/services/sessions.py", "_questions_save"),
    ("  commit", "django/db/backends/base/base.py", "commit"),
    ("serializer .data", "rest_framework/serializers.py", "data"),
    ("DRF: finalize the response", "rest_framework/views.py", "finalize_response"),
    ("rendering (JSON)", "rest_framework/renderers.py", "render"),
    ("ceiling view", "bench/ceiling_urls.py", "ceiling_retake"),
    ("whole request", "django/core/handlers/wsgi.py", "__call__"),
]


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)


def main() -> None:
    psql(f"create database {DB}")
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, check=True
        )
        run()
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"drop database if exists {DB} with (force)")


def run() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from interview_practice.wsgi import application
    from sessions_app.models import InterviewSession, JobPosting, Question

    user = get_user_model().objects.create_user(username="profile", password=uuid.uuid4().hex)
    token = str(AccessToken.for_user(user))
    posting = JobPosting.objects.create(
        owner=user, title="Senior Backend Engineer", description="Django and PostgreSQL."
    )
    now = timezone.now()
    sessions = InterviewSession.objects.bulk_create(
        InterviewSession(
            user=user,
            job_posting=posting,
            status="completed",
            current_question_number=5,
            score=60,
            completed_at=now,
        )
        for _ in range(RETAKES * 4 + 40)
    )
    Question.objects.bulk_create(
        Question(
            session=session,
            number=n,
            text=f"Tell me about challenge {n}.",
            category="behavioural",
            answer="I fixed it.",
            answered_at=now,
            score=60,
            feedback="Add a number.",
        )
        for session in sessions
        for n in range(1, 6)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.close()
    pool = iter(sessions)

    def call(path: str) -> None:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_AUTHORIZATION": f"Bearer {token}",
            "HTTP_ACCEPT": "application/json",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.url_scheme": "http",
            "CONTENT_LENGTH": "0",
        }
        statuses = []
        body = application(environ, lambda status, headers: statuses.append(status))
        b"".join(body)
        if not statuses[0].startswith("201"):
            raise SystemExit(f"{path}: {statuses[0]}")

    routes = {
        "retake": "/api/v1/sessions/{}/retake",
        "ceiling": "/bench/ceiling/{}/retake",
    }
    for path in routes.values():
        for _ in range(20):
            call(path.format(next(pool).pk))
    print(f"# {RETAKES} requests each, in process, one connection")
    for name, path in routes.items():
        wall = measure(name, [path.format(next(pool).pk) for _ in range(RETAKES)], call)
        profile(name, [path.format(next(pool).pk) for _ in range(RETAKES)], call, wall)


def measure(name: str, targets: list[str], call) -> float:
    """Print the wall time per request and the statements of one; the mean wall time."""
    from django.db import connection

    times, waits, statements = [], [], []

    def timed(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waits[-1] += time.perf_counter() - started
            statements[-1].append((sql, time.perf_counter() - started))

    with connection.execute_wrapper(timed):
        for target in targets:
            waits.append(0.0)
            statements.append([])
            started = time.perf_counter()
            call(target)
            times.append(time.perf_counter() - started)
    wall = statistics.fmean(times)
    print(
        f"\n{name}: p50 {statistics.median(times) * 1000:.2f} ms, mean {wall * 1000:.2f} ms "
        f"(no profiler); waiting on {len(statements[-1])} statements "
        f"{statistics.fmean(waits) * 1000:.2f} ms (the commit not included), the median of each:"
    )
    for i, (sql, _) in enumerate(statements[-1]):
        each = statistics.median(request[i][1] for request in statements)
        print(f"  {each * 1000:6.3f} ms  {' '.join(sql.split())[:100]}")
    return wall


def profile(name: str, targets: list[str], call, wall: float) -> None:
    """Print each stage's share of the request under cProfile, applied to ``wall``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for target in targets:
        call(target)
    profiler.disable()
    stats = pstats.Stats(profiler).stats

    def cumulative(suffix: str, function: str) -> float:
        return sum(
            total
            for (filename, _, func), (_, _, _, total, _) in stats.items()
            if func == function and filename.endswith(suffix)
        )

    whole = cumulative("django/core/handlers/wsgi.py", "__call__")
    print(f"\n{name}: each stage's share under cProfile, applied to {wall * 1000:.2f} ms")
    for label, suffix, function in STAGES:
        if share := cumulative(suffix, function) / whole:
            print(f"  {label:<34} {share * 100:5.1f} % {share * wall * 1000:7.3f} ms")
    if TOP:
        print(f"  the {TOP} functions with the most time of their own:")
        own = sorted(stats.items(), key=lambda item: -item[1][2])[:TOP]
        for (filename, line, func), (_, _, tottime, _, _) in own:
            where = "/".join(Path(filename).parts[-2:])
            print(f"    {tottime / whole * 100:5.1f} %  {where}:{line} {func}")


if __name__ == "__main__":
    main()
