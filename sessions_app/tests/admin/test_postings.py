"""Job postings in the admin: read, corrected and deleted through the services."""

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:sessions_app_jobposting_changelist")


def _edit(posting, **changes):
    return {
        "title": posting.title,
        "company": posting.company,
        "description": posting.description,
        **changes,
    }


@pytest.mark.parametrize("query", [{}, {"q": "Acme"}, {"created_at__year": "2026"}])
def test_the_changelist_renders_with_search_and_filters(admin_client, query):
    posting = JobPostingFactory()

    response = admin_client.get(CHANGELIST, query)

    assert list(response.context["cl"].result_list) == [posting]


def test_a_posting_is_corrected_through_the_service(admin_client):
    posting = JobPostingFactory()
    url = reverse("admin:sessions_app_jobposting_change", args=[posting.pk])

    response = admin_client.post(url, _edit(posting, title="Staff Engineer"))

    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "Staff Engineer"


def test_postings_are_not_added_from_the_admin(admin_client):
    response = admin_client.get(reverse("admin:sessions_app_jobposting_add"))

    assert response.status_code == 403


def test_deleting_postings_keeps_their_sessions(admin_client):
    session = InterviewSessionFactory(completed=True)
    other = JobPostingFactory()

    admin_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [str(session.job_posting_id), str(other.pk)],
            "post": "yes",
        },
    )

    assert not JobPosting.objects.exists()
    assert InterviewSession.objects.get().job_posting_id is None
