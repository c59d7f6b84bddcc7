"""The production server as `make serve` runs it (nginx in front of gunicorn, DEBUG off), as
deployed: several app servers sharing PostgreSQL and Redis, slow clients, the health check,
static files and the logs. Each test starts real servers on free ports against the test
database."""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from psycopg import sql
from rest_framework_simplejwt.tokens import AccessToken

from interview_practice.serve import front_find, front_prepare, front_start
from sessions_app.models import InterviewSession
from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory, UserFactory

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _nginx():
    if front_find() is None:
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail("REQUIRE_NGINX=1 but nginx is not installed (make nginx)", pytrace=False)
        pytest.skip("nginx is not installed (make nginx installs it)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_wait(port: int) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def _database_url(database=None) -> str:
    db = database or connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class AppServer:
    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.port = _free_port()
        self.log = tmp_path / f"serve-{self.port}.log"
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "interview_practice.settings",
            "DATABASE_URL": _database_url(),
            # The test's key, so tokens minted here are the servers' own.
            "DJANGO_SECRET_KEY": settings.SECRET_KEY,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "REDIS_URL": "",
            **env,
        }
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv: `make serve`'s program
            [sys.executable, "-m", "interview_practice.serve"],
            cwd=ROOT,
            env={**environment, "SERVE_BIND": f"127.0.0.1:{self.port}"},
            # Opened for appending: nginx writes to it through a handle of its own.
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if not _port_wait(self.port):
            self.stop()
            raise RuntimeError(f"the server did not start:\n{self.log.read_text()}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def request(self, method, path, body=None, token=None, timeout=10, accept="*/*"):
        headers = {"Accept": accept}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Bearer {token}"
        # Always http://127.0.0.1:<port>, the server this test started.
        request = urllib.request.Request(self.url(path), data, headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def servers(tmp_path):
    started: list[AppServer] = []

    def start(**env: str) -> AppServer:
        started.append(AppServer(tmp_path, **env))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def test_two_app_servers_retaking_one_session_at_once_make_exactly_one_attempt(servers, redis_url):
    alice = UserFactory(username="alice")
    completed = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    token = str(AccessToken.for_user(alice))
    pair = [servers(REDIS_URL=redis_url), servers(REDIS_URL=redis_url)]
    barrier = threading.Barrier(8)
    statuses: list[int] = []

    def retake(index: int) -> None:
        barrier.wait(timeout=30)
        status, _ = pair[index % 2].request(
            "POST", f"/api/v1/sessions/{completed.pk}/retake", token=token
        )
        statuses.append(status)

    threads = [threading.Thread(target=retake, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(statuses) == [201] + [409] * 7
    assert InterviewSession.objects.filter(original_session=completed).count() == 1


def _stalled_clients(server, *, headers: int, bodies: int) -> tuple[list, threading.Event]:
    """Connections that send half a header and stop, and connections that send a body a
    byte every two seconds; set the event to stop the trickle."""
    stalled = []
    for _ in range(headers):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(b"GET /api/v1/health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Wait: ")
        stalled.append(sock)
    trickling = []
    for _ in range(bodies):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(
            b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"
        )
        trickling.append(sock)
    done = threading.Event()

    def trickle() -> None:
        while not done.wait(2):
            for sock in trickling:
                with contextlib.suppress(OSError):
                    sock.send(b" ")

    threading.Thread(target=trickle, daemon=True).start()
    return stalled + trickling, done


def test_slow_clients_do_not_keep_the_server_from_answering_others(servers):
    server = servers(DJANGO_REQUEST_BODY_TIMEOUT="60")
    token = str(AccessToken.for_user(UserFactory()))
    sockets, done = _stalled_clients(server, headers=60, bodies=30)
    times: list[float] = []
    failed = 0
    try:
        for index in range(200):
            started = time.monotonic()
            status, _ = server.request(
                "GET",
                "/api/v1/auth/me/" if index % 2 else "/api/v1/health/",
                token=token,
                timeout=3,
            )
            times.append(time.monotonic() - started)
            failed += status != 200
            time.sleep(0.05)
    finally:
        done.set()
        for sock in sockets:
            sock.close()

    times.sort()
    assert failed <= 4
    assert times[int(len(times) * 0.99) - 1] < 2


def test_a_body_that_stops_arriving_is_cut_off_without_reaching_the_app(servers):
    server = servers(DJANGO_REQUEST_BODY_TIMEOUT="2")
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(
        b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user'
    )
    sock.settimeout(6)
    started = time.monotonic()

    assert sock.recv(100) == b""
    assert 1.5 < time.monotonic() - started < 4
    sock.close()
    server.stop()
    log = server.log.read_text()
    assert '"POST /api/v1/auth/token/" 408' in log
    assert log.count("/api/v1/auth/token/") == 1


def test_headers_that_stop_arriving_are_cut_off(servers):
    server = servers(DJANGO_REQUEST_BODY_TIMEOUT="2")
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(b"GET /api/v1/health/ HTTP/1.1\r\nHost: 127.0")
    sock.settimeout(6)
    started = time.monotonic()

    assert sock.recv(100) == b""
    assert 1.5 < time.monotonic() - started < 4


def test_sign_in_budgets_are_kept_per_real_client_address(servers):
    # One process: without Redis each process keeps its own budgets.
    server = servers(THROTTLE_AUTH_RATE="3/minute", WEB_CONCURRENCY="1")
    wrong = json.dumps({"username": "nobody", "password": "wrong"}).encode()
    statuses = []

    for claimed in ("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4"):
        request = urllib.request.Request(  # noqa: S310 - the test's own server
            server.url("/api/v1/auth/token/"),
            wrong,
            {"Content-Type": "application/json", "X-Forwarded-For": claimed},
        )
        try:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310
        except urllib.error.HTTPError as refused:
            statuses.append(refused.code)

    with socket.create_connection(
        ("127.0.0.1", server.port), timeout=10, source_address=("127.0.0.2", 0)
    ) as other_client:
        other_client.sendall(
            POST
            + b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(wrong)
            + wrong
        )
        other_status = other_client.recv(100)[:12]

    assert statuses == [401, 401, 401, 429]
    assert other_status == b"HTTP/1.1 401"


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _lock_wait_seen() -> None:
    """Return once some connection waits for a row lock (a snapshot of its own: inside a
    transaction pg_stat_activity would not change)."""
    deadline = time.monotonic() + 20
    with psycopg.connect(_database_url(), autocommit=True) as watcher:
        while not watcher.execute(
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
        ).fetchone():
            assert time.monotonic() < deadline, "the request never reached its lock"
            time.sleep(0.05)


def test_a_request_whose_worker_dies_gets_503_and_the_server_answers_again(servers):
    alice = UserFactory()
    completed = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    token = str(AccessToken.for_user(alice))
    server = servers()
    workers = _children(_children(server.process.pid)[0])
    answers = []
    retake = f"/api/v1/sessions/{completed.pk}/retake"

    with psycopg.connect(_database_url()) as holder:
        # The retake waits for this row inside the app: the request is in a worker.
        holder.execute(
            sql.SQL("SELECT 1 FROM {} WHERE id = %s FOR UPDATE").format(
                sql.Identifier(InterviewSession._meta.db_table)
            ),
            [completed.pk],
        )
        retaking = threading.Thread(
            target=lambda: answers.append(server.request("POST", retake, token=token, timeout=30))
        )
        retaking.start()
        _lock_wait_seen()
        for worker in workers:
            os.kill(worker, signal.SIGKILL)
        retaking.join(timeout=30)

    ((status, body),) = answers
    assert status == 503
    assert json.loads(body)["detail"]["code"] == "SERVICE_UNAVAILABLE"
    assert not InterviewSession.objects.filter(original_session=completed).exists()
    deadline = time.monotonic() + 20
    while server.request("GET", "/api/v1/health/")[0] != 200:
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert server.request("POST", retake, token=token)[0] == 201


def test_health_is_503_when_the_database_does_not_answer(servers):
    nothing_there = {**connection.settings_dict, "PORT": str(_free_port())}
    server = servers(DATABASE_URL=_database_url(nothing_there), DJANGO_DB_CONNECT_TIMEOUT="2")

    status, body = server.request("GET", "/api/v1/health/")

    assert status == 503
    assert json.loads(body) == {
        "status": "unavailable",
        "database": "unavailable",
        "cache": "not configured",
        "broker": "not configured",
    }


def test_the_api_answers_503_when_the_database_does_not_answer(servers):
    nothing_there = {**connection.settings_dict, "PORT": str(_free_port())}
    server = servers(DATABASE_URL=_database_url(nothing_there), DJANGO_DB_CONNECT_TIMEOUT="2")
    token = str(AccessToken.for_user(UserFactory()))

    for method, path, body, credentials in [
        ("GET", "/api/v1/auth/me/", None, token),
        ("POST", "/api/v1/auth/token/", {"username": "a", "password": "b"}, None),
    ]:
        status, answer = server.request(method, path, body, token=credentials)

        assert status == 503, answer
        assert json.loads(answer)["detail"]["code"] == "SERVICE_UNAVAILABLE"


@pytest.mark.parametrize("path", ["/", "/admin/"])
def test_pages_and_the_admin_answer_503_when_the_database_does_not_answer(servers, path):
    nothing_there = {**connection.settings_dict, "PORT": str(_free_port())}
    server = servers(DATABASE_URL=_database_url(nothing_there), DJANGO_DB_CONNECT_TIMEOUT="2")
    # A signed-in visitor: reading their login session needs the database.
    cookie = {"Cookie": f"sessionid={'a' * 32}"}
    request = urllib.request.Request(server.url(path), headers=cookie)  # noqa: S310

    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)  # noqa: S310 - the test's own server

    assert refused.value.code == 503
    assert refused.value.headers["Retry-After"] == "5"
    assert "back in a moment" in refused.value.read().decode()


def test_health_with_redis_unreachable_is_200_degraded(servers):
    server = servers(REDIS_URL="redis://127.0.0.1:1/0")

    status, body = server.request("GET", "/api/v1/health/")

    assert status == 200
    assert json.loads(body)["status"] == "degraded"
    assert server.request("GET", "/api/v1/")[0] == 200


def test_static_files_are_served_with_debug_off(servers):
    server = servers()

    assert server.request("GET", "/static/css/app.css")[0] == 200
    page = server.request("GET", "/api/v1/docs/")[1].decode()
    bundle = page.split('src="')[1].split('"')[0]
    assert server.request("GET", bundle)[0] == 200


def _raw_request(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def _head_and_body(answer: bytes) -> tuple[str, bytes]:
    head, _, body = answer.partition(b"\r\n\r\n")
    return head.decode("latin-1"), body


def _get(path: bytes, host: bytes = b"127.0.0.1") -> bytes:
    return b"GET " + path + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n\r\n"


POST = b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
CHUNKED = b"Transfer-Encoding: chunked\r\n\r\n"


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        (POST + b"Content-Length: ten\r\n\r\n", 400, "MALFORMED_REQUEST"),
        (POST + CHUNKED + b"zz\r\nabc\r\n0\r\n\r\n", 400, "MALFORMED_REQUEST"),
        (POST + b"Content-Length: 600000\r\n\r\n", 413, "REQUEST_TOO_LARGE"),
        (POST + b"X-Big: " + b"a" * 9000 + b"\r\n\r\n", 431, "HEADERS_TOO_LARGE"),
        (b"GET /api/v1/health/ HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "MALFORMED_REQUEST"),
    ],
    ids=["bad-content-length", "bad-chunk", "body-too-large", "header-too-large", "no-host"],
)
def test_the_fronts_own_refusals_under_the_api_are_in_the_apis_error_shape(
    servers, request_bytes, status, code
):
    server = servers()

    head, body = _head_and_body(_raw_request(server.port, request_bytes))

    assert head.startswith(f"HTTP/1.1 {status}")
    assert "Content-Type: application/json" in head
    assert json.loads(body)["detail"]["code"] == code


def test_the_fronts_own_refusals_of_pages_are_the_sites_pages(servers):
    server = servers()

    head, body = _head_and_body(
        _raw_request(
            server.port,
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Length: 600000\r\nConnection: close\r\n\r\n",
        )
    )

    assert head.startswith("HTTP/1.1 413")
    assert "Content-Type: text/html; charset=utf-8" in head
    assert "The request body is larger than 524,288 bytes." in body.decode()


def test_the_front_answers_503_with_retry_after_while_the_app_does_not_answer():
    with tempfile.TemporaryDirectory() as name:
        run_dir = Path(name)
        run_dir.chmod(0o755)
        port = _free_port()
        front_prepare(run_dir=run_dir, listen=f"127.0.0.1:{port}", app_socket=run_dir / "none.sock")
        front = front_start(nginx=front_find(), run_dir=run_dir)
        try:
            assert _port_wait(port)
            api = _head_and_body(_raw_request(port, _get(b"/api/v1/health/")))
            page = _head_and_body(_raw_request(port, _get(b"/")))
        finally:
            front.terminate()
            front.wait()

    for head, _ in (api, page):
        assert head.startswith("HTTP/1.1 503")
        assert "Retry-After: 5" in head
    assert json.loads(api[1])["detail"]["code"] == "SERVICE_UNAVAILABLE"
    assert "back in a moment" in page[1].decode()


def test_a_url_too_long_for_the_front_is_refused_with_a_page(servers):
    server = servers()

    head, body = _head_and_body(_raw_request(server.port, _get(b"/api/v1/" + b"a" * 9000)))

    assert head.startswith("HTTP/1.1 414")
    assert "The URL is longer than the server accepts." in body.decode()


def test_a_path_cannot_forge_a_log_line_or_write_a_raw_byte(servers):
    server = servers()

    _raw_request(server.port, _get(b"/api/v1/x%0aFORGED%0d\xff"))
    _raw_request(server.port, _get(b"/api/v1/x%0aFORGED%00"))
    server.stop()

    log = server.log.read_bytes()
    assert b'"GET /api/v1/x%0aFORGED%0d\\xFF" 400' in log
    assert not any(line.startswith(b"FORGED") for line in log.splitlines())
    assert b"\x00" not in log
    assert b"\xff" not in log


def test_a_host_header_the_site_does_not_serve_logs_one_line_a_minute(servers):
    server = servers(WEB_CONCURRENCY="1")  # the limit is per process

    for _ in range(5):
        answer = _raw_request(server.port, _get(b"/api/v1/", host=b"evil.example"))
        assert answer.startswith(b"HTTP/1.1 400")
    server.stop()

    log = server.log.read_text()
    assert log.count("Invalid HTTP_HOST header") == 1
    assert "Traceback" not in log


def test_the_logs_hold_no_password_and_no_token(servers):
    server = servers()
    account = {"username": "alice", "email": "alice@example.com", "password": DEFAULT_PASSWORD}

    # Signed up through the server: its password hasher is production's, not the tests'.
    assert server.request("POST", "/api/v1/auth/register/", account)[0] == 201
    _, body = server.request(
        "POST", "/api/v1/auth/token/", {"username": "alice", "password": DEFAULT_PASSWORD}
    )
    tokens = json.loads(body)
    assert set(tokens) == {"access", "refresh"}, body
    server.request("GET", "/api/v1/auth/me/", token=tokens["access"])
    server.request("POST", "/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]})
    server.request("POST", "/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]})
    server.stop()

    log = server.log.read_text()
    assert '"POST /api/v1/auth/token/" 200' in log
    assert '"GET /api/v1/auth/me/" 200' in log
    for secret in (DEFAULT_PASSWORD, tokens["access"], tokens["refresh"]):
        assert secret not in log
        assert secret.split(".")[-1] not in log
