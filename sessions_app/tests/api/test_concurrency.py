"""Races, on PostgreSQL: threads released together by a barrier hit one session at once."""

import threading
import time
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from sessions_app import services
from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.conftest import run_together
from sessions_app.tests.factories import (
    DEFAULT_PASSWORD,
    InterviewSessionFactory,
    JobPostingFactory,
    UserFactory,
)

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

THREADS = 16


def _completed_chain_of_two(owner):
    original = InterviewSessionFactory(job_posting__owner=owner, completed=True)
    second = InterviewSessionFactory(
        job_posting=original.job_posting,
        original_session=original,
        retake_number=2,
        completed=True,
    )
    return original, second


def _post_anonymously(url, data):
    response = APIClient().post(url, data, format="json")
    return response.status_code, response.json() if response.content else None


def _post_as(user, url, data=None):
    client = APIClient()
    client.force_authenticate(user)
    response = client.post(url, data or {}, format="json")
    return response.status_code, response.json()


def test_concurrent_answers_fill_each_question_exactly_once_in_order():
    alice = UserFactory(username="alice")
    session = InterviewSessionFactory(job_posting__owner=alice)
    url = reverse("api:session-answers", args=[session.pk])

    results = run_together(
        THREADS, lambda i: _post_as(alice, url, {"answer": f"Answer from thread {i}."})
    )

    statuses = Counter(status for status, _ in results)
    assert statuses == {200: 5, 400: THREADS - 5}
    assert all(
        body["detail"]["code"] == "ALL_QUESTIONS_ANSWERED"
        for status, body in results
        if status == 400
    )
    session.refresh_from_db()
    assert session.current_question_number == 5
    questions = list(session.questions.order_by("number"))
    assert all(q.answer.startswith("Answer from thread") for q in questions)
    assert len({q.answer for q in questions}) == 5
    answered_times = [q.answered_at for q in questions]
    assert answered_times == sorted(answered_times)


def test_concurrent_retakes_of_one_session_create_exactly_one_attempt():
    alice = UserFactory(username="alice")
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    url = reverse("api:session-retake", args=[session.pk])

    results = run_together(THREADS, lambda i: _post_as(alice, url))

    statuses = Counter(status for status, _ in results)
    assert statuses == {201: 1, 409: THREADS - 1}
    created = next(body for status, body in results if status == 201)
    assert all(
        body["detail"]["code"] == "RETAKE_IN_PROGRESS"
        and body["detail"]["active_session_id"] == created["id"]
        for status, body in results
        if status == 409
    )
    assert InterviewSession.objects.filter(original_session=session).count() == 1
    assert InterviewSession.objects.get(pk=created["id"]).questions.count() == 5


def test_concurrent_retakes_of_two_attempts_of_a_chain_create_one_attempt_numbered_3():
    alice = UserFactory(username="alice")
    original, second = _completed_chain_of_two(alice)
    urls = [reverse("api:session-retake", args=[s.pk]) for s in (original, second)]

    results = run_together(THREADS, lambda i: _post_as(alice, urls[i % 2]))

    assert Counter(status for status, _ in results) == {201: 1, 409: THREADS - 1}
    new = InterviewSession.objects.get(original_session=original, status="active")
    assert new.retake_number == 3
    assert InterviewSession.objects.filter(user=alice).count() == 3


def _delete_as(user, url):
    client = APIClient()
    client.force_authenticate(user)
    response = client.delete(url)
    return response.status_code, None


def test_retakes_racing_the_postings_deletion_never_fail():
    alice = UserFactory(username="alice")
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    retake_url = reverse("api:session-retake", args=[session.pk])
    delete_url = reverse("api:job-posting-detail", args=[session.job_posting_id])

    results = run_together(
        8, lambda i: _delete_as(alice, delete_url) if i == 0 else _post_as(alice, retake_url)
    )

    statuses = [status for status, _ in results]
    assert statuses[0] == 204
    assert set(statuses[1:]) <= {201, 400, 409}
    assert not JobPosting.objects.exists()
    assert not InterviewSession.objects.filter(job_posting__isnull=False).exists()


