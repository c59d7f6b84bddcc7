"""`make bench`: the product under load, on this machine, from a fresh clone.

A fresh PostgreSQL database (local, trust auth), migrated and seeded through the models;
gunicorn with production settings (``gunicorn.conf.py``); wrk driving, at 1 and 16
connections: (a) POST retake, every request a different completed session, (b) GET the
session list, (c) GET a session detail, (d) POST an answer. Then the ceiling: a plain
Django view doing the retake's inserts behind the same authentication
(``bench/ceiling_urls.py``), the retake given as a ratio of it. Prints requests/s,
p50/p95/p99, errors and queries per request, checks that the database holds exactly the
attempts the 201s reported. Then one of gunicorn's worker processes killed under load, with
gunicorn alone and with the server as `make serve` runs it (``worker_death``). Then the
model engines, with a Celery worker and a model server taking 2 s per answer
(``model_engines``). Drops the database.

env: BENCH_DURATION (10s), BENCH_USERS (50), BENCH_PORT (8950).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_DURATION", "10s")
USERS = int(os.environ.get("BENCH_USERS", "50"))
PORT = int(os.environ.get("BENCH_PORT", "8950"))
CONNECTIONS = (1, 16)
# The pages, for a signed-in account whose practice has 30 attempts: the dashboard, the
# latest attempt's page and the attempts page.
PAGES = ("dashboard", "page", "attempts")
# The model engines' run: a broker of its own (a Redis database nothing else uses), and a
# model server that takes this long to score an answer.
BROKER = "redis://127.0.0.1:6379/11"
MODEL_DELAY = 2.0
RETAKES_PER_RUN = 12000  # more than a run can send (~500/s here), so none is retaken twice
DB = f"bench_{os.getpid()}"
ENV = {
    **os.environ,
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB}",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": f"bench-{uuid.uuid4().hex}-not-a-production-secret",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    # Plain HTTP on the loopback: no HTTPS redirect; throttles out of the way.
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "THROTTLE_AUTH_RATE": "100000000/minute",
    "THROTTLE_USER_RATE": "100000000/minute",
    "DJANGO_LOG_LEVEL": "WARNING",
    # A line per request would be the load's own cost, not the app's.
}
ANSWER = (
    '{"answer": "Our checkout API was slow at peak. I profiled it, removed an N+1 query and '
    'added an index; p95 fell from 2 s to 300 ms."}'
)


def psql(sql: str) -> None:
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True)


def seed(work: Path) -> dict[str, Path]:
    """Seed through the models in this process; write one request file per scenario."""
    os.environ.update(ENV)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_practice.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.utils import timezone
    from rest_framework_simplejwt.tokens import AccessToken

    from sessions_app.models import InterviewSession, JobPosting, Question

    users = [
        get_user_model().objects.create_user(username=f"bench{i}", password=uuid.uuid4().hex)
        for i in range(USERS)
    ]
    tokens = {user.pk: str(AccessToken.for_user(user)) for user in users}
    postings = JobPosting.objects.bulk_create(
        JobPosting(
            owner=user,
            title="Senior Backend Engineer",
            description="Django, PostgreSQL, REST APIs, AWS, mentoring and SQL tuning.",
        )
        for user in users
    )
    now = timezone.now()

    def sessions(count: int, completed: bool) -> list:
        rows = InterviewSession.objects.bulk_create(
            InterviewSession(
                user=postings[i % USERS].owner,
                job_posting=postings[i % USERS],
                status="completed" if completed else "active",
                current_question_number=5 if completed else 0,
                score=60 if completed else None,
                completed_at=now if completed else None,
            )
            for i in range(count)
        )
        Question.objects.bulk_create(
            Question(
                session=row,
                number=n,
                text=f"Tell me about challenge {n}.",
                category="behavioural",
                answer="I fixed it." if completed else "",
                answered_at=now if completed else None,
                score=60 if completed else None,
                feedback="Add a number." if completed else "",
            )
            for row in rows
            for n in range(1, 6)
        )
        return rows

    def write(name: str, lines: list[str]) -> Path:
        path = work / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n")
        return path

    def line(method: str, url: str, session, body: str = "") -> str:
        return f"{method} {url} {tokens[session.user_id]} {body}".rstrip()

    files = {}
    for connections in CONNECTIONS:
        retake = sessions(RETAKES_PER_RUN, completed=True)
        files[f"retake-{connections}"] = write(
            f"retake-{connections}",
            [line("POST", f"/api/v1/sessions/{s.pk}/retake", s) for s in retake],
        )
        ceiling = sessions(RETAKES_PER_RUN, completed=True)
        files[f"ceiling-{connections}"] = write(
            f"ceiling-{connections}",
            [line("POST", f"/bench/ceiling/{s.pk}/retake", s) for s in ceiling],
        )
        active = sessions(RETAKES_PER_RUN // 5, completed=False)
        files[f"answer-{connections}"] = write(
            f"answer-{connections}",
            [
                line("POST", f"/api/v1/sessions/{s.pk}/answers", s, ANSWER)
                for s in active
                for _ in range(5)
            ],
        )
    # Answers to the model engines' server (see ``model_engines``).
    model_answers = sessions(RETAKES_PER_RUN // 5, completed=False)
    files["answer-model"] = write(
        "answer-model",
        [
            line("POST", f"/api/v1/sessions/{s.pk}/answers", s, ANSWER)
            for s in model_answers
            for _ in range(5)
        ],
    )
    # The pages, for an account of its own whose one practice has 30 attempts.
    reader = get_user_model().objects.create_user(username="pages", password=uuid.uuid4().hex)
    posting = JobPosting.objects.create(
        owner=reader, title="Staff Nurse", description="Adult ward, medication rounds."
    )
    root = InterviewSession.objects.create(
        user=reader,
        job_posting=posting,
        status="completed",
        current_question_number=5,
        score=55,
        completed_at=now,
    )
    chain = [root] + InterviewSession.objects.bulk_create(
        InterviewSession(
            user=reader,
            job_posting=posting,
            original_session=root,
            retake_number=number,
            status="completed",
            current_question_number=5,
            score=55 + number,
            completed_at=now,
        )
        for number in range(2, 31)
    )
    Question.objects.bulk_create(
        Question(
            session=attempt,
            number=n,
            text=f"Tell me about a shift where challenge {n} came up.",
            category="behavioural",
            answer="I escalated the early warning score and documented it.",
            answered_at=now,
            score=60,
            feedback="Add a number.",
            criteria={"structure": 40 + n, "specifics": 50 + n, "relevance": 60 + n, "clarity": 70},
        )
        for attempt in chain
        for n in range(1, 6)
    )
    browser = SessionStore()
    browser.update(
        {
            SESSION_KEY: str(reader.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: reader.get_session_auth_hash(),
        }
    )
    browser.save()
    cookie = f"sessionid={browser.session_key}"
    urls = ("/", f"/sessions/{chain[-1].pk}/", f"/sessions/{chain[-1].pk}/attempts/")
    for name, url in zip(PAGES, urls, strict=True):
        files[name] = write(name, [f"GET {url} {cookie}"] * 101)
    history = sessions(USERS * 20, completed=True)  # something to list and to read
    files["list"] = write("list", [line("GET", "/api/v1/sessions/", s) for s in history])
    files["detail"] = write(
        "detail", [line("GET", f"/api/v1/sessions/{s.pk}/", s) for s in history]
    )
    # The planner's statistics, as autovacuum keeps them on a live database: without them,
    # a freshly seeded table is scanned whole where an index would serve.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return files


def queries_per_request(files: dict[str, Path]) -> dict[str, int]:
    """Each scenario's first request, in process, counting its statements."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for scenario in ("retake", "list", "detail", "answer", *PAGES):
        name = scenario if scenario in files else f"{scenario}-1"
        # The last line, kept out of the load (and out of check_attempts) for this.
        method, path, token, *body = files[name].read_text().split("\n")[-2].split(" ", 3)
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        if token.startswith("sessionid="):
            client = Client()
            client.cookies["sessionid"] = token.removeprefix("sessionid=")
        with CaptureQueriesContext(connection) as captured:
            response = client.generic(
                method, path, (body or [""])[0], content_type="application/json"
            )
        assert response.status_code < 400, (path, response.status_code)
        counts[scenario] = len(captured.captured_queries)
    return counts


