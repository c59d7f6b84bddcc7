"""The summary at the top of a completed session: strengths, the changes worth most, and on
a retake what moved since the attempt before."""

import pytest
from django.urls import reverse

from sessions_app.models import Question
from sessions_app.pages.summary import CHANGES, STRENGTHS
from sessions_app.tests.pages.conftest import retake_of

pytestmark = pytest.mark.django_db

CRITERIA = {"structure": 90, "specifics": 40, "relevance": 60, "clarity": 85}


def _criteria(session, criteria=CRITERIA, **fields):
    Question.objects.filter(session=session).update(criteria=criteria, **fields)


def _summary(client, session):
    return client.get(reverse("pages:session", args=[session.pk])).context["summary"]


def test_the_strongest_criteria_are_its_strengths(alice_web, completed):
    _criteria(completed)

    summary = _summary(alice_web, completed)

    assert summary.strengths == [STRENGTHS["structure"], STRENGTHS["clarity"]]


def test_the_changes_are_those_worth_most_to_the_score(alice_web, completed):
    _criteria(completed)

    summary = _summary(alice_web, completed)

    assert summary.changes == [CHANGES["specifics"], CHANGES["relevance"]]


def test_with_no_criterion_strong_the_strongest_is_named_as_not_yet_strong(alice_web, completed):
    _criteria(completed, {"structure": 50, "specifics": 40, "relevance": 60, "clarity": 45})

    summary = _summary(alice_web, completed)

    assert summary.strengths == [
        "Your strongest side was relevance (60 on average); none of the four reached 70 yet."
    ]


def test_talking_points_mostly_missed_make_one_of_the_changes(alice_web, completed):
    _criteria(completed, talking_points=["the risk", "who you told"], talking_points_covered=[])

    summary = _summary(alice_web, completed)

    assert summary.changes[1] == (
        "Cover more of what a strong answer covers: your answers touched 0 of 10 points. "
        "Question 1, for one, leaves out “the risk”."
    )


def test_a_first_attempt_has_nothing_to_compare(alice_web, completed):
    _criteria(completed)

    assert _summary(alice_web, completed).since_last == []


def test_a_retake_says_what_moved_since_the_attempt_before(alice_web, completed):
    _criteria(completed)
    second = retake_of(completed, completed=True)
    _criteria(second, {**CRITERIA, "specifics": 60})
    Question.objects.filter(session=second, number=3).update(
        score=55, criteria={**CRITERIA, "specifics": 60, "relevance": 20}
    )

    summary = _summary(alice_web, second)

    assert summary.since_last == [
        "On average, specifics up 20, relevance down 8.",
        "Question 3 down 15, most of it relevance (60 → 20).",
    ]


def test_a_retake_with_nothing_moved_says_so(alice_web, completed):
    _criteria(completed)
    second = retake_of(completed, completed=True)
    _criteria(second)

    assert _summary(alice_web, second).since_last == [
        "About the same as last time: nothing moved by 5 or more."
    ]


def test_a_retake_names_at_most_two_answers_drops_first(alice_web, completed):
    _criteria(completed)
    second = retake_of(completed, completed=True)
    _criteria(second)
    for number, score in ((1, 95), (2, 50), (3, 90), (4, 58)):
        Question.objects.filter(session=second, number=number).update(score=score)

    lines = _summary(alice_web, second).since_last

    assert [line.split(",")[0] for line in lines] == ["Question 2 down 20", "Question 4 down 12"]


def test_the_summary_is_shown_above_the_feedback(alice_web, completed):
    _criteria(completed)

    content = alice_web.get(reverse("pages:session", args=[completed.pk])).content.decode()

    assert content.index("What you did well") < content.index("Feedback on each answer")


def test_a_session_in_progress_has_no_summary(alice_web, completed):
    active = retake_of(completed)
    _criteria(active)

    assert _summary(alice_web, active) is None


def test_a_missed_talking_point_is_named_by_what_the_answer_did_not_cover(alice_web, completed):
    _criteria(completed, talking_points=["the risk", "who you told", "the outcome"])
    Question.objects.filter(session=completed).update(talking_points_covered=[0])

    summary = _summary(alice_web, completed)

    assert summary.changes[1].endswith("Question 1, for one, leaves out “who you told”.")


def test_relevance_is_no_strength_when_an_answer_missed_its_question(alice_web, completed):
    _criteria(completed, {"structure": 90, "specifics": 40, "relevance": 95, "clarity": 85})
    Question.objects.filter(session=completed, number=2).update(
        criteria={"structure": 90, "specifics": 40, "relevance": 30, "clarity": 85}
    )

    summary = _summary(alice_web, completed)

    assert STRENGTHS["relevance"] not in summary.strengths


def test_the_weakest_answer_is_named_to_start_with(alice_web, completed):
    _criteria(completed)
    Question.objects.filter(session=completed, number=4).update(score=21)

    summary = _summary(alice_web, completed)

    assert summary.changes[-1] == (
        "Start with question 4, your lowest score (21): its feedback below says what to change."
    )
