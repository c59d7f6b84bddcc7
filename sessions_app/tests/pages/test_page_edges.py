"""What every page does at the edges: bad methods, bad bodies, caching, throttles, DEBUG."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import ScopedRateThrottle

from sessions_app.models import InterviewSession
from sessions_app.tests.api.sessions_helpers import db_snapshot
from sessions_app.tests.factories import JobPostingFactory
from sessions_app.tests.pages.conftest import messages_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["pages:session-retake", "pages:session-complete"])
def test_opening_a_buttons_address_is_a_page_not_an_empty_405(alice_web, completed, name):
    before = db_snapshot()

    response = alice_web.get(reverse(name, args=[completed.pk]))

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert b"Nothing to open here" in response.content
    assert db_snapshot() == before


def test_opening_the_logout_address_is_the_same_page(alice_web):
    response = alice_web.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert b"Nothing to open here" in response.content


def test_the_api_keeps_its_own_405(alice_client, completed):
    response = alice_client.delete(reverse("api:session-retake", args=[completed.pk]))

    assert response.status_code == 405
    assert response.json()["detail"]["code"] == "METHOD_NOT_ALLOWED"


@pytest.mark.parametrize("charset", ["latin-1", "utf8", "utf-16"])
def test_a_form_body_not_in_utf8_is_415_not_500(charset):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32

    response = client.generic(
        "POST",
        reverse("accounts:login"),
        "username=caf\xe9".encode("latin-1"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 415


def test_a_form_body_declared_utf8_is_read(alice_web, completed):
    response = alice_web.generic(
        "POST",
        reverse("pages:session-retake", args=[completed.pk]),
        b"",
        content_type="application/x-www-form-urlencoded; charset=UTF-8",
    )

    assert response.status_code == 302


def test_pages_for_a_signed_in_user_are_not_cached(alice_web):
    response = alice_web.get(reverse("pages:dashboard"))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_start_practice_pressed_again_resumes_the_attempt_it_started(alice_web, alice):
    posting = JobPostingFactory(owner=alice)
    url = reverse("pages:session-start", args=[posting.pk])
    alice_web.post(url)

    response = alice_web.post(url, follow=True)

    session = InterviewSession.objects.get()
    assert response.redirect_chain == [(reverse("pages:session", args=[session.pk]), 302)]
    assert messages_of(response) == ["Attempt 1 is in progress: carry on."]


def test_logging_out_says_so_on_the_login_page(alice_web):
    response = alice_web.post(reverse("accounts:logout"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("accounts:login")
    assert messages_of(response) == ["You are logged out."]


def test_signup_shares_the_auth_throttle_and_then_checks_nothing(monkeypatch):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "1/minute")
    client = Client()
    client.post(reverse("accounts:signup"), {"username": "x"})

    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert b"Too many sign-ups" in response.content
    assert not InterviewSession.objects.exists()


def test_a_missing_session_is_the_products_404_page_with_debug_on_too(alice_web, settings):
    settings.DEBUG = True

    response = alice_web.get(reverse("pages:session", args=["no-such-session"]))

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_the_error_summary_names_each_field(alice_web):
    response = alice_web.post(reverse("pages:posting-create"), {})

    assert b"Title: This field is required." in response.content
    assert b"Description: This field is required." in response.content


def test_an_empty_post_to_the_edit_form_is_refused(alice_web, alice):
    posting = JobPostingFactory(owner=alice)

    response = alice_web.post(reverse("pages:posting-edit", args=[posting.pk]), {})

    assert response.status_code == 400
    posting.refresh_from_db()
    assert posting.title == "Senior Backend Engineer"


def test_the_attempts_page_offers_the_retake(alice_web, completed):
    response = alice_web.get(reverse("pages:attempts", args=[completed.pk]))

    action = reverse("pages:session-retake", args=[completed.pk])
    assert f'action="{action}"'.encode() in response.content


def test_the_stylesheet_is_served_with_debug_off(client, settings):
    assert settings.DEBUG is False

    response = client.get("/static/css/app.css")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
