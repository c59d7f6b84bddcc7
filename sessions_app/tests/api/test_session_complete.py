"""POST /api/v1/sessions/{id}/complete/, and the whole flow end to end."""

import uuid

import pytest

from sessions_app.models import InterviewSession
from sessions_app.tests.api.sessions_helpers import answer, db_snapshot, session_url, start
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


def _answered(owner, scores):
    session = InterviewSessionFactory(job_posting__owner=owner, questions=0)
    for number, score in enumerate(scores, start=1):
        session.questions.create(
            number=number, text=f"Q{number}?", category="role", answer="a", score=score
        )
    InterviewSession.objects.filter(pk=session.pk).update(current_question_number=len(scores))
    return session


def _complete(client, session_or_id):
    return client.post(session_url("complete", session_or_id))


def test_complete_sets_status_score_and_time(alice_client, alice):
    session = _answered(alice, [70, 71, 80, 90, 60])

    response = _complete(alice_client, session)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "completed"
    assert body["score"] == 74  # mean 74.2, rounded
    assert body["completed_at"] is not None
    assert body["can_retake"] is True


def test_complete_rounds_half_up(alice_client, alice):
    session = _answered(alice, [72, 73])

    response = _complete(alice_client, session)

    assert response.json()["score"] == 73


def test_complete_with_unanswered_questions_is_400_and_changes_nothing(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    answer(alice_client, session)
    before = db_snapshot()

    response = _complete(alice_client, session)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "QUESTIONS_UNANSWERED"
    assert db_snapshot() == before


def test_complete_twice_is_400_session_not_active_and_changes_nothing(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    before = db_snapshot()

    response = _complete(alice_client, session)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "SESSION_NOT_ACTIVE"
    assert db_snapshot() == before


def test_complete_another_users_session_is_403_and_changes_nothing(alice_client, bob):
    session = _answered(bob, [70, 80])
    before = db_snapshot()

    response = _complete(alice_client, session)

    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "UNAUTHORIZED"
    assert db_snapshot() == before


@pytest.mark.parametrize("session_id", [uuid.UUID(int=0), "not-a-uuid"])
def test_complete_unknown_or_malformed_session_is_404(alice_client, session_id):
    response = _complete(alice_client, session_id)

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "SESSION_NOT_FOUND"


def test_complete_without_authentication_is_401_and_changes_nothing(anon_client, alice):
    session = _answered(alice, [70, 80])
    before = db_snapshot()

    response = _complete(anon_client, session)

    assert response.status_code == 401
    assert db_snapshot() == before


def test_complete_query_budget(alice_client, alice, django_assert_num_queries):
    session = _answered(alice, [70, 80, 90, 60, 75])

    # get_object: 1 the session. service: 1 savepoint, 1 lock + load the session with its
    # posting, 1 the questions' scores, 1 save the session, 1 release the savepoint.
    # response: 1 the session with its annotations, 1 its questions.
    with django_assert_num_queries(8):
        response = _complete(alice_client, session)

    assert response.status_code == 200


def test_full_flow_from_start_to_completed(alice_client, alice):
    session_id = start(alice_client, JobPostingFactory(owner=alice)).json()["id"]

    for _ in range(5):
        assert answer(alice_client, session_id).status_code == 200
    response = _complete(alice_client, session_id)

    assert response.status_code == 200
    scores = [q["score"] for q in response.json()["questions"]]
    assert response.json()["score"] == int(sum(scores) / 5 + 0.5)
