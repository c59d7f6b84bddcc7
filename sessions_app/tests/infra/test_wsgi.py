"""The WSGI entry point itself: what is refused before Django builds the request or reads
its body (a body that stalls under gunicorn: tests/infra/test_servers.py)."""

import io
import json

import pytest
from django.conf import settings

from interview_practice.wsgi import application
from sessions_app.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_test_connection")]


class UnreadStream(io.BytesIO):
    """A body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")


def _call(path, content_type, body=b"{}", *, length=True, stream=None, **extra):
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "CONTENT_TYPE": content_type,
        "wsgi.input": stream or io.BytesIO(body),
        "wsgi.url_scheme": "http",
        **extra,
    }
    if length:
        environ["CONTENT_LENGTH"] = str(len(body))
    answer_body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], answer_body


def _code(body):
    return json.loads(body)["detail"]["code"]


def test_nul_in_the_charset_is_415_in_the_error_shape_under_the_api():
    status, _, body = _call("/api/v1/job-postings/", "application/json; charset=utf\x00")

    assert status.startswith("415")
    assert _code(body) == "UNSUPPORTED_MEDIA_TYPE"


def test_nul_in_the_charset_is_a_plain_415_elsewhere():
    status, headers, _ = _call("/accounts/login/", "application/x-www-form-urlencoded\x00")

    assert status.startswith("415")
    assert headers["Content-Type"].startswith("text/plain")


def test_an_ordinary_request_reaches_django():
    status, _, body = _call("/api/v1/job-postings/", "application/json")

    assert status.startswith("401")
    assert _code(body) == "NOT_AUTHENTICATED"


@pytest.mark.parametrize("path", ["/api/v1/auth/register/", "/accounts/signup/", "/admin/"])
def test_multipart_is_refused_415_before_its_body_is_read(path):
    body = b"--x\r\nContent-Disposition: form-data; name=f; filename=a\r\n\r\nAAAA\r\n--x--\r\n"

    status, _, answer = _call(
        path, "multipart/form-data; boundary=x", body, stream=UnreadStream(body)
    )

    assert status.startswith("415")
    if path.startswith("/api/"):
        assert _code(answer) == "UNSUPPORTED_MEDIA_TYPE"


@pytest.mark.parametrize("content_type", ["application/json", "application/octet-stream"])
def test_a_declared_length_over_the_cap_is_413_before_the_body_is_read(content_type):
    body = b"x" * (settings.REQUEST_BODY_MAX_BYTES + 1)

    status, _, answer = _call(
        "/api/v1/auth/register/", content_type, body, stream=UnreadStream(body)
    )

    assert status.startswith("413")
    assert _code(answer) == "REQUEST_TOO_LARGE"


def test_a_chunked_body_over_the_cap_is_413_having_read_one_byte_past_it():
    body = b"x" * (settings.REQUEST_BODY_MAX_BYTES * 4)
    stream = io.BytesIO(body)

    status, _, answer = _call(
        "/api/v1/auth/register/",
        "application/json",
        length=False,
        stream=stream,
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert status.startswith("413")
    assert _code(answer) == "REQUEST_TOO_LARGE"
    assert stream.tell() == settings.REQUEST_BODY_MAX_BYTES + 1


def test_a_page_body_over_the_cap_is_a_plain_413():
    body = b"a=" + b"x" * settings.REQUEST_BODY_MAX_BYTES

    status, headers, _ = _call("/accounts/login/", "application/x-www-form-urlencoded", body)

    assert status.startswith("413")
    assert headers["Content-Type"].startswith("text/plain")


def test_a_chunked_body_within_the_cap_reaches_the_view():
    UserFactory(username="alice")
    body = json.dumps({"username": "alice", "password": DEFAULT_PASSWORD}).encode()

    status, _, answer = _call(
        "/api/v1/auth/token/",
        "application/json",
        body,
        length=False,
        HTTP_TRANSFER_ENCODING="chunked",
    )

    assert status.startswith("200")
    assert set(json.loads(answer)) == {"access", "refresh"}


def test_a_body_at_the_cap_is_read_and_parsed():
    padding = settings.REQUEST_BODY_MAX_BYTES - len(b'{"username": "", "x": ""}')
    body = b'{"username": "", "x": "' + b"y" * padding + b'"}'
    assert len(body) == settings.REQUEST_BODY_MAX_BYTES

    status, _, answer = _call("/api/v1/auth/register/", "application/json", body)

    assert status.startswith("400")
    assert _code(answer) == "VALIDATION_ERROR"


def test_a_head_request_gets_the_headers_and_no_body():
    status, headers, body = _call("/api/v1/health/", "", b"", REQUEST_METHOD="HEAD")

    assert status.startswith("200")
    assert headers["Content-Type"] == "application/json"
    assert body == b""
