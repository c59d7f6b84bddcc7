"""What the scorer reads in an answer, as the API shows it: the talking points it covers,
and answers given twice named as such."""

import pytest

from sessions_app.tests.api.sessions_helpers import STRONG_ANSWER, answer, session_url
from sessions_app.tests.factories import InterviewSessionFactory
from sessions_app.tests.pages.conftest import retake_of

pytestmark = pytest.mark.django_db

POINTS = [
    "Profiles the slow endpoint before changing anything",
    "Fixes the query pattern and adds the right index",
    "Explains how the team prevents it coming back",
]


@pytest.fixture
def session(alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    session.questions.filter(number=1).update(
        text="Tell me about a time you made a slow API fast.", talking_points=POINTS
    )
    return session


def test_an_answer_shows_the_talking_points_it_covers(alice_client, session):
    first = answer(alice_client, session).json()["questions"][0]

    assert first["talking_points"] == POINTS
    assert set(first["talking_points_covered"]) <= {0, 1, 2}
    assert 1 in first["talking_points_covered"]


def test_feedback_says_what_was_covered_and_what_a_strong_answer_also_covers(alice_client, session):
    first = answer(alice_client, session).json()["questions"][0]
    covered = [POINTS[i] for i in first["talking_points_covered"]]
    missing = [point for point in POINTS if point not in covered]

    lines = first["feedback"].splitlines()
    said = next(line for line in lines if line.startswith("You covered"))
    assert all(point[1:] in said for point in covered)
    wanted = [f"A strong answer also covers: {p[0].lower()}{p[1:]}." for p in missing]
    assert [line for line in lines if line.startswith("A strong answer")][0] in wanted


def test_the_same_answer_given_to_a_second_question_is_named_and_capped(alice_client, session):
    answer(alice_client, session)

    second = answer(alice_client, session).json()["questions"][1]

    assert second["feedback"].startswith("The same answer as question 1:")
    assert second["score"] <= 40


def test_one_answer_pasted_into_every_question_makes_a_poor_session(alice_client, session):
    for _ in range(5):
        answer(alice_client, session)

    completed = alice_client.post(session_url("complete", session), format="json").json()

    assert completed["score"] <= 45


def test_a_retake_answered_as_last_time_is_named(alice_client, alice):
    original = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    original.questions.filter(number=1).update(answer=STRONG_ANSWER)
    attempt = retake_of(original)

    first = answer(alice_client, attempt).json()["questions"][0]

    assert "The same answer as your last attempt" in first["feedback"]


def test_a_different_answer_on_a_retake_is_not_named(alice_client, alice):
    original = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    attempt = retake_of(original)

    first = answer(alice_client, attempt).json()["questions"][0]

    assert "The same answer" not in first["feedback"]


def test_a_scorer_written_before_talking_points_still_scores(alice_client, session, settings):
    settings.INTERVIEW_ANSWER_SCORER = (
        "sessions_app.tests.engines.plugged.ScorerWithoutTalkingPoints"
    )

    first = answer(alice_client, session).json()["questions"][0]

    assert (first["score"], first["feedback"]) == (55, "Fine.")
    assert first["talking_points_covered"] == []
