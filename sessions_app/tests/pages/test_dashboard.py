"""The dashboard: postings, their chains of attempts, and per chain Retake or Resume."""

import pytest
from django.urls import reverse

from sessions_app.models import JobPosting
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory
from sessions_app.tests.pages.conftest import retake_of

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("pages:dashboard")


def _chains(response):
    return [chain for group in response.context["groups"] for chain in group.chains]


def test_a_new_user_is_shown_how_to_start(alice_web):
    response = alice_web.get(DASHBOARD)

    assert response.status_code == 200
    assert response.context["groups"] == []
    assert reverse("pages:posting-create").encode() in response.content


def test_a_completed_chain_offers_a_retake_of_its_latest_attempt(alice_web, completed):
    second = retake_of(completed, completed=True)

    response = alice_web.get(DASHBOARD)

    assert reverse("pages:session-retake", args=[second.pk]).encode() in response.content
    assert b"Resume attempt" not in response.content


def test_attempts_are_listed_latest_first(alice_web, completed):
    second = retake_of(completed, completed=True)

    (chain,) = _chains(alice_web.get(DASHBOARD))

    assert [attempt.pk for attempt in chain.attempts] == [second.pk, completed.pk]


def test_a_chain_with_an_attempt_in_progress_offers_to_resume_it(alice_web, completed):
    active = retake_of(completed)

    response = alice_web.get(DASHBOARD)

    assert b"Resume attempt 2" in response.content
    assert reverse("pages:session", args=[active.pk]).encode() in response.content
    assert b"/retake/" not in response.content


def test_chains_of_a_deleted_posting_are_kept_without_a_retake(alice_web, completed):
    JobPosting.objects.filter(pk=completed.job_posting_id).delete()

    response = alice_web.get(DASHBOARD)

    (group,) = response.context["groups"]
    assert group.posting is None
    assert b"Deleted postings" in response.content
    assert b"/retake/" not in response.content


def test_each_posting_has_a_start_practice_button(alice_web, alice):
    posting = JobPostingFactory(owner=alice)

    response = alice_web.get(DASHBOARD)

    assert reverse("pages:session-start", args=[posting.pk]).encode() in response.content


def test_someone_elses_postings_and_sessions_are_not_listed(alice_web, bob):
    InterviewSessionFactory(job_posting__owner=bob, completed=True)

    response = alice_web.get(DASHBOARD)

    assert response.context["groups"] == []


@pytest.mark.parametrize("chains", [1, 30])
def test_dashboard_runs_the_same_queries_for_1_and_30_chains(
    alice_web, alice, chains, django_assert_num_queries
):
    posting = JobPostingFactory(owner=alice)
    for _ in range(chains):
        retake_of(InterviewSessionFactory(job_posting=posting, completed=True), completed=True)

    # 1 the login session, 2 the user, 3 the postings, 4 the sessions.
    with django_assert_num_queries(4):
        response = alice_web.get(DASHBOARD)

    assert len(_chains(response)) == chains


def test_a_posting_never_practised_offers_start_practice_as_the_main_action(alice_web, alice):
    JobPostingFactory(owner=alice)

    content = alice_web.get(DASHBOARD).content.decode()

    assert '<button type="submit" class="button">Start practice</button>' in content
    assert "Start over" not in content


def test_a_posting_with_attempts_offers_retake_first_and_start_over_explained(alice_web, completed):
    content = alice_web.get(DASHBOARD).content.decode()

    assert "Start practice" not in content
    assert content.index(">Retake</button>") < content.index("<summary>Start over</summary>")
    assert "begins a second, separate practice history with the same questions" in content


def test_no_page_says_chain(alice_web, completed):
    second = retake_of(completed, completed=True)
    pages = [
        DASHBOARD,
        reverse("pages:posting", args=[completed.job_posting_id]),
        reverse("pages:session", args=[second.pk]),
        reverse("pages:attempts", args=[second.pk]),
    ]

    for url in pages:
        assert "chain" not in alice_web.get(url).content.decode().lower(), url
