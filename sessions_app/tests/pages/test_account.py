"""The account pages: password reset by email, change password and email, download your
data, delete your account."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.throttling import ScopedRateThrottle

from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory
from sessions_app.tests.pages.conftest import messages_of

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "a-brand-new-passphrase-77"


def _reset_link() -> str:
    (email,) = mail.outbox
    return re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", email.body).group(1)


def _ask_reset(client, address):
    return client.post(reverse("accounts:password_reset"), {"email": address}, follow=True)


def _set_password(client, link, password=NEW_PASSWORD):
    form = client.get(link, follow=True)
    return client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link,
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def test_the_login_page_links_to_password_reset_and_sign_up():
    content = Client().get(reverse("accounts:login")).content.decode()

    assert reverse("accounts:password_reset") in content
    assert reverse("accounts:signup") in content


def test_a_reset_emails_a_link_to_a_known_address(alice):
    response = _ask_reset(Client(), alice.email)

    assert b"Check your email" in response.content
    assert mail.outbox[0].to == [alice.email]
    assert _reset_link().startswith("/accounts/reset/")


def test_an_unknown_address_gets_the_same_page_and_no_email():
    response = _ask_reset(Client(), "nobody@example.com")

    assert b"Check your email" in response.content
    assert mail.outbox == []


def test_the_link_sets_a_new_password_that_logs_in(alice):
    client = Client()
    _ask_reset(client, alice.email)

    done = _set_password(client, _reset_link())

    assert b"Your password is changed" in done.content
    assert Client().login(username=alice.username, password=NEW_PASSWORD)


def test_the_link_works_once(alice):
    client = Client()
    _ask_reset(client, alice.email)
    link = _reset_link()
    _set_password(client, link)

    again = Client().get(link, follow=True)

    assert b"This link no longer works" in again.content


def test_an_expired_link_is_refused(alice, settings):
    _ask_reset(Client(), alice.email)
    settings.PASSWORD_RESET_TIMEOUT = -1

    response = Client().get(_reset_link(), follow=True)

    assert b"This link no longer works" in response.content


def test_reset_requests_share_the_login_throttle(monkeypatch, alice):
    monkeypatch.setitem(ScopedRateThrottle.THROTTLE_RATES, "auth", "1/minute")
    client = Client()
    _ask_reset(client, "nobody@example.com")

    response = client.post(reverse("accounts:password_reset"), {"email": alice.email})

    assert response.status_code == 429
    assert mail.outbox == []


def test_changing_the_password_keeps_this_browser_signed_in(alice_web, alice):
    response = alice_web.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )

    assert messages_of(response) == ["Your password is changed."]
    assert alice_web.get(reverse("accounts:account")).status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(NEW_PASSWORD)


def test_changing_the_password_signs_out_every_other_browser(alice_web, alice):
    other = Client()
    other.force_login(alice)

    alice_web.post(
        reverse("accounts:password_change"),
        {
            "old_password": DEFAULT_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert other.get(reverse("accounts:account")).status_code == 302


def test_the_email_changes_with_the_password(alice_web, alice):
    response = alice_web.post(
        reverse("accounts:account_email"),
        {"email": "alice.new@example.com", "password": DEFAULT_PASSWORD},
        follow=True,
    )

    assert messages_of(response) == ["Your email is now alice.new@example.com."]
    alice.refresh_from_db()
    assert alice.email == "alice.new@example.com"


def test_the_email_change_is_refused_with_a_wrong_password(alice_web, alice):
    response = alice_web.post(
        reverse("accounts:account_email"), {"email": "x@example.com", "password": "wrong"}
    )

    assert response.status_code == 400
    assert "That is not your current password." in response.content.decode()
    alice.refresh_from_db()
    assert alice.email != "x@example.com"


def test_the_email_change_is_refused_for_another_accounts_address(alice_web, alice, bob):
    response = alice_web.post(
        reverse("accounts:account_email"),
        {"email": bob.email.upper(), "password": DEFAULT_PASSWORD},
    )

    assert response.status_code == 400
    alice.refresh_from_db()
    assert alice.email.lower() != bob.email.lower()


def test_the_download_holds_every_row_of_the_account_and_no_one_elses(alice_web, alice, bob):
    mine = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    InterviewSessionFactory(job_posting__owner=bob, completed=True)

    response = alice_web.get(reverse("accounts:account_export"))

    assert response["Content-Disposition"] == (
        f'attachment; filename="interview-practice-{alice.username}.json"'
    )
    data = json.loads(response.content)
    assert data["account"]["username"] == alice.username
    assert [p["id"] for p in data["job_postings"]] == [str(mine.job_posting_id)]
    (session,) = data["sessions"]
    assert session["id"] == str(mine.pk)
    assert [q["answer"] for q in session["questions"]] == list(
        Question.objects.filter(session=mine).order_by("number").values_list("answer", flat=True)
    )


def _others_rows(user):
    """Every row but ``user``'s (every row for ``None``)."""
    pk = user and user.pk
    return (
        list(User.objects.exclude(pk=pk).order_by("pk").values()),
        list(JobPosting.objects.exclude(owner=pk).order_by("pk").values()),
        list(InterviewSession.objects.exclude(user=pk).order_by("pk").values()),
        list(Question.objects.exclude(session__user=pk).order_by("pk").values()),
    )


def test_deleting_the_account_removes_all_of_it_and_nothing_else(alice_web, alice, bob):
    mine = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    InterviewSessionFactory(original_session=mine, job_posting=mine.job_posting, user=alice,
                            retake_number=2)  # fmt: skip
    InterviewSessionFactory(job_posting__owner=bob, completed=True)
    before = _others_rows(alice)

    response = alice_web.post(
        reverse("accounts:account_delete"), {"password": DEFAULT_PASSWORD}, follow=True
    )

    assert messages_of(response) == [
        f"The account {alice.username} and everything in it are deleted."
    ]
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not JobPosting.objects.filter(owner=alice.pk).exists()
    assert not InterviewSession.objects.filter(user=alice.pk).exists()
    assert _others_rows(alice) == before


def test_deleting_the_account_is_refused_with_a_wrong_password(alice_web, alice):
    InterviewSessionFactory(job_posting__owner=alice)
    alice_web.get(reverse("accounts:account_delete"))
    before = _others_rows(None)

    response = alice_web.post(reverse("accounts:account_delete"), {"password": "wrong"})

    assert response.status_code == 400
    assert _others_rows(None) == before


def test_the_account_page_needs_a_login():
    response = Client().get(reverse("accounts:account"))

    assert response.status_code == 302


def test_settings_for_reset_links_expire_within_a_day(settings):
    assert timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT) <= timedelta(days=1)
