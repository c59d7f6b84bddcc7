"""Story 7.2: POST /api/v1/sessions/{id}/retake, plus the rules the contract adds."""

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.api.sessions_helpers import db_snapshot, session_url
from sessions_app.tests.factories import InterviewSessionFactory

pytestmark = pytest.mark.django_db


def _retake(client, session_or_id):
    return client.post(session_url("retake", session_or_id))


@pytest.fixture
def completed(alice):
    return InterviewSessionFactory(job_posting__owner=alice, completed=True)


def _complete(session):
    """Finish an attempt the way a user would leave it: every question answered."""
    InterviewSession.objects.filter(pk=session.pk).update(
        status="completed", current_question_number=5, score=80, completed_at=session.created_at
    )
    session.questions.update(answer="Done.", score=80)
    session.refresh_from_db()
    return session


def test_first_retake_is_201_numbered_2(alice_client, completed):
    response = _retake(alice_client, completed)

    assert response.status_code == 201
    body = response.json()
    assert body["retake_number"] == 2
    assert body["original_session_id"] == str(completed.pk)
    assert body["status"] == "active"
    assert body["current_question_number"] == 0
    assert body["job_posting_id"] == str(completed.job_posting_id)
    assert body["score"] is None
    assert body["completed_at"] is None
    assert body["can_retake"] is False
    assert len(body["questions"]) == 5


def test_retake_generates_fresh_unanswered_questions(alice_client, completed):
    body = _retake(alice_client, completed).json()

    new = InterviewSession.objects.get(pk=body["id"])
    assert new.questions.count() == 5
    assert not new.questions.exclude(answer="").exists()
    assert new.user_id == completed.user_id


def test_retake_persists_the_new_session(alice_client, completed):
    body = _retake(alice_client, completed).json()

    stored = InterviewSession.objects.get(pk=body["id"])
    assert (stored.retake_number, stored.original_session_id) == (2, completed.pk)


def test_second_retake_from_the_first_retake_is_numbered_3(alice_client, completed):
    second = _complete(
        InterviewSession.objects.get(pk=_retake(alice_client, completed).json()["id"])
    )

    response = _retake(alice_client, second)

    assert response.status_code == 201
    assert response.json()["retake_number"] == 3
    assert response.json()["original_session_id"] == str(completed.pk)


def test_chain_of_three_all_point_at_the_original(alice_client, completed):
    ids = []
    current = completed
    for _ in range(3):
        body = _retake(alice_client, current).json()
        ids.append(body["id"])
        current = _complete(InterviewSession.objects.get(pk=body["id"]))

    chain = InterviewSession.objects.filter(pk__in=ids).order_by("retake_number")
    assert [s.retake_number for s in chain] == [2, 3, 4]
    assert {s.original_session_id for s in chain} == {completed.pk}


def test_retaking_an_older_attempt_is_numbered_after_the_highest(alice_client, completed):
    second = _complete(
        InterviewSession.objects.get(pk=_retake(alice_client, completed).json()["id"])
    )
    _complete(InterviewSession.objects.get(pk=_retake(alice_client, second).json()["id"]))

    response = _retake(alice_client, completed)

    assert response.status_code == 201
    assert response.json()["retake_number"] == 4
    assert response.json()["original_session_id"] == str(completed.pk)


def test_retake_with_trailing_slash_also_works_without_redirect(alice_client, completed):
    response = alice_client.post(f"/api/v1/sessions/{completed.pk}/retake/")

    assert response.status_code == 201


def test_retake_route_is_the_story_path_without_trailing_slash(completed):
    assert reverse("api:session-retake", args=[completed.pk]) == (
        f"/api/v1/sessions/{completed.pk}/retake"
    )


def test_retake_of_active_session_is_400_and_changes_nothing(alice_client, alice):
    active = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = _retake(alice_client, active)

    assert response.status_code == 400
    assert response.json()["detail"] == {
        "code": "SESSION_NOT_COMPLETED",
        "message": "Session must be completed before retaking",
    }
    assert db_snapshot() == before


def test_retake_by_another_user_is_403_and_changes_nothing(bob_client, completed):
    before = db_snapshot()

    response = _retake(bob_client, completed)

    assert response.status_code == 403
    assert response.json()["detail"] == {
        "code": "UNAUTHORIZED",
        "message": "You don't have access to this session",
    }
    assert db_snapshot() == before


@pytest.mark.parametrize(
    "session_id", ["6f1c1b9e-7c7e-4d8e-9a38-2c0f5b8b1a11", "not-a-uuid", "a.b", "%20"]
)
def test_retake_of_unknown_or_malformed_id_is_404(alice_client, session_id):
    response = _retake(alice_client, session_id)

    assert response.status_code == 404
    assert response.json()["detail"] == {
        "code": "SESSION_NOT_FOUND",
        "message": "Session not found",
    }
    assert InterviewSession.objects.count() == 0


