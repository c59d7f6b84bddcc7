"""POST /api/v1/sessions/{id}/answers/: the next question, answered and scored."""

import uuid

import pytest

from sessions_app.models import JobPosting
from sessions_app.tests.api.sessions_helpers import (
    STRONG_ANSWER,
    answer,
    db_snapshot,
    session_url,
)
from sessions_app.tests.factories import InterviewSessionFactory

pytestmark = pytest.mark.django_db


def test_answer_scores_the_next_question(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = answer(alice_client, session)

    assert response.status_code == 200
    body = response.json()
    assert body["current_question_number"] == 1
    first = body["questions"][0]
    assert first["answer"] == STRONG_ANSWER
    assert 0 <= first["score"] <= 100
    assert first["feedback"]
    assert first["answered_at"] is not None
    assert body["questions"][1]["answer"] == ""


def test_answers_fill_questions_in_order(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    for n in range(3):
        answer(alice_client, session, text=f"{STRONG_ANSWER} ({n})")

    answers = list(session.questions.order_by("number").values_list("answer", flat=True))
    assert answers[:3] == [f"{STRONG_ANSWER} ({n})" for n in range(3)]
    assert answers[3:] == ["", ""]


def test_answer_strips_surrounding_whitespace(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    answer(alice_client, session, text=f"  {STRONG_ANSWER}\n")

    assert session.questions.get(number=1).answer == STRONG_ANSWER


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_blank_answer_is_400_and_changes_nothing(alice_client, alice, text):
    session = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = answer(alice_client, session, text=text)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "VALIDATION_ERROR"
    assert "answer" in response.json()["detail"]["fields"]
    assert db_snapshot() == before


@pytest.mark.parametrize("text", [5, 1.5, True, None, ["a"], {"a": 1}])
def test_answer_that_is_not_text_is_400_and_changes_nothing(alice_client, alice, text):
    session = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = answer(alice_client, session, text=text)

    assert response.status_code == 400
    assert "answer" in response.json()["detail"]["fields"]
    assert db_snapshot() == before


def test_answer_without_the_answer_field_is_400(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = alice_client.post(session_url("answers", session), {}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"]["fields"]["answer"] == ["This field is required."]


def test_answer_over_10000_characters_is_400_and_changes_nothing(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = answer(alice_client, session, text="x" * 10_001)

    assert response.status_code == 400
    assert "answer" in response.json()["detail"]["fields"]
    assert db_snapshot() == before


def test_answer_of_exactly_10000_characters_is_accepted(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = answer(alice_client, session, text=("word " * 2000)[:10_000])

    assert response.status_code == 200


def test_answer_on_completed_session_is_400_session_not_active(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    before = db_snapshot()

    response = answer(alice_client, session)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "SESSION_NOT_ACTIVE"
    assert db_snapshot() == before


def test_answer_when_all_answered_is_400_all_questions_answered(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, current_question_number=5)
    before = db_snapshot()

    response = answer(alice_client, session)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "ALL_QUESTIONS_ANSWERED"
    assert db_snapshot() == before


def test_answer_on_another_users_session_is_403_and_changes_nothing(alice_client, bob):
    session = InterviewSessionFactory(job_posting__owner=bob)
    before = db_snapshot()

    response = answer(alice_client, session)

    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "UNAUTHORIZED"
    assert db_snapshot() == before


@pytest.mark.parametrize("session_id", [uuid.UUID(int=0), "not-a-uuid"])
def test_answer_on_unknown_or_malformed_session_is_404(alice_client, session_id):
    response = alice_client.post(session_url("answers", session_id), {"answer": "x"}, format="json")

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "SESSION_NOT_FOUND"


def test_answer_without_authentication_is_401_and_changes_nothing(anon_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = answer(anon_client, session)

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "NOT_AUTHENTICATED"
    assert db_snapshot() == before


def test_answer_after_posting_deleted_still_scores(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    JobPosting.objects.filter(pk=session.job_posting_id).delete()

    response = answer(alice_client, session)

    assert response.status_code == 200
    assert response.json()["questions"][0]["score"] is not None


@pytest.mark.parametrize("suffix", ["", "/"])
def test_answers_route_works_with_and_without_trailing_slash(alice_client, alice, suffix):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = alice_client.post(
        session_url("answers", session).rstrip("/") + suffix,
        {"answer": STRONG_ANSWER},
        format="json",
    )

    assert response.status_code == 200


def test_answer_query_budget(alice_client, alice, django_assert_num_queries):
    session = InterviewSessionFactory(job_posting__owner=alice)

    # get_object: 1 the session. service: 1 savepoint, 1 lock + load the session with its
    # posting, 1 the next question, 1 the session's other answers (a repeat is named), 1 save
    # the question, 1 save the session, 1 release the savepoint. response: 1 the session with
    # its annotations, 1 its questions.
    with django_assert_num_queries(10):
        response = answer(alice_client, session)

    assert response.status_code == 200


@pytest.mark.parametrize("text", ["\u200b\u200b", "\ufeff", " \u200d\u2060 "])
def test_answer_of_only_invisible_characters_is_400_and_changes_nothing(alice_client, alice, text):
    session = InterviewSessionFactory(job_posting__owner=alice)
    before = db_snapshot()

    response = answer(alice_client, session, text=text)

    assert response.status_code == 400
    assert "answer" in response.json()["detail"]["fields"]
    assert db_snapshot() == before
