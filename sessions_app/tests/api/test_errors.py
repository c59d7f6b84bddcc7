"""The one error shape, for errors that no single endpoint owns."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from sessions_app.models import JobPosting

pytestmark = pytest.mark.django_db


def _assert_error_shape(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert detail["code"] == code
    assert isinstance(detail["message"], str)
    assert detail["message"]


def test_unparseable_json_is_400_malformed_request(alice_client):
    response = alice_client.generic(
        "POST", reverse("api:job-posting-list"), "{not json", content_type="application/json"
    )

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")
    assert JobPosting.objects.count() == 0


def test_unsupported_media_type_is_415(alice_client):
    response = alice_client.generic(
        "POST", reverse("api:job-posting-list"), "title=x", content_type="text/plain"
    )

    _assert_error_shape(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_wrong_method_is_405_with_allow_header(alice_client):
    response = alice_client.put(reverse("api:auth-me"))

    _assert_error_shape(response, 405, "METHOD_NOT_ALLOWED")
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v1/nothing-here", "/api/v9/x"])
def test_unknown_api_url_is_json_404(path):
    response = APIClient().get(path)

    _assert_error_shape(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("path", ["/api/v1/nope", "/api/v1/nope/", "/api", "/api/"])
def test_post_to_unknown_api_url_is_json_404_not_a_csrf_page(alice, path):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(path, {}, format="json")

    _assert_error_shape(response, 404, "NOT_FOUND")


@pytest.mark.parametrize("path", ["/api/v1", "/api/v1/"])
def test_api_index_answers_with_and_without_trailing_slash(path):
    response = APIClient().get(path)

    assert response.status_code == 200
    assert response.json()["sessions"].endswith("/api/v1/sessions")


def test_unknown_api_url_is_json_404_with_debug_on(settings):
    settings.DEBUG = True

    response = APIClient().post("/api/v1/nope", {}, format="json")

    _assert_error_shape(response, 404, "NOT_FOUND")


def test_validation_error_lists_fields_and_messages(alice_client):
    response = alice_client.post(reverse("api:job-posting-list"), {}, format="json")

    _assert_error_shape(response, 400, "VALIDATION_ERROR")
    fields = response.json()["detail"]["fields"]
    assert fields["title"] == ["This field is required."]


def test_session_login_without_csrf_token_is_403_permission_denied(alice):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(
        reverse("api:job-posting-list"), {"title": "T", "description": "D"}, format="json"
    )

    _assert_error_shape(response, 403, "PERMISSION_DENIED")
    assert JobPosting.objects.count() == 0


def test_browsable_api_renders_html_for_a_logged_in_user(alice):
    client = APIClient()
    client.force_login(alice)

    response = client.get(reverse("api:job-posting-list"), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"Job Posting List" in response.content


def test_deeply_nested_json_is_400_malformed_request(alice_client):
    body = "[" * 100_000 + "]" * 100_000

    response = alice_client.generic(
        "POST", reverse("api:job-posting-list"), body, content_type="application/json"
    )

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")


def test_json_body_over_the_upload_limit_is_413(alice_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"title": "T", "description": "' + "x" * 2000 + '"}'

    response = alice_client.generic(
        "POST", reverse("api:job-posting-list"), body, content_type="application/json"
    )

    _assert_error_shape(response, 413, "REQUEST_TOO_LARGE")
    assert JobPosting.objects.count() == 0


def test_nan_is_not_json(alice_client):
    response = alice_client.generic(
        "POST",
        reverse("api:job-posting-list"),
        '{"title": NaN, "description": "D"}',
        content_type="application/json",
    )

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")


def test_more_query_parameters_than_django_allows_is_400_malformed_request(alice_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    query = "&".join(f"p{number}=1" for number in range(11))

    response = alice_client.get(f"{reverse('api:job-posting-list')}?{query}")

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")


def test_more_form_fields_than_django_allows_is_400_and_creates_nothing(alice_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    body = "title=T&description=D&" + "&".join(f"p{number}=1" for number in range(11))

    response = alice_client.generic(
        "POST",
        reverse("api:job-posting-list"),
        body,
        content_type="application/x-www-form-urlencoded",
    )

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")
    assert JobPosting.objects.count() == 0


_UNDECODABLE_FORM = b"title=%FF%FE&description=%5Cx\xff"
_UNDECODABLE_MULTIPART = (
    b'--b\r\nContent-Disposition: form-data; name="title"\r\n\r\n\xff\xfe\\x\r\n--b--\r\n'
)


@pytest.mark.parametrize("charset", ["punycode", "idna", "undefined", "rot13", "hex"])
@pytest.mark.parametrize(
    ("media_type", "body"),
    [
        ("application/x-www-form-urlencoded", _UNDECODABLE_FORM),
        ("multipart/form-data; boundary=b", _UNDECODABLE_MULTIPART),
    ],
)
def test_body_in_an_undecodable_charset_is_415_and_creates_nothing(
    alice_client, charset, media_type, body
):
    response = alice_client.generic(
        "POST",
        reverse("api:job-posting-list"),
        body,
        content_type=f"{media_type}; charset={charset}",
    )

    _assert_error_shape(response, 415, "UNSUPPORTED_MEDIA_TYPE")
    assert JobPosting.objects.count() == 0


@pytest.mark.parametrize("charset", ["punycode", "idna"])
def test_login_page_post_in_an_undecodable_charset_is_415_not_500(client, charset):
    response = client.generic(
        "POST",
        reverse("rest_framework:login"),
        _UNDECODABLE_MULTIPART,
        content_type=f"multipart/form-data; boundary=b; charset={charset}",
    )

    assert response.status_code == 415
    assert b"not supported" in response.content


@pytest.mark.parametrize("charset", ["latin-1", "utf-16", "no-such-charset"])
def test_body_in_a_decodable_or_unknown_charset_is_read(alice_client, charset):
    body = "title=Café&description=D".encode("utf-8" if charset == "no-such-charset" else charset)

    response = alice_client.generic(
        "POST",
        reverse("api:job-posting-list"),
        body,
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code != 415
    assert response.status_code < 500


def test_a_host_not_allowed_is_400_in_the_error_shape(alice_client):
    response = alice_client.get(reverse("api:session-list"), HTTP_HOST="evil.example.com")

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")


def test_a_host_not_allowed_outside_the_api_is_a_plain_400(client):
    response = client.get("/accounts/login/", HTTP_HOST="evil.example.com")

    assert response.status_code == 400
    assert not response["Content-Type"].startswith("application/json")


def test_a_nul_byte_in_the_query_string_is_400_in_the_error_shape(alice_client):
    response = alice_client.get(reverse("api:session-list") + "?status=%00")

    _assert_error_shape(response, 400, "MALFORMED_REQUEST")
