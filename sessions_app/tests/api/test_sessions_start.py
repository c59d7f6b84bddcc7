"""POST /api/v1/sessions/: a new session with generated questions."""

import uuid

import pytest

from sessions_app.models import InterviewSession, Question
from sessions_app.tests.api.sessions_helpers import LIST_URL, start
from sessions_app.tests.factories import JobPostingFactory

pytestmark = pytest.mark.django_db


def test_start_creates_active_session_with_generated_questions(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    response = start(alice_client, posting)

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "active"
    assert body["current_question_number"] == 0
    assert body["retake_number"] == 1
    assert body["original_session_id"] is None
    assert body["job_posting_id"] == str(posting.pk)
    assert body["job_posting_title"] == posting.title
    assert body["question_count"] == 5
    assert body["can_retake"] is False
    assert [q["number"] for q in body["questions"]] == [1, 2, 3, 4, 5]
    assert all(q["answer"] == "" and q["score"] is None for q in body["questions"])
    assert Question.objects.filter(session_id=body["id"]).count() == 5


def test_start_uses_the_configured_question_count(alice_client, alice, settings):
    settings.INTERVIEW_QUESTION_COUNT = 3

    response = start(alice_client, JobPostingFactory(owner=alice))

    assert response.json()["question_count"] == 3


def test_start_gives_the_same_questions_for_the_same_posting(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    first = start(alice_client, posting).json()["questions"]
    second = start(alice_client, posting).json()["questions"]

    assert [q["text"] for q in first] == [q["text"] for q in second]


def test_start_with_another_users_posting_is_400_and_creates_nothing(alice_client, bob):
    response = start(alice_client, JobPostingFactory(owner=bob))

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail["code"] == "VALIDATION_ERROR"
    assert "job_posting_id" in detail["fields"]
    assert InterviewSession.objects.count() == 0


def test_start_with_unknown_posting_is_400_and_creates_nothing(alice_client):
    response = alice_client.post(LIST_URL, {"job_posting_id": str(uuid.UUID(int=0))}, format="json")

    assert response.status_code == 400
    assert "job_posting_id" in response.json()["detail"]["fields"]
    assert InterviewSession.objects.count() == 0


def test_start_with_malformed_posting_id_is_400_and_creates_nothing(alice_client):
    response = alice_client.post(LIST_URL, {"job_posting_id": "abc"}, format="json")

    assert response.status_code == 400
    assert "job_posting_id" in response.json()["detail"]["fields"]
    assert InterviewSession.objects.count() == 0


def test_start_without_authentication_is_401_and_creates_nothing(anon_client, alice):
    response = start(anon_client, JobPostingFactory(owner=alice))

    assert response.status_code == 401
    assert InterviewSession.objects.count() == 0


def test_start_rolls_back_when_question_generation_fails(alice_client, alice, settings):
    settings.INTERVIEW_QUESTION_GENERATOR = "sessions_app.tests.engines.broken.FailingGenerator"

    response = start(alice_client, JobPostingFactory(owner=alice))

    assert response.status_code == 500
    assert response.json()["detail"]["code"] == "SERVER_ERROR"
    assert "Traceback" not in response.content.decode()
    assert InterviewSession.objects.count() == 0
    assert Question.objects.count() == 0


def test_options_on_the_list_describes_the_start_input(alice_client):
    response = alice_client.options(LIST_URL)

    post = response.json()["actions"]["POST"]
    assert post["job_posting_id"]["read_only"] is False
    assert post["job_posting_id"]["required"] is True


def test_start_without_a_posting_id_is_400(alice_client):
    response = alice_client.post(LIST_URL, {}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"]["fields"]["job_posting_id"] == ["This field is required."]


def test_start_query_budget(alice_client, alice, django_assert_num_queries):
    posting = JobPostingFactory(owner=alice)

    # service: 1 savepoint, 1 lock the account, 1 lock the caller's posting, 1 insert the
    # session, 1 bulk insert its questions, 1 release the savepoint. response: 1 the
    # session with its annotations, 1 its questions (an original has no earlier attempt,
    # so no read for previous_score).
    with django_assert_num_queries(8):
        response = start(alice_client, posting)

    assert response.status_code == 201


def test_each_generated_question_carries_what_a_strong_answer_covers(alice_client, alice):
    posting = JobPostingFactory(
        owner=alice,
        title="Sous Chef",
        description="Run the pass, manage allergens and food safety, control GP margins.",
    )

    questions = start(alice_client, posting).json()["questions"]

    assert all(3 <= len(q["talking_points"]) <= 5 for q in questions)
    stored = Question.objects.filter(session__job_posting=posting).order_by("number")
    assert [q.talking_points for q in stored] == [q["talking_points"] for q in questions]


def test_a_generator_that_returns_text_and_category_pairs_still_works(
    alice_client, alice, settings
):
    settings.INTERVIEW_QUESTION_GENERATOR = "sessions_app.tests.engines.plugged.PairsGenerator"

    response = start(alice_client, JobPostingFactory(owner=alice, title="Beekeeper"))

    assert response.status_code == 201
    questions = response.json()["questions"]
    assert questions[0]["text"] == "Tell me about part 0 of being a Beekeeper."
    assert all(q["talking_points"] == [] for q in questions)