def test_starts_racing_the_postings_deletion_never_fail():
    alice = UserFactory(username="alice")
    posting = InterviewSessionFactory(job_posting__owner=alice, completed=True).job_posting
    start_url = reverse("api:session-list")
    delete_url = reverse("api:job-posting-detail", args=[posting.pk])

    results = run_together(
        8,
        lambda i: (
            _delete_as(alice, delete_url)
            if i == 0
            else _post_as(alice, start_url, {"job_posting_id": str(posting.pk)})
        ),
    )

    statuses = [status for status, _ in results]
    assert statuses[0] == 204
    assert set(statuses[1:]) <= {201, 400}
    assert not InterviewSession.objects.filter(job_posting__isnull=False).exists()


def test_simultaneous_sign_ups_for_one_username_create_one_account():
    def register(i):
        response = APIClient().post(
            reverse("api:auth-register"),
            {"username": "sam", "email": f"sam{i}@example.com", "password": "a-long-passphrase"},
            format="json",
        )
        return response.status_code, response.json()

    results = run_together(8, register)

    assert Counter(status for status, _ in results) == {201: 1, 400: 7}
    assert get_user_model().objects.filter(username="sam").count() == 1


def test_simultaneous_sign_ups_for_one_username_in_different_cases_create_one_account():
    def register(i):
        response = APIClient().post(
            reverse("api:auth-register"),
            {
                "username": "sam" if i % 2 else "Sam",
                "email": f"sam{i}@example.com",
                "password": "a-long-passphrase",
            },
            format="json",
        )
        return response.status_code, response.json()

    results = run_together(8, register)

    assert Counter(status for status, _ in results) == {201: 1, 400: 7}
    assert all("username" in body["detail"]["fields"] for status, body in results if status == 400)
    assert get_user_model().objects.filter(username__iexact="sam").count() == 1


def test_simultaneous_sign_ups_for_one_email_create_one_account():
    def register(i):
        response = APIClient().post(
            reverse("api:auth-register"),
            {"username": f"sam{i}", "email": "Sam@Example.com", "password": "a-long-passphrase"},
            format="json",
        )
        return response.status_code, response.json()

    results = run_together(8, register)

    assert Counter(status for status, _ in results) == {201: 1, 400: 7}
    assert get_user_model().objects.filter(email__iexact="sam@example.com").count() == 1


def test_edits_racing_the_postings_deletion_never_fail():
    alice = UserFactory(username="alice")
    posting = JobPostingFactory(owner=alice)
    url = reverse("api:job-posting-detail", args=[posting.pk])

    def edit_or_delete(i):
        client = APIClient()
        client.force_authenticate(alice)
        if i == 0:
            return client.delete(url).status_code
        return client.patch(url, {"title": f"Title {i}"}, format="json").status_code

    statuses = run_together(8, edit_or_delete)

    assert statuses[0] == 204
    assert set(statuses[1:]) <= {200, 404}
    assert not JobPosting.objects.exists()


def test_retakes_racing_the_accounts_deletion_never_fail():
    alice = UserFactory(username="alice")
    original, _ = _completed_chain_of_two(alice)
    url = reverse("api:session-retake", args=[original.pk])

    def delete_or_retake(i):
        if i == 0:
            services.user_delete(user=get_user_model().objects.get(pk=alice.pk))
            return "deleted"
        return _post_as(alice, url)[0]

    results = run_together(8, delete_or_retake)

    assert results[0] == "deleted"
    assert set(results[1:]) <= {201, 404, 409}
    assert not InterviewSession.objects.exists()
    assert not JobPosting.objects.exists()


def test_retake_racing_a_writer_outside_the_service_is_409_not_500():
    """The chain constraints are the backstop for writers that take none of our locks: here
    an attempt is put back in progress (by hand, say) while a retake is being created."""
    alice = UserFactory(username="alice")
    original, second = _completed_chain_of_two(alice)
    reactivated = threading.Event()

    def reactivate_second():
        try:
            with transaction.atomic():
                InterviewSession.objects.filter(pk=second.pk).update(
                    status="active", score=None, completed_at=None
                )
                reactivated.set()
                # Hold the uncommitted row while the retake checks the chain (it cannot see
                # this row yet) and tries its insert, which must wait for us.
                time.sleep(1)
        finally:
            connection.close()

    writer = threading.Thread(target=reactivate_second)
    writer.start()
    reactivated.wait(timeout=10)
    status, body = _post_as(alice, reverse("api:session-retake", args=[original.pk]))
    writer.join(timeout=30)

    assert status == 409
    assert body["detail"]["code"] == "RETAKE_IN_PROGRESS"
    assert body["detail"]["active_session_id"] == str(second.pk)
    assert InterviewSession.objects.filter(original_session=original).count() == 1


