"""GET /api/v1/auth/me/export/ and DELETE /api/v1/auth/me/: your data, to keep or delete."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.tests.factories import DEFAULT_PASSWORD, InterviewSessionFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def _all_rows():
    return [
        list(model.objects.order_by("pk").values())
        for model in (User, JobPosting, InterviewSession, Question)
    ]


def test_export_returns_the_accounts_data_as_a_json_attachment(alice_client, alice, bob):
    mine = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    InterviewSessionFactory(job_posting__owner=bob, completed=True)

    response = alice_client.get("/api/v1/auth/me/export/")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.json()
    assert [s["id"] for s in body["sessions"]] == [str(mine.pk)]
    assert len(body["sessions"][0]["questions"]) == 5
    assert [p["id"] for p in body["job_postings"]] == [str(mine.job_posting_id)]


def test_export_needs_a_token():
    assert APIClient().get("/api/v1/auth/me/export/").status_code == 401


def test_delete_with_a_wrong_password_is_400_and_deletes_nothing(alice_client, alice):
    InterviewSessionFactory(job_posting__owner=alice, completed=True)
    before = _all_rows()

    response = alice_client.delete("/api/v1/auth/me/", {"password": "wrong"}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"]["fields"] == {
        "password": ["That is not your current password."]
    }
    assert _all_rows() == before


def test_delete_removes_the_account_and_leaves_everyone_elses_rows(alice, bob):
    InterviewSessionFactory(job_posting__owner=alice, completed=True)
    InterviewSessionFactory(job_posting__owner=bob, completed=True)
    client = APIClient()
    tokens = client.post(
        "/api/v1/auth/token/", {"username": "alice", "password": DEFAULT_PASSWORD}, format="json"
    ).json()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    others = _others(alice)

    response = client.delete("/api/v1/auth/me/", {"password": DEFAULT_PASSWORD}, format="json")

    assert response.status_code == 204
    assert not User.objects.filter(pk=alice.pk).exists()
    assert _others(alice) == others
    assert client.get("/api/v1/auth/me/").status_code == 401


def _others(user):
    return [
        list(User.objects.exclude(pk=user.pk).order_by("pk").values()),
        list(JobPosting.objects.exclude(owner=user.pk).order_by("pk").values()),
        list(InterviewSession.objects.exclude(user=user.pk).order_by("pk").values()),
        list(Question.objects.exclude(session__user=user.pk).order_by("pk").values()),
    ]
