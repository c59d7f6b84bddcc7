"""The chain of attempts, and the per-question progress every retake shows."""

import uuid

import pytest

from sessions_app.tests.api.sessions_helpers import session_url
from sessions_app.tests.factories import InterviewSessionFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _chain(alice, scores):
    """A chain whose attempt n has score ``scores[n-1]``; ``None`` means in progress."""
    original = None
    attempts = []
    for number, score in enumerate(scores, start=1):
        kwargs = {"completed": True, "score": score} if score is not None else {}
        if original is None:
            session = InterviewSessionFactory(job_posting__owner=alice, **kwargs)
            original = session
        else:
            session = InterviewSessionFactory(
                job_posting=original.job_posting,
                original_session=original,
                retake_number=number,
                **kwargs,
            )
        attempts.append(session)
    return attempts


def _attempts(client, session):
    return client.get(session_url("attempts", session))


def test_attempts_lists_the_chain_by_retake_number(alice_client, alice):
    attempts = _chain(alice, [50, 65, None])

    response = _attempts(alice_client, attempts[1])

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "original_session_id",
        "attempts",
        "best_score",
        "latest_score",
        "improvement",
    }
    assert body["original_session_id"] == str(attempts[0].pk)
    assert [a["retake_number"] for a in body["attempts"]] == [1, 2, 3]
    assert [a["id"] for a in body["attempts"]] == [str(a.pk) for a in attempts]
    assert set(body["attempts"][0]) == {
        "id",
        "url",
        "criteria",
        "retake_number",
        "status",
        "score",
        "created_at",
        "completed_at",
    }


def test_attempts_reports_best_latest_and_improvement(alice_client, alice):
    attempts = _chain(alice, [50, 80, 65, None])

    body = _attempts(alice_client, attempts[0]).json()

    assert body["best_score"] == 80
    assert body["latest_score"] == 65
    assert body["improvement"] == 15


def test_improvement_is_null_until_two_attempts_are_completed(alice_client, alice):
    attempts = _chain(alice, [50, None])

    body = _attempts(alice_client, attempts[1]).json()

    assert body["best_score"] == 50
    assert body["latest_score"] == 50
    assert body["improvement"] is None


def test_attempts_of_an_unfinished_original_has_no_scores(alice_client, alice):
    (original,) = _chain(alice, [None])

    body = _attempts(alice_client, original).json()

    assert (body["best_score"], body["latest_score"], body["improvement"]) == (None, None, None)


def test_attempts_without_authentication_is_401(anon_client, alice):
    (original,) = _chain(alice, [70])

    response = _attempts(anon_client, original)

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "NOT_AUTHENTICATED"


def test_attempts_of_another_users_session_is_403(bob_client, alice):
    (original,) = _chain(alice, [70])

    response = _attempts(bob_client, original)

    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "UNAUTHORIZED"


@pytest.mark.parametrize("session_id", [uuid.UUID(int=0), "not-a-uuid"])
def test_attempts_of_unknown_or_malformed_session_is_404(alice_client, session_id):
    response = alice_client.get(session_url("attempts", session_id))

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "SESSION_NOT_FOUND"


@pytest.mark.parametrize("length", [2, 20])
def test_attempts_query_count_is_constant(alice_client, alice, length, django_assert_num_queries):
    attempts = _chain(alice, [60] * length)

    # 1 the session for the permission check, 2 the whole chain, 3 its answers' criteria.
    with django_assert_num_queries(3):
        response = _attempts(alice_client, attempts[-1])

    assert len(response.json()["attempts"]) == length


def test_previous_score_is_the_latest_earlier_completed_score_for_the_same_question(
    alice_client, alice
):
    first, second, third = _chain(alice, [40, 60, None])
    for session, score in ((first, 40), (second, 60)):
        session.questions.filter(number=1).update(text="Why this role?", score=score)
    third.questions.filter(number=1).update(text="Why this role?")

    body = alice_client.get(session_url("detail", third)).json()

    assert body["questions"][0]["previous_score"] == 60


def test_previous_score_is_null_on_an_original(alice_client, alice):
    (original,) = _chain(alice, [70])

    body = alice_client.get(session_url("detail", original)).json()

    assert {q["previous_score"] for q in body["questions"]} == {None}


def test_previous_score_ignores_later_attempts(alice_client, alice):
    first, second = _chain(alice, [70, 90])
    for session in (first, second):
        session.questions.filter(number=2).update(text="Same text?")

    body = alice_client.get(session_url("detail", first)).json()

    assert body["questions"][1]["previous_score"] is None


def test_previous_score_ignores_other_chains_of_any_user(alice_client, alice, bob):
    first, second = _chain(alice, [70, None])
    first.questions.filter(number=2).update(text="Only in attempt one?")
    second.questions.filter(number=2).update(text="Shared text?")
    others = [
        InterviewSessionFactory(job_posting__owner=alice, completed=True, score=10),
        InterviewSessionFactory(job_posting__owner=bob, completed=True, score=20),
    ]
    for other in others:
        other.questions.filter(number=2).update(text="Shared text?")

    body = alice_client.get(session_url("detail", second)).json()

    assert body["questions"][1]["previous_score"] is None


def test_previous_score_skips_an_attempt_that_did_not_ask_the_question(alice_client, alice):
    first, second, third = _chain(alice, [40, 60, None])
    first.questions.filter(number=3).update(text="Rare question?", score=40)
    third.questions.filter(number=3).update(text="Rare question?")

    body = alice_client.get(session_url("detail", third)).json()

    assert body["questions"][2]["previous_score"] == 40


@pytest.mark.parametrize("questions", [1, 30])
def test_detail_query_count_is_constant(alice_client, alice, questions, django_assert_num_queries):
    first, second = _chain(alice, [70, None])
    second.questions.all().delete()
    for number in range(1, questions + 1):
        QuestionFactory(session=second, number=number)

    # 1 the session with its annotations and posting, 1 its questions, 1 the scores of the
    # chain's earlier completed attempts for those questions (previous_score).
    with django_assert_num_queries(3):
        response = alice_client.get(session_url("detail", second))

    assert len(response.json()["questions"]) == questions
