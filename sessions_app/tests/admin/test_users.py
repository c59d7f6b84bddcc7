"""The Django admin's user pages, which write through the services."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from sessions_app.models import InterviewSession
from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def _change_form(user, **changes):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("field", "value"), [("username", "Alice"), ("email", "ALICE@example.com")]
)
def test_changing_a_user_to_a_case_duplicate_is_refused_on_the_form(admin_client, field, value):
    UserFactory(username="alice", email="alice@example.com")
    bob = UserFactory(username="bob", email="bob@example.com")

    response = admin_client.post(
        reverse("admin:auth_user_change", args=[bob.pk]), _change_form(bob, **{field: value})
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    bob.refresh_from_db()
    assert (bob.username, bob.email) == ("bob", "bob@example.com")


def test_saving_a_user_unchanged_keeps_it(admin_client):
    bob = UserFactory(username="bob", email="bob@example.com")

    response = admin_client.post(
        reverse("admin:auth_user_change", args=[bob.pk]), _change_form(bob, first_name="Bob")
    )

    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.first_name == "Bob"


def test_deleting_a_user_with_a_chain_of_attempts_deletes_it_all(admin_client):
    original = InterviewSessionFactory(completed=True)
    InterviewSessionFactory(
        job_posting=original.job_posting, original_session=original, retake_number=2
    )

    response = admin_client.post(
        reverse("admin:auth_user_delete", args=[original.user_id]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk=original.user_id).exists()
    assert not InterviewSession.objects.exists()


def test_deleting_users_in_bulk_deletes_their_chains(admin_client):
    sessions = [InterviewSessionFactory(completed=True) for _ in range(2)]
    for original in sessions:
        InterviewSessionFactory(
            job_posting=original.job_posting, original_session=original, retake_number=2
        )

    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [s.user_id for s in sessions],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert not InterviewSession.objects.exists()
    assert User.objects.count() == 1


def test_adding_a_user_the_database_would_call_a_duplicate_is_refused_on_the_form(
    admin_client,
):
    UserFactory(username="ixabc")
    with connection.cursor() as cursor:
        cursor.execute("SELECT LOWER(%s) = LOWER(%s)", ["ixabc", "\u0130xabc"])
        clash = bool(cursor.fetchone()[0])

    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "\u0130xabc",
            "password1": "a-long-passphrase",
            "password2": "a-long-passphrase",
            "usable_password": "true",
        },
    )

    assert response.status_code == (200 if clash else 302)
    assert User.objects.count() == (2 if clash else 3)


def test_deactivating_a_user_ends_their_refresh_tokens_for_good(admin_client):
    bob = UserFactory(username="bob")
    refresh = (
        APIClient()
        .post(reverse("api:auth-token"), {"username": "bob", "password": DEFAULT_PASSWORD})
        .json()["refresh"]
    )
    admin_client.post(
        reverse("admin:auth_user_change", args=[bob.pk]), _change_form(bob, is_active="")
    )
    User.objects.filter(pk=bob.pk).update(is_active=True)

    response = APIClient().post(reverse("api:auth-token-refresh"), {"refresh": refresh})

    assert response.status_code == 401


def _deactivate_and_reactivate(admin_client, user) -> None:
    admin_client.post(
        reverse("admin:auth_user_change", args=[user.pk]), _change_form(user, is_active="")
    )
    User.objects.filter(pk=user.pk).update(is_active=True)


def test_deactivating_a_user_ends_their_access_tokens_for_good(admin_client):
    bob = UserFactory(username="bob")
    access = str(AccessToken.for_user(bob))
    _deactivate_and_reactivate(admin_client, bob)

    response = APIClient().get(reverse("api:auth-me"), HTTP_AUTHORIZATION=f"Bearer {access}")

    assert response.status_code == 401


def test_deactivating_a_user_ends_their_browser_logins_for_good(admin_client):
    bob = UserFactory(username="bob")
    browser = Client()
    browser.force_login(bob)
    _deactivate_and_reactivate(admin_client, bob)

    response = browser.get(reverse("accounts:account"))

    assert response.status_code == 302


def test_a_reactivated_user_signs_in_with_their_password_and_it_is_stored_plainly_again(
    admin_client,
):
    bob = UserFactory(username="bob")
    _deactivate_and_reactivate(admin_client, bob)

    response = APIClient().post(
        reverse("api:auth-token"), {"username": "bob", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    bob.refresh_from_db()
    assert not bob.password.startswith("signins_ended$")
    assert bob.check_password(DEFAULT_PASSWORD)
