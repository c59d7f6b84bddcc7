"""CSRF: a write sent with the login cookie alone (what another site can make a browser do)
is refused, through the API and through every page form; with the token it goes through."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from sessions_app.tests.api.sessions_helpers import STRONG_ANSWER
from sessions_app.tests.factories import DEFAULT_PASSWORD
from sessions_app.tests.security.support import db_state, error_detail

pytestmark = pytest.mark.django_db

POSTING_BODY = {"title": "Data Analyst", "company": "Acme", "description": "SQL and Tableau."}


def _csrf_token(client, url) -> str:
    """The token a page of the product hands the browser (cookie and form field)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return client.cookies["csrftoken"].value


@pytest.fixture
def alice_api_cookie(alice):
    """The browsable API's caller: Alice's login session cookie, CSRF checks on."""
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


@pytest.fixture
def alice_browser(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    return client


# (method, URL name, which of Alice's objects, body, status once the token is sent)
API_WRITES = [
    pytest.param("post", "api:job-posting-list", None, POSTING_BODY, 201, id="posting-POST"),
    pytest.param("put", "api:job-posting-detail", "posting", POSTING_BODY, 200, id="posting-PUT"),
    pytest.param(
        "patch", "api:job-posting-detail", "posting", {"title": "New"}, 200, id="posting-PATCH"
    ),
    pytest.param("delete", "api:job-posting-detail", "posting", None, 204, id="posting-DELETE"),
    pytest.param("post", "api:session-list", "start", None, 201, id="session-start-POST"),
    pytest.param(
        "post", "api:session-answers", "active", {"answer": STRONG_ANSWER}, 200, id="answers-POST"
    ),
    pytest.param("post", "api:session-complete", "answered", None, 200, id="complete-POST"),
    pytest.param("post", "api:session-retake", "completed", None, 201, id="retake-POST"),
]


def _api_write(client, alices, method, name, target, body, **headers):
    if target == "start":
        url, body = reverse(name), {"job_posting_id": str(alices.posting.pk)}
    elif target is None:
        url = reverse(name)
    else:
        url = reverse(name, args=[alices.get(target).pk])
    return getattr(client, method)(url, body, format="json", **headers)


@pytest.mark.parametrize(("method", "name", "target", "body", "_status"), API_WRITES)
def test_a_cookie_authenticated_api_write_without_the_csrf_token_is_403_and_changes_nothing(
    alice_api_cookie, alices, method, name, target, body, _status
):
    before = db_state()

    response = _api_write(alice_api_cookie, alices, method, name, target, body)

    assert response.status_code == 403, response.content[:300]
    assert error_detail(response)["code"] == "PERMISSION_DENIED"
    assert db_state() == before


@pytest.mark.parametrize(("method", "name", "target", "body", "_status"), API_WRITES)
def test_a_cookie_authenticated_api_write_with_a_wrong_csrf_token_is_403_and_changes_nothing(
    alice_api_cookie, alices, method, name, target, body, _status
):
    _csrf_token(alice_api_cookie, reverse("pages:dashboard"))
    before = db_state()

    response = _api_write(
        alice_api_cookie, alices, method, name, target, body, HTTP_X_CSRFTOKEN="b" * 32
    )

    assert response.status_code == 403, response.content[:300]
    assert error_detail(response)["code"] == "PERMISSION_DENIED"
    assert db_state() == before


@pytest.mark.parametrize(("method", "name", "target", "body", "status"), API_WRITES)
def test_a_cookie_authenticated_api_write_with_the_csrf_token_succeeds(
    alice_api_cookie, alices, method, name, target, body, status
):
    token = _csrf_token(alice_api_cookie, reverse("pages:dashboard"))

    response = _api_write(
        alice_api_cookie, alices, method, name, target, body, HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == status, response.content[:300]


@pytest.mark.parametrize(("method", "name", "target", "body", "status"), API_WRITES)
def test_a_bearer_token_api_write_needs_no_csrf_token(
    alice, alices, method, name, target, body, status
):
    # A bearer token is never sent by a browser on its own, so it is no CSRF risk.
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(alice)}")

    response = _api_write(client, alices, method, name, target, body)

    assert response.status_code == status, response.content[:300]


# Page forms -----------------------------------------------------------------------------

# (URL name, which of Alice's objects, form data)
PAGE_FORMS = [
    pytest.param("pages:posting-create", None, POSTING_BODY, id="posting-create"),
    pytest.param("pages:posting-edit", "posting", POSTING_BODY, id="posting-edit"),
    pytest.param("pages:posting-delete", "posting", {}, id="posting-delete"),
    pytest.param("pages:session-start", "posting", {}, id="session-start"),
    pytest.param(
        "pages:session",
        "active",
        {"answer": STRONG_ANSWER, "question_number": 1},
        id="session-answer",
    ),
    pytest.param("pages:session-complete", "answered", {}, id="session-complete"),
    pytest.param("pages:session-retake", "completed", {}, id="session-retake"),
    pytest.param("accounts:logout", None, {}, id="logout"),
]


def _page_url(alices, name, target):
    return reverse(name) if target is None else reverse(name, args=[alices.get(target).pk])


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(("name", "target", "data"), PAGE_FORMS)
def test_a_page_form_without_the_csrf_token_is_403_and_changes_nothing(
    alice_browser, alices, name, target, data
):
    before = db_state()

    response = alice_browser.post(_page_url(alices, name, target), data)

    assert response.status_code == 403, response.status_code
    assert db_state() == before
    assert _signed_in(alice_browser)


@pytest.mark.parametrize(("name", "target", "data"), PAGE_FORMS)
def test_a_page_form_with_a_wrong_csrf_token_is_403_and_changes_nothing(
    alice_browser, alices, name, target, data
):
    _csrf_token(alice_browser, reverse("pages:dashboard"))
    before = db_state()

    response = alice_browser.post(
        _page_url(alices, name, target), {**data, "csrfmiddlewaretoken": "b" * 32}
    )

    assert response.status_code == 403, response.status_code
    assert db_state() == before
    assert _signed_in(alice_browser)


@pytest.mark.parametrize(("name", "target", "data"), PAGE_FORMS)
def test_a_page_form_with_the_csrf_token_goes_through(alice_browser, alices, name, target, data):
    token = _csrf_token(alice_browser, reverse("pages:dashboard"))

    response = alice_browser.post(
        _page_url(alices, name, target), {**data, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302, response.status_code


def _login_form(user):
    return {"username": user.username, "password": DEFAULT_PASSWORD}


def _signup_form():
    return {
        "username": "carol",
        "email": "carol@example.com",
        "password1": DEFAULT_PASSWORD,
        "password2": DEFAULT_PASSWORD,
    }


ACCOUNT_FORMS = [
    pytest.param("accounts:login", lambda user: _login_form(user), id="login"),
    pytest.param("accounts:signup", lambda user: _signup_form(), id="signup"),
]


@pytest.mark.parametrize(("name", "data"), ACCOUNT_FORMS)
def test_an_account_form_without_the_csrf_token_is_403_and_signs_nobody_in(alice, name, data):
    # Login CSRF: another site must not sign a browser in to an account of its choosing.
    browser = Client(enforce_csrf_checks=True)
    before = db_state()

    response = browser.post(reverse(name), data(alice))

    assert response.status_code == 403, response.status_code
    assert db_state() == before
    assert not _signed_in(browser)


@pytest.mark.parametrize(("name", "data"), ACCOUNT_FORMS)
def test_an_account_form_with_the_csrf_token_signs_in(alice, name, data):
    browser = Client(enforce_csrf_checks=True)
    token = _csrf_token(browser, reverse(name))

    response = browser.post(reverse(name), {**data(alice), "csrfmiddlewaretoken": token})

    assert response.status_code == 302, response.status_code
    assert _signed_in(browser)
