"""The Retake button: a POST that calls session_retake and opens the new attempt."""

import pytest
from django.test import Client
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.api.sessions_helpers import db_snapshot
from sessions_app.tests.factories import InterviewSessionFactory
from sessions_app.tests.pages.conftest import messages_of, retake_of

pytestmark = pytest.mark.django_db


def _retake(client, session, **kwargs):
    return client.post(reverse("pages:session-retake", args=[session.pk]), **kwargs)


def test_a_completed_session_page_has_a_retake_button(alice_web, completed):
    response = alice_web.get(reverse("pages:session", args=[completed.pk]))

    action = reverse("pages:session-retake", args=[completed.pk])
    assert f'action="{action}"'.encode() in response.content


def test_retake_opens_attempt_2(alice_web, completed):
    response = _retake(alice_web, completed, follow=True)

    attempt = InterviewSession.objects.get(original_session=completed)
    assert attempt.retake_number == 2
    assert attempt.status == "active"
    assert response.redirect_chain == [(reverse("pages:session", args=[attempt.pk]), 302)]
    assert messages_of(response) == [
        "Attempt 2 started: answer the same questions again and compare."
    ]
    assert b"Question 1 of 5" in response.content


def test_retake_of_a_retake_points_at_the_first_session(alice_web, completed):
    second = retake_of(completed, completed=True)

    _retake(alice_web, second)

    third = InterviewSession.objects.get(retake_number=3)
    assert third.original_session_id == completed.pk


def test_retake_sent_twice_creates_one_attempt_and_offers_to_resume_it(alice_web, completed):
    _retake(alice_web, completed, follow=True)
    before = db_snapshot()

    response = _retake(alice_web, completed, follow=True)

    assert db_snapshot() == before
    assert response.redirect_chain == [(reverse("pages:session", args=[completed.pk]), 302)]
    assert messages_of(response) == ["An attempt of this session is already in progress"]
    assert b"Resume attempt 2" in response.content


def test_retake_of_an_active_session_is_refused_with_the_storys_message(alice_web, alice):
    active = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = _retake(alice_web, active, follow=True)

    assert messages_of(response) == ["Session must be completed before retaking"]
    assert db_snapshot() == before


def test_retake_without_a_posting_is_refused_with_the_storys_message(alice_web, completed):
    JobPosting.objects.filter(pk=completed.job_posting_id).delete()
    before = db_snapshot()

    response = _retake(alice_web, completed, follow=True)

    assert messages_of(response) == ["Cannot retake session without associated job posting"]
    assert db_snapshot() == before
    assert b"cannot be retaken" in response.content


def test_retake_by_get_is_not_allowed(alice_web, completed):
    before = db_snapshot()

    response = alice_web.get(reverse("pages:session-retake", args=[completed.pk]))

    assert response.status_code == 405
    assert db_snapshot() == before


@pytest.mark.parametrize(
    "name",
    [
        "pages:session-retake",
        "pages:session-complete",
        "pages:session",
        "pages:session-start",
        "pages:posting-delete",
        "pages:posting-edit",
    ],
)
def test_every_form_needs_its_csrf_token(alice, completed, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    arg = completed.job_posting_id if "posting" in name or "start" in name else completed.pk
    before = (db_snapshot(), list(JobPosting.objects.values()))

    response = client.post(reverse(name, args=[arg]), {"answer": "x", "title": "x"})

    assert response.status_code == 403
    assert (db_snapshot(), list(JobPosting.objects.values())) == before


def test_forms_carry_a_csrf_token(alice, completed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    page = client.get(reverse("pages:session", args=[completed.pk]))
    token = page.context["csrf_token"]

    response = _retake(client, completed, data={"csrfmiddlewaretoken": str(token)})

    assert response.status_code == 302
    assert InterviewSession.objects.filter(original_session=completed).exists()
