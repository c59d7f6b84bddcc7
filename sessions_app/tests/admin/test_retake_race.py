"""The admin action and the API retaking one chain at the same instant (PostgreSQL)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from sessions_app.models import InterviewSession
from sessions_app.tests.conftest import run_together
from sessions_app.tests.factories import InterviewSessionFactory, UserFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_the_action_racing_an_api_retake_leaves_exactly_one_new_attempt():
    alice = UserFactory(username="alice")
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)

    def work(index):
        if index % 2:
            client = APIClient()
            client.force_authenticate(alice)
            return client.post(reverse("api:session-retake", args=[session.pk])).status_code
        client = Client()
        client.force_login(root)
        return client.post(
            reverse("admin:sessions_app_interviewsession_changelist"),
            {"action": "create_retakes", "_selected_action": [str(session.pk)]},
        ).status_code

    results = run_together(8, work)

    assert all(status in {201, 302, 409} for status in results), results
    attempts = InterviewSession.objects.filter(original_session=session)
    assert [(a.retake_number, a.user_id) for a in attempts] == [(2, alice.pk)]
