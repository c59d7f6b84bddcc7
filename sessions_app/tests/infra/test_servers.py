"""The production server (gunicorn with gunicorn.conf.py, DEBUG off) as deployed: several
app servers sharing PostgreSQL and Redis, slow clients, the health check, static files and
the logs. Each test starts real servers on free ports against the test database."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from rest_framework_simplejwt.tokens import AccessToken

from sessions_app.models import InterviewSession
from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory, UserFactory

ROOT = Path(__file__).resolve().parents[3]
pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(database=None) -> str:
    db = database or connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class AppServer:
    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.port = _free_port()
        self.log = tmp_path / f"gunicorn-{self.port}.log"
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
        self.process = subprocess.Popen(  # noqa: S603 - fixed argv: our gunicorn and app
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "interview_practice.wsgi:application",
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "-b",
                f"127.0.0.1:{self.port}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log.open("w"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read_text()}")

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
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
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


def test_clients_that_stop_sending_their_body_neither_stall_others_nor_hold_a_thread(servers):
    server = servers(WEB_CONCURRENCY="1", GUNICORN_THREADS="4", DJANGO_REQUEST_BODY_TIMEOUT="2")
    slow = []
    for _ in range(3):
        sock = socket.create_connection(("127.0.0.1", server.port))
        sock.sendall(
            b"POST /api/v1/auth/token/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"user'
        )
        slow.append(sock)
    time.sleep(0.5)

    started = time.monotonic()
    status, _ = server.request("GET", "/api/v1/health/")
    waited = time.monotonic() - started

    assert status == 200
    assert waited < 1.5
    for sock in slow:
        sock.settimeout(6)
        assert sock.recv(100).startswith(b"HTTP/1.1 408")
        sock.close()


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


def _raw_request(server, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(4096)


def test_a_path_cannot_forge_a_log_line_or_write_a_raw_nul(servers):
    server = servers()

    _raw_request(server, b"GET /api/v1/x%0aFORGED%0d%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    server.stop()

    log = server.log.read_text()
    assert "\\x0aFORGED\\x0d\\x00" in log
    assert not any(line.startswith("FORGED") for line in log.splitlines())
    assert "\x00" not in log


def test_a_host_header_the_site_does_not_serve_logs_one_line_a_minute(servers):
    server = servers(WEB_CONCURRENCY="1")  # the limit is per process

    for _ in range(5):
        answer = _raw_request(server, b"GET /api/v1/ HTTP/1.1\r\nHost: evil.example\r\n\r\n")
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
