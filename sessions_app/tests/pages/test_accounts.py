"""Sign-up, log-in and log-out pages, and the login every other page needs."""

import pytest
from django.contrib.auth import get_user, get_user_model
from django.test import Client
from django.urls import reverse

from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
LOGIN = reverse("accounts:login")
SIGNUP = reverse("accounts:signup")


def _signed_in_as(client):
    return get_user(client)


def test_login_page_is_the_products_own():
    response = Client().get(LOGIN)

    assert response.status_code == 200
    assert "accounts/login.html" in [t.name for t in response.templates]
    assert "rest_framework/login.html" not in [t.name for t in response.templates]


def test_login_matches_the_username_ignoring_case(alice):
    client = Client()

    response = client.post(LOGIN, {"username": "ALICE", "password": DEFAULT_PASSWORD})

    assert response.status_code == 302
    assert _signed_in_as(client) == alice


def test_login_with_a_wrong_password_says_so_and_signs_nobody_in(alice):
    client = Client()

    response = client.post(LOGIN, {"username": "alice", "password": "not-it"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not _signed_in_as(client).is_authenticated


def test_login_goes_on_to_the_page_asked_for(alice, completed):
    page = reverse("pages:session", args=[completed.pk])

    response = Client().post(
        f"{LOGIN}?next={page}", {"username": "alice", "password": DEFAULT_PASSWORD, "next": page}
    )

    assert response["Location"] == page


def test_signup_creates_the_account_and_signs_it_in():
    client = Client()

    response = client.post(
        SIGNUP,
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("pages:dashboard")
    carol = User.objects.get(username="carol")
    assert carol.email == "carol@example.com"
    assert _signed_in_as(client) == carol


def test_signup_checks_the_password_with_djangos_validators():
    response = Client().post(
        SIGNUP,
        {"username": "carol", "email": "c@example.com", "password1": "123", "password2": "123"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["password2"]
    assert b"There is a problem" in response.content
    assert not User.objects.filter(username="carol").exists()


def test_signup_with_a_username_taken_in_another_case_is_refused(alice):
    response = Client().post(
        SIGNUP,
        {
            "username": "Alice",
            "email": "other@example.com",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )

    assert response.status_code == 400
    assert "username" in response.context["form"].errors
    assert User.objects.count() == 1


def test_signup_keeps_what_was_typed_when_refused():
    response = Client().post(
        SIGNUP,
        {"username": "carol", "email": "carol@example.com", "password1": "1", "password2": "2"},
    )

    assert b'value="carol@example.com"' in response.content


def test_logout_is_a_post(alice_web):
    response = alice_web.get(reverse("accounts:logout"))

    assert response.status_code == 405
    assert _signed_in_as(alice_web).is_authenticated


def test_logout_by_post_signs_out(alice_web):
    response = alice_web.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert not _signed_in_as(alice_web).is_authenticated


def test_every_page_shows_a_logout_button(alice_web):
    response = alice_web.get(reverse("pages:dashboard"))

    assert f'action="{reverse("accounts:logout")}"'.encode() in response.content


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("pages:posting-create", None),
        ("pages:posting", "posting"),
        ("pages:posting-edit", "posting"),
        ("pages:posting-delete", "posting"),
        ("pages:session", "session"),
        ("pages:attempts", "session"),
    ],
)
def test_pages_need_a_login_and_come_back_after_it(name, needs):
    session = InterviewSessionFactory()
    args = {"posting": [session.job_posting_id], "session": [session.pk], None: []}[needs]
    url = reverse(name, args=args)

    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={url}"


def test_the_browsable_api_keeps_its_login_link():
    response = Client().get(reverse("api:root"), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert f"{LOGIN}?next=".encode() in response.content