def test_retake_after_posting_deleted_is_400_missing_job_posting(alice_client, completed):
    JobPosting.objects.filter(pk=completed.job_posting_id).delete()
    before = db_snapshot()

    response = _retake(alice_client, completed)

    assert response.status_code == 400
    assert response.json()["detail"] == {
        "code": "MISSING_JOB_POSTING",
        "message": "Cannot retake session without associated job posting",
    }
    assert db_snapshot() == before


def test_retake_while_an_attempt_is_in_progress_is_409_with_its_id(alice_client, completed):
    in_progress = _retake(alice_client, completed).json()["id"]
    before = db_snapshot()

    response = _retake(alice_client, completed)

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["code"] == "RETAKE_IN_PROGRESS"
    assert detail["active_session_id"] == in_progress
    assert db_snapshot() == before


def test_retake_without_authentication_is_401_and_changes_nothing(anon_client, completed):
    before = db_snapshot()

    response = _retake(anon_client, completed)

    assert response.status_code == 401
    assert db_snapshot() == before


def test_get_on_the_retake_url_shows_the_session_and_changes_nothing(alice_client, completed):
    before = db_snapshot()

    response = alice_client.get(session_url("retake", completed))

    assert response.status_code == 200
    assert response.json()["id"] == str(completed.pk)
    assert response.json()["can_retake"] is True
    assert db_snapshot() == before


def test_retake_with_delete_is_405_and_changes_nothing(alice_client, completed):
    before = db_snapshot()

    response = alice_client.delete(session_url("retake", completed))

    assert response.status_code == 405
    assert response.json()["detail"]["code"] == "METHOD_NOT_ALLOWED"
    assert db_snapshot() == before


def test_retaking_an_earlier_attempt_while_a_later_one_is_active_is_409(alice_client, completed):
    second = _complete(
        InterviewSession.objects.get(pk=_retake(alice_client, completed).json()["id"])
    )
    third = _retake(alice_client, second).json()["id"]
    before = db_snapshot()

    response = _retake(alice_client, completed)

    assert response.status_code == 409
    assert response.json()["detail"]["active_session_id"] == third
    assert db_snapshot() == before


def test_retake_asks_questions_from_the_posting_as_it_is_now(alice_client, completed):
    posting = completed.job_posting
    posting.title = "Senior Kubernetes Platform Engineer"
    posting.description = "Run Kubernetes and Terraform for our platform team."
    posting.save()

    body = _retake(alice_client, completed).json()

    texts = " ".join(q["text"] for q in body["questions"])
    assert "Kubernetes" in texts


def test_retake_rolls_back_when_question_generation_fails(alice_client, completed, settings):
    settings.INTERVIEW_QUESTION_GENERATOR = "sessions_app.tests.engines.broken.FailingGenerator"
    before = db_snapshot()

    response = _retake(alice_client, completed)

    assert response.status_code == 500
    assert response.json()["detail"]["code"] == "SERVER_ERROR"
    assert db_snapshot() == before


def test_can_retake_is_false_while_an_attempt_is_in_progress(alice_client, completed):
    _retake(alice_client, completed)

    body = alice_client.get(session_url("detail", completed)).json()

    assert body["can_retake"] is False


def test_retake_shows_in_the_browsable_api_extra_actions(alice, completed):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(alice)

    response = client.get(session_url("detail", completed), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert b"Retake" in response.content


@pytest.mark.parametrize("chain_length", [2, 20])
def test_retake_query_budget_is_the_same_for_short_and_long_chains(
    alice_client, alice, chain_length, django_assert_num_queries
):
    original = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    for number in range(2, chain_length + 1):
        InterviewSessionFactory(
            job_posting=original.job_posting,
            original_session=original,
            retake_number=number,
            completed=True,
        )
    latest = InterviewSession.objects.get(original_session=original, retake_number=chain_length)

    # get_object: 1 the session (the permission reads its user_id; the service locks the
    #   chain's root and the posting it names).
    # service: 1 savepoint, 1 keep the account and the posting, lock the root and the
    #   session (one statement, sql.retake_rows), 1 the chain's attempts with the latest
    #   scores of the new questions (one statement: in progress, highest number,
    #   previous_score), 1 insert the attempt, 1 bulk insert its questions, 1 release
    #   savepoint.
    # response: built from the rows just written, no query.
    with django_assert_num_queries(7):
        response = _retake(alice_client, latest)

    assert response.status_code == 201
    assert response.json()["retake_number"] == chain_length + 1


def test_retaking_the_original_locks_it_once(alice_client, completed, django_assert_num_queries):
    # As above: the session locked is the root, and the one statement locks it once.
    with django_assert_num_queries(7):
        response = _retake(alice_client, completed)

    assert response.status_code == 201


def test_the_201_shows_what_a_read_of_the_new_attempt_shows(alice_client, completed):
    created = _retake(alice_client, completed).json()

    assert created == alice_client.get(session_url("detail", created["id"])).json()