def check_attempts(files: dict[str, Path], reported: int) -> None:
    """The database holds one attempt, numbered 2 with its five questions, per 201, and no
    more: the requests still in flight when wrk stops (at most one per connection) are
    answered by the server but not counted by wrk, so they are the only allowed surplus."""
    from django.db.models import Count

    from sessions_app.models import InterviewSession

    retaken = [
        line.split()[1].split("/")[4]
        for connections in CONNECTIONS
        for line in files[f"retake-{connections}"].read_text().splitlines()[:-1]
    ]
    attempts = InterviewSession.objects.filter(original_session__in=retaken)
    stored = attempts.count()
    twice = attempts.values("original_session").annotate(n=Count("pk")).filter(n__gt=1).exists()
    shapes = set(attempts.annotate(n=Count("questions")).values_list("retake_number", "n"))
    in_flight = sum(CONNECTIONS)
    print(
        f"attempts stored: {stored}; 201s counted by wrk: {reported}"
        f" (+ at most {in_flight} in flight)"
    )
    if twice or shapes != {(2, 5)} or not reported <= stored <= reported + in_flight:
        raise SystemExit("the database does not hold exactly the attempts the 201s reported")


def serve(
    settings: str, port: int, log: Path, *, front: bool = False, **env: str
) -> subprocess.Popen:
    """gunicorn alone, or with ``front`` the server as `make serve` runs it (nginx first)."""
    argv = (
        [str(ROOT / ".venv/bin/python"), "-m", "interview_practice.serve"]
        if front
        else [
            str(ROOT / ".venv/bin/gunicorn"),
            "interview_practice.wsgi:application",
            "-c",
            str(ROOT / "gunicorn.conf.py"),
            "-b",
            f"127.0.0.1:{port}",
        ]
    )
    server = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={
            **ENV,
            **env,
            "DJANGO_SETTINGS_MODULE": settings,
            "SERVE_BIND": f"127.0.0.1:{port}",
            "SERVE_ACCESS_LOG": "0",
        },
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server did not start; see {log}")


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def worker_death(files: dict[str, Path], work: Path) -> None:
    """Throughput of the session detail at 16 connections before one of gunicorn's two
    worker processes is killed, in the window that follows (the replacement boots in it)
    and in the next: gunicorn alone, then the server as `make serve` runs it."""
    print("worker killed       before   window 1   window 2  (req/s; errors)")
    for name, front in (("gunicorn alone", False), ("make serve", True)):
        port = PORT + 2
        server = serve("interview_practice.settings", port, work / "death.log", front=front)
        try:
            master = children(server.pid)[0] if front else server.pid
            results = [load(port, files["detail"], 16)]
            os.kill(children(master)[0], signal.SIGKILL)
            results += [load(port, files["detail"], 16), load(port, files["detail"], 16)]
        finally:
            server.terminate()
            server.wait(timeout=60)
        print(
            f"{name:<16}"
            + "".join(
                f"{r['rps']:>8.1f}; {int(r['errors'] + r['socket_errors']):<3}" for r in results
            )
        )


