"""The WSGI entry point itself, for what Django cannot answer once it builds the request."""

import io
import json

import pytest

from interview_practice.wsgi import application

pytestmark = pytest.mark.django_db


def _call(path, content_type):
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
        "CONTENT_LENGTH": "2",
        "wsgi.input": io.BytesIO(b"{}"),
        "wsgi.url_scheme": "http",
    }
    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


def test_nul_in_the_charset_is_415_in_the_error_shape_under_the_api():
    status, headers, body = _call("/api/v1/job-postings/", "application/json; charset=utf\x00")

    assert status.startswith("415")
    assert json.loads(body)["detail"]["code"] == "UNSUPPORTED_MEDIA_TYPE"


def test_nul_in_the_charset_is_a_plain_415_elsewhere():
    status, headers, _ = _call("/accounts/login/", "application/x-www-form-urlencoded\x00")

    assert status.startswith("415")
    assert headers["Content-Type"].startswith("text/plain")


def test_an_ordinary_request_reaches_django():
    status, _, body = _call("/api/v1/job-postings/", "application/json")

    assert status.startswith("401")
    assert json.loads(body)["detail"]["code"] == "NOT_AUTHENTICATED"
