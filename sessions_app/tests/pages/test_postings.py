"""Job posting pages: add, read, edit, delete (sessions stay), and Start practice."""

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory
from sessions_app.tests.pages.conftest import messages_of

pytestmark = pytest.mark.django_db

POSTING = {
    "title": "Data Analyst",
    "company": "Acme",
    "description": "SQL, Tableau and A/B testing for our growth team.",
}


@pytest.fixture
def posting(alice):
    return JobPostingFactory(owner=alice)


def _postings():
    return list(JobPosting.objects.order_by("pk").values())


def test_adding_a_posting_saves_it_and_shows_it(alice_web, alice):
    response = alice_web.post(reverse("pages:posting-create"), POSTING, follow=True)

    posting = JobPosting.objects.get()
    assert posting.owner == alice
    assert (posting.title, posting.company) == ("Data Analyst", "Acme")
    assert response.redirect_chain[-1][0] == reverse("pages:posting", args=[posting.pk])
    assert messages_of(response) == ["Saved “Data Analyst”. Start practising when ready."]


def test_a_posting_without_visible_title_is_refused_beside_the_field(alice_web):
    response = alice_web.post(
        reverse("pages:posting-create"), {**POSTING, "title": " \u200b "}, follow=True
    )

    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert b"SQL, Tableau and A/B testing" in response.content  # what was typed is kept
    assert not JobPosting.objects.exists()


def test_the_posting_page_shows_the_posting(alice_web, posting):
    response = alice_web.get(reverse("pages:posting", args=[posting.pk]))

    assert response.status_code == 200
    assert posting.description.encode() in response.content


def test_editing_a_posting_saves_the_change(alice_web, posting):
    url = reverse("pages:posting-edit", args=[posting.pk])

    response = alice_web.post(url, {**POSTING, "title": "Lead Analyst"})

    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.title == "Lead Analyst"


def test_the_edit_form_starts_from_the_posting(alice_web, posting):
    response = alice_web.get(reverse("pages:posting-edit", args=[posting.pk]))

    assert response.context["form"].initial["title"] == posting.title


def test_delete_asks_first(alice_web, posting):
    response = alice_web.get(reverse("pages:posting-delete", args=[posting.pk]))

    assert response.status_code == 200
    assert b"Delete posting" in response.content
    assert JobPosting.objects.filter(pk=posting.pk).exists()


def test_deleting_a_posting_keeps_its_sessions(alice_web, posting):
    session = InterviewSessionFactory(job_posting=posting, completed=True)

    response = alice_web.post(reverse("pages:posting-delete", args=[posting.pk]), follow=True)

    assert not JobPosting.objects.filter(pk=posting.pk).exists()
    session.refresh_from_db()
    assert session.job_posting_id is None
    assert "Its practice sessions are kept" in messages_of(response)[0]


def test_start_practice_opens_the_new_sessions_first_question(alice_web, posting):
    response = alice_web.post(reverse("pages:session-start", args=[posting.pk]))

    session = InterviewSession.objects.get()
    assert response["Location"] == reverse("pages:session", args=[session.pk])
    assert (session.job_posting, session.retake_number) == (posting, 1)
    assert session.questions.count() == 5


def test_start_practice_is_a_post(alice_web, posting):
    response = alice_web.get(reverse("pages:session-start", args=[posting.pk]))

    assert response.status_code == 405
    assert not InterviewSession.objects.exists()


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "pages:posting"),
        ("get", "pages:posting-edit"),
        ("post", "pages:posting-edit"),
        ("get", "pages:posting-delete"),
        ("post", "pages:posting-delete"),
        ("post", "pages:session-start"),
    ],
)
def test_someone_elses_posting_is_not_found_and_unchanged(bob_web, posting, method, name):
    before = _postings()

    response = getattr(bob_web, method)(reverse(name, args=[posting.pk]), POSTING)

    assert response.status_code == 404
    assert _postings() == before
    assert not InterviewSession.objects.exists()


def test_an_unknown_posting_is_the_404_page(alice_web):
    response = alice_web.get(
        reverse("pages:posting", args=["0" * 8 + "-0000-0000-0000-" + "0" * 12])
    )

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]


def test_a_practised_posting_leads_to_its_attempts_and_explains_starting_over(alice_web, posting):
    InterviewSessionFactory(job_posting=posting, completed=True)

    content = alice_web.get(reverse("pages:posting", args=[posting.pk])).content.decode()

    assert f"{reverse('pages:dashboard')}#posting-{posting.pk}" in content
    assert "<summary>Start over</summary>" in content
    assert "Start practice" not in content