def _refresh_token_for(user):
    return str(RefreshToken.for_user(user))


def test_one_refresh_token_sent_at_once_rotates_exactly_once():
    alice = UserFactory(username="alice")
    refresh = _refresh_token_for(alice)
    url = reverse("api:auth-token-refresh")

    results = run_together(THREADS, lambda i: _post_anonymously(url, {"refresh": refresh}))

    statuses = Counter(status for status, _ in results)
    assert statuses == {200: 1, 401: THREADS - 1}
    assert all(
        body["detail"]["code"] == "TOKEN_INVALID" for status, body in results if status == 401
    )


def test_a_logout_racing_refreshes_lets_exactly_one_of_them_use_the_token():
    alice = UserFactory(username="alice")
    refresh = _refresh_token_for(alice)
    logout_url = reverse("api:auth-logout")
    refresh_url = reverse("api:auth-token-refresh")

    results = run_together(
        8,
        lambda i: _post_anonymously(logout_url if i == 0 else refresh_url, {"refresh": refresh}),
    )

    issued = [body["refresh"] for status, body in results[1:] if status == 200]
    assert results[0][0] in {204, 401}
    assert len(issued) + (results[0][0] == 204) == 1


def _delete_account_while(work, threads=8, delay=0.0):
    """Run ``work(i)`` in threads 1.. while thread 0 deletes alice's account (after
    ``delay`` seconds); return their results, after checking the deletion went through."""
    alice = get_user_model().objects.get(username="alice")

    def delete_or_work(i):
        if i == 0:
            time.sleep(delay)
            services.user_delete(user=alice)
            return "deleted"
        return work(i)

    results = run_together(threads, delete_or_work)
    assert results[0] == "deleted"
    assert not get_user_model().objects.filter(username="alice").exists()
    return results[1:]


def test_posting_creation_racing_the_accounts_deletion_never_fails():
    alice = UserFactory(username="alice")
    url = reverse("api:job-posting-list")

    statuses = _delete_account_while(
        lambda i: _post_as(alice, url, {"title": f"T{i}", "description": "D"})[0]
    )

    assert set(statuses) <= {201, 401}
    assert not JobPosting.objects.exists()


def test_sign_ins_racing_the_accounts_deletion_never_fail():
    UserFactory(username="alice")
    url = reverse("api:auth-token")
    credentials = {"username": "alice", "password": DEFAULT_PASSWORD}

    statuses = _delete_account_while(lambda i: _post_anonymously(url, credentials)[0])

    assert set(statuses) <= {200, 401}


def test_refreshes_racing_the_accounts_deletion_never_fail():
    alice = UserFactory(username="alice")
    tokens = [_refresh_token_for(alice) for _ in range(8)]
    url = reverse("api:auth-token-refresh")

    statuses = _delete_account_while(lambda i: _post_anonymously(url, {"refresh": tokens[i]})[0])

    assert set(statuses) <= {200, 401}


def test_retakes_without_a_posting_racing_the_accounts_deletion_never_fail():
    alice = UserFactory(username="alice")
    original, second = _completed_chain_of_two(alice)
    JobPosting.objects.all().delete()
    urls = [reverse("api:session-retake", args=[s.pk]) for s in (original, second)]

    statuses = _delete_account_while(lambda i: _post_as(alice, urls[i % 2])[0], threads=16)

    assert set(statuses) <= {400, 404}
    assert not InterviewSession.objects.exists()


def test_browser_sign_ins_racing_the_accounts_deletion_never_fail(settings):
    from django.test import Client

    # The real hasher: its slowness is the window in which the account gets deleted.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    UserFactory(username="alice")
    form = {"username": "alice", "password": DEFAULT_PASSWORD}

    # Deleted while the sign-ins hash the password: after they found the account, before
    # they sign it in.
    statuses = _delete_account_while(
        lambda i: Client().post(reverse("rest_framework:login"), form).status_code, delay=0.2
    )

    assert set(statuses) <= {200, 302}
