"""The session page: one question at a time, then the score and feedback of each answer."""

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession
from sessions_app.services import ANSWER_MAX_LENGTH
from sessions_app.tests.api.sessions_helpers import STRONG_ANSWER, db_snapshot
from sessions_app.tests.factories import InterviewSessionFactory
from sessions_app.tests.pages.conftest import messages_of, retake_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(alice):
    return InterviewSessionFactory(job_posting__owner=alice)


def _page(client, session):
    return client.get(reverse("pages:session", args=[session.pk]))


def _answer(client, session, text=STRONG_ANSWER, number=None, **kwargs):
    number = number or session.current_question_number + 1
    return client.post(
        reverse("pages:session", args=[session.pk]),
        {"answer": text, "question_number": number},
        **kwargs,
    )


def test_an_active_session_shows_its_next_question_and_an_answer_box(alice_web, active):
    response = _page(alice_web, active)

    assert response.status_code == 200
    question = active.questions.get(number=1)
    assert b"Question 1 of 5" in response.content
    assert question.text.encode() in response.content
    assert b"<textarea" in response.content


def test_an_answer_is_scored_and_the_page_moves_on(alice_web, active):
    response = _answer(alice_web, active, follow=True)

    active.refresh_from_db()
    assert active.current_question_number == 1
    assert active.questions.get(number=1).score is not None
    assert response.redirect_chain == [(reverse("pages:session", args=[active.pk]), 302)]
    assert b"Question 2 of 5" in response.content


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Write an answer before sending it."),
        ("x" * (ANSWER_MAX_LENGTH + 1), "Keep the answer to at most 10,000 characters."),
    ],
)
def test_a_refused_answer_comes_back_beside_the_field_with_the_text_kept(
    alice_web, active, text, message
):
    before = db_snapshot()

    response = _answer(alice_web, active, text)

    assert response.status_code == 400
    assert response.context["form"].errors["answer"] == [message]
    assert text.encode() in response.content
    assert db_snapshot() == before


def test_an_answer_form_sent_twice_answers_one_question(alice_web, active):
    _answer(alice_web, active, number=1)

    response = _answer(alice_web, active, number=1, follow=True)

    active.refresh_from_db()
    assert active.current_question_number == 1
    assert active.questions.get(number=2).answer == ""
    assert b"Question 2 of 5" in response.content


def test_another_answer_for_an_answered_question_is_refused(alice_web, active):
    _answer(alice_web, active, number=1)

    response = _answer(alice_web, active, "A second thought.", number=1, follow=True)

    active.refresh_from_db()
    assert active.current_question_number == 1
    assert active.questions.get(number=1).answer == STRONG_ANSWER
    assert messages_of(response) == [
        "That question was already answered; here is where you are now."
    ]


def test_once_every_question_is_answered_the_page_offers_complete(alice_web, active):
    for _ in range(5):
        _answer(alice_web, active)
        active.refresh_from_db()

    response = _page(alice_web, active)

    assert b"All 5 questions answered" in response.content
    assert reverse("pages:session-complete", args=[active.pk]).encode() in response.content


def test_complete_shows_the_score(alice_web, active):
    for _ in range(5):
        _answer(alice_web, active)
        active.refresh_from_db()

    response = alice_web.post(reverse("pages:session-complete", args=[active.pk]), follow=True)

    active.refresh_from_db()
    assert active.status == "completed"
    assert messages_of(response) == [f"Session complete: you scored {active.score} out of 100."]


def test_complete_before_every_answer_is_refused_with_a_message(alice_web, active):
    before = db_snapshot()

    response = alice_web.post(reverse("pages:session-complete", args=[active.pk]), follow=True)

    assert messages_of(response) == ["Answer every question before completing the session"]
    assert db_snapshot() == before


def test_complete_sent_twice_is_refused_with_a_message(alice_web, completed):
    before = db_snapshot()

    response = alice_web.post(reverse("pages:session-complete", args=[completed.pk]), follow=True)

    assert messages_of(response) == ["Session is already completed"]
    assert db_snapshot() == before


def test_a_completed_session_shows_its_score_and_feedback_as_points(alice_web, completed):
    completed.questions.filter(number=1).update(feedback="Clear result.\nAdd the situation.")

    response = _page(alice_web, completed)

    content = response.content.decode()
    assert '<span class="big-score">70</span>' in content
    assert "<li>Clear result.</li>" in content
    assert "<li>Add the situation.</li>" in content


def test_a_retake_shows_each_questions_change_against_the_last_attempt(alice_web, completed):
    second = retake_of(completed, completed=True)
    second.questions.filter(number=1).update(score=82)
    second.questions.filter(number=2).update(score=67)

    response = _page(alice_web, second)

    rows = {row.question.number: row for row in response.context["rows"]}
    assert (rows[1].change, rows[1].trend) == ("+12", "up")
    assert (rows[2].change, rows[2].trend) == ("−3", "down")
    assert (rows[3].change, rows[3].trend) == ("±0", "same")
    assert reverse("pages:attempts", args=[second.pk]).encode() in response.content