def load(port: int, requests: Path, connections: int) -> dict[str, float]:
    threads = min(2, connections)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{DURATION}",
            "--latency",
            "-s",
            str(ROOT / "bench/requests.lua"),
            f"http://127.0.0.1:{port}",
            "--",
            str(requests),
            str(threads),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = re.search(r"^RESULT (.*)$", out, re.M).group(1)
    return {key: float(value) for key, value in (pair.split("=") for pair in result.split())}


def row(name: str, connections: int, result: dict, queries: int | str) -> str:
    return (
        f"{name:<9} {connections:>3} {result['rps']:>8.1f} {result['p50_ms']:>8.1f} "
        f"{result['p95_ms']:>8.1f} {result['p99_ms']:>8.1f} "
        f"{int(result['errors'] + result['socket_errors']):>6} {queries:>8}"
    )


def cpu_seconds(pid: int) -> float:
    """The CPU time a process has used, user and system (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_for_model_calls(model, timeout: float = 60) -> None:
    """Until the worker has started asking the model to score."""
    deadline = time.monotonic() + timeout
    while not model.scoring_requests():
        if time.monotonic() > deadline:
            raise SystemExit("the worker never asked the model to score")
        time.sleep(0.2)


def model_engines(files: dict[str, Path], work: Path) -> None:
    """The model engines with a model server that takes ``MODEL_DELAY`` seconds per reply:
    answers are stored without waiting for it (their latency), and a session's detail is
    read as fast while a worker scores a backlog of answers as before any was sent."""
    from sessions_app.tests.model_server import (
        ModelServer,
        Reply,
        assessment,
        default_script,
        is_scoring,
    )

    def slow(request: dict) -> Reply:
        if is_scoring(request):
            return Reply(body=assessment().body, delay=MODEL_DELAY)
        return default_script(request)

    redis_client = redis.Redis.from_url(BROKER)
    redis_client.flushdb()
    with ModelServer() as model:
        model.script = slow
        env = {"LLM_BASE_URL": model.url, "LLM_MODEL": "bench-model", "CELERY_BROKER_URL": BROKER}
        server = serve("interview_practice.settings", PORT + 2, work / "model.log", **env)
        worker = None
        try:
            before = load(PORT + 2, files["detail"], 16)
            print(row("detail", 16, before, "-") + "  model engines, nothing being scored")
            # No worker yet, so the answers' latency is the app's own, not the app's while a
            # worker on the same cores scores them.
            answered = load(PORT + 2, files["answer-model"], 16)
            print(row("answer", 16, answered, "-") + "  model engines, stored to be scored")
            worker = subprocess.Popen(
                [str(ROOT / ".venv/bin/celery"), "-A", "interview_practice", "worker",
                 "--pool=threads", "--concurrency=8", "--loglevel=WARNING"],
                cwd=ROOT, env={**ENV, **env}, stdout=(work / "worker.log").open("w"),
                stderr=subprocess.STDOUT,
            )  # fmt: skip
            wait_for_model_calls(model)
            scoring, cpu = len(model.scoring_requests()), cpu_seconds(worker.pid)
            during = load(PORT + 2, files["detail"], 16)
            scored = len(model.scoring_requests()) - scoring
            busy = (cpu_seconds(worker.pid) - cpu) / float(DURATION.rstrip("s"))
            print(
                row("detail", 16, during, "-")
                + f"  while the worker scores ({scored} scored, worker at {busy:.0%} of a core)"
            )
            worker.terminate()
            worker.wait(timeout=30)
            redis_client.flushdb()
            after = load(PORT + 2, files["detail"], 16)
            print(row("detail", 16, after, "-") + "  model engines, worker stopped")
            print(
                "detail while scoring / before, after: "
                f"{during['rps'] / before['rps']:.2f}, {during['rps'] / after['rps']:.2f}"
            )
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
            server.terminate()
            server.wait(timeout=30)
            redis_client.flushdb()


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install -y wrk")
    work = Path(tempfile.gettempdir()) / DB
    work.mkdir(parents=True)
    psql(f"create database {DB}")
    servers = []
    try:
        subprocess.run(
            [str(ROOT / ".venv/bin/python"), "manage.py", "migrate", "--noinput", "-v0"],
            cwd=ROOT,
            env=ENV,
            check=True,
        )
        files = seed(work)
        queries = queries_per_request(files)
        servers.append(serve("interview_practice.settings", PORT, work / "product.log"))
        servers.append(serve("bench.ceiling_settings", PORT + 1, work / "ceiling.log"))

        print(f"# {os.cpu_count()} cores; wrk {DURATION} per run; {USERS} users; gunicorn.conf.py")
        print("scenario  conn    req/s   p50 ms   p95 ms   p99 ms errors  queries")
        retake_ok = 0
        ratios = []
        for connections in CONNECTIONS:
            results = {}
            for scenario in ("retake", "ceiling", "list", "detail", "answer", *PAGES):
                name = scenario if scenario in files else f"{scenario}-{connections}"
                port = PORT + 1 if scenario == "ceiling" else PORT
                results[scenario] = load(port, files[name], connections)
                print(row(scenario, connections, results[scenario], queries.get(scenario, "-")))
            retake_ok += int(results["retake"]["ok"])
            ratios.append(results["retake"]["rps"] / results["ceiling"]["rps"])
            print(
                "pages' p50 / the API detail's: "
                + ", ".join(
                    f"{page} {results[page]['p50_ms'] / results['detail']['p50_ms']:.2f}"
                    for page in PAGES
                )
            )

        print(f"retake / ceiling throughput: {', '.join(f'{r:.2f}' for r in ratios)} (1, 16 conn)")
        check_attempts(files, retake_ok)
        worker_death(files, work)
        model_engines(files, work)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections as db_connections

        db_connections.close_all()
        psql(f"drop database if exists {DB} with (force)")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