@pytest.mark.parametrize("attempts", [2, 30])
def test_session_page_runs_the_same_queries_for_2_and_30_attempts(
    alice_web, completed, attempts, django_assert_num_queries
):
    latest = completed
    for _ in range(attempts - 1):
        latest = retake_of(latest, completed=True)

    # 1 the login session, 2 the user, 3 the session with its annotations, 4 its questions,
    # 5 the earlier attempts' scores for them (previous_score), 6 the chain's attempt in
    # progress. (An original needs no 5: it has no earlier attempt.)
    with django_assert_num_queries(6):
        response = _page(alice_web, latest)

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "name"),
    [
        ("get", "pages:session"),
        ("post", "pages:session"),
        ("post", "pages:session-complete"),
        ("post", "pages:session-retake"),
        ("get", "pages:attempts"),
    ],
)
def test_someone_elses_session_is_not_found_and_unchanged(bob_web, completed, method, name):
    before = db_snapshot()

    response = getattr(bob_web, method)(
        reverse(name, args=[completed.pk]), {"answer": STRONG_ANSWER, "question_number": 1}
    )

    assert response.status_code == 404
    assert db_snapshot() == before


@pytest.mark.parametrize(
    "path", ["/sessions/00000000-0000-0000-0000-000000000000/", "/sessions/nope/"]
)
def test_an_unknown_or_malformed_session_id_is_the_404_page(alice_web, path):
    response = alice_web.get(path)

    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert b"Page not found" in response.content


def test_an_answer_with_no_question_number_is_refused(alice_web, active):
    before = db_snapshot()

    response = alice_web.post(reverse("pages:session", args=[active.pk]), {"answer": STRONG_ANSWER})

    assert response.status_code == 400
    assert db_snapshot() == before
    assert InterviewSession.objects.get(pk=active.pk).current_question_number == 0


def test_each_answer_shows_what_its_score_is_made_of(alice_web, completed):
    criteria = {"structure": 81, "specifics": 62, "relevance": 90, "clarity": 47}
    completed.questions.update(criteria=criteria)

    page = alice_web.get(reverse("pages:session", args=[completed.pk])).content.decode()

    assert page.count('<dl class="criteria"') == completed.questions.count()
    for name, value in criteria.items():
        assert f"<dt>{name.capitalize()}</dt>" in page
        assert f'value="{value}"' in page


def test_an_answer_scored_without_criteria_shows_none(alice_web, completed):
    page = alice_web.get(reverse("pages:session", args=[completed.pk])).content.decode()

    assert '<dl class="criteria"' not in page


POINTS = ["Says who they told and when", "Names the protocol they followed"]


def test_an_open_question_folds_what_a_strong_answer_covers(alice_web, active):
    active.questions.filter(number=1).update(talking_points=POINTS)

    content = _page(alice_web, active).content.decode()

    details = content[content.index("<details") : content.index("</details>")]
    assert "What a strong answer covers" in details
    assert all(point in details for point in POINTS)


def test_a_question_without_talking_points_shows_no_fold(alice_web, active):
    assert b"<details" not in _page(alice_web, active).content


def test_a_scored_answer_shows_what_a_strong_answer_covers_beside_its_feedback(
    alice_web, completed
):
    completed.questions.filter(number=2).update(talking_points=POINTS)

    content = _page(alice_web, completed).content.decode()

    card = content[content.index('id="q2"') : content.index('id="q3"')]
    assert "What a strong answer covers" in card
    assert all(point in card for point in POINTS)
    assert "<details" not in content


def test_a_scored_answer_marks_the_talking_points_it_covered_and_missed(alice_web, completed):
    completed.questions.filter(number=2).update(talking_points=POINTS, talking_points_covered=[1])

    content = _page(alice_web, completed).content.decode()

    assert (
        f'<li class="missing">{POINTS[0]} <span class="tp-status">(not yet)</span></li>' in content
    )
    assert (
        f'<li class="covered">{POINTS[1]} <span class="tp-status">(covered)</span></li>' in content
    )


def _answered_pending(session, numbers):
    from django.utils import timezone

    session.questions.filter(number__in=numbers).update(
        answer=STRONG_ANSWER, answered_at=timezone.now(), scoring="pending"
    )
    session.current_question_number = max(numbers)
    session.save(update_fields=["current_question_number"])


def test_answers_being_scored_are_counted_and_the_next_question_asked_without_a_refresh(
    alice_web, active
):
    _answered_pending(active, [1])

    response = _page(alice_web, active)

    assert "Scoring your answers — 0 of 1 done" in response.content.decode()
    assert b"Question 2 of 5" in response.content
    assert b'http-equiv="refresh"' not in response.content
    assert b"Your answer is being scored." in response.content


def test_once_every_question_is_answered_the_page_refreshes_itself_until_all_are_scored(
    alice_web, active
):
    _answered_pending(active, [1, 2, 3, 4, 5])
    active.questions.filter(number__lte=3).update(scoring="done", score=70, feedback="Good.")

    response = _page(alice_web, active)

    assert "Scoring your answers — 3 of 5 done" in response.content.decode()
    assert b'<meta http-equiv="refresh" content="3">' in response.content
    assert b">Complete</button>" not in response.content


def test_completing_while_answers_are_scored_says_so_and_changes_nothing(alice_web, active):
    _answered_pending(active, [1, 2, 3, 4, 5])

    response = alice_web.post(reverse("pages:session-complete", args=[active.pk]), follow=True)

    active.refresh_from_db()
    assert active.status == InterviewSession.Status.ACTIVE
    assert messages_of(response) == [
        "Your answers are still being scored; complete the session in a few seconds"
    ]


def test_the_reader_can_turn_the_refreshing_off_and_check_again_when_they_choose(alice_web, active):
    _answered_pending(active, [1, 2, 3, 4, 5])

    refreshing = _page(alice_web, active)
    stopped = alice_web.get(reverse("pages:session", args=[active.pk]) + "?refresh=off")

    assert b'<a href="?refresh=off">Stop refreshing</a>' in refreshing.content
    assert b'http-equiv="refresh"' not in stopped.content
    assert b"Check again</a>" in stopped.content
