import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:session-list")
STRONG_ANSWER = (
    "Last spring our Django checkout API had a p95 of 2 seconds during sales. I was asked to "
    "bring it under 400 ms before Black Friday. I profiled it, removed an N+1 pattern with "
    "select_related, and added a PostgreSQL index. p95 fell to 240 ms and abandonment "
    "dropped by 30 percent."
)


def _url(name, session):
    return reverse(f"api:session-{name}", args=[session.pk])


def _start(client, posting):
    return client.post(LIST_URL, {"job_posting_id": str(posting.pk)}, format="json")


def _answer(client, session, answer=STRONG_ANSWER):
    return client.post(_url("answers", session), {"answer": answer}, format="json")


# Start ----------------------------------------------------------------------------------


def test_start_creates_active_session_with_generated_questions(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    response = _start(alice_client, posting)

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

    response = _start(alice_client, JobPostingFactory(owner=alice))

    assert response.json()["question_count"] == 3


def test_start_gives_the_same_questions_for_the_same_posting(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    first = _start(alice_client, posting).json()["questions"]
    second = _start(alice_client, posting).json()["questions"]

    assert [q["text"] for q in first] == [q["text"] for q in second]


def test_start_with_another_users_posting_is_400_and_creates_nothing(alice_client, bob):
    response = _start(alice_client, JobPostingFactory(owner=bob))

    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail["code"] == "VALIDATION_ERROR"
    assert "job_posting_id" in detail["fields"]
    assert InterviewSession.objects.count() == 0


def test_start_with_unknown_posting_is_400(alice_client):
    response = alice_client.post(
        LIST_URL, {"job_posting_id": "00000000-0000-0000-0000-000000000000"}, format="json"
    )

    assert response.status_code == 400
    assert "job_posting_id" in response.json()["detail"]["fields"]


def test_start_with_malformed_posting_id_is_400(alice_client):
    response = alice_client.post(LIST_URL, {"job_posting_id": "abc"}, format="json")

    assert response.status_code == 400
    assert "job_posting_id" in response.json()["detail"]["fields"]
    assert InterviewSession.objects.count() == 0


def test_start_requires_authentication(anon_client, alice):
    response = _start(anon_client, JobPostingFactory(owner=alice))

    assert response.status_code == 401
    assert InterviewSession.objects.count() == 0


def test_start_rolls_back_when_question_generation_fails(alice_client, alice, settings):
    settings.INTERVIEW_QUESTION_GENERATOR = "sessions_app.tests.engines.broken.FailingGenerator"

    response = _start(alice_client, JobPostingFactory(owner=alice))

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


# List and detail ------------------------------------------------------------------------


def test_list_shows_only_own_sessions_newest_first(alice_client, alice, bob):
    older = InterviewSessionFactory(job_posting__owner=alice)
    newer = InterviewSessionFactory(job_posting__owner=alice)
    InterviewSessionFactory(job_posting__owner=bob)

    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [str(newer.pk), str(older.pk)]
    assert "questions" not in body["results"][0]


def test_list_filters_by_status(alice_client, alice):
    InterviewSessionFactory(job_posting__owner=alice)
    done = InterviewSessionFactory(job_posting__owner=alice, completed=True)

    response = alice_client.get(LIST_URL, {"status": "completed"})

    assert [item["id"] for item in response.json()["results"]] == [str(done.pk)]


def test_list_filters_by_job_posting(alice_client, alice):
    wanted = InterviewSessionFactory(job_posting__owner=alice)
    InterviewSessionFactory(job_posting__owner=alice)

    response = alice_client.get(LIST_URL, {"job_posting_id": str(wanted.job_posting_id)})

    assert [item["id"] for item in response.json()["results"]] == [str(wanted.pk)]


def test_list_filters_by_original_session(alice_client, alice):
    original = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    retake = InterviewSessionFactory(
        job_posting=original.job_posting, original_session=original, retake_number=2
    )

    response = alice_client.get(LIST_URL, {"original_session_id": str(original.pk)})

    assert [item["id"] for item in response.json()["results"]] == [str(retake.pk)]


def test_list_filter_by_another_users_chain_shows_nothing(alice_client, bob):
    original = InterviewSessionFactory(job_posting__owner=bob, completed=True)
    InterviewSessionFactory(
        job_posting=original.job_posting, original_session=original, retake_number=2
    )

    response = alice_client.get(
        LIST_URL,
        {"original_session_id": str(original.pk), "job_posting_id": str(original.job_posting_id)},
    )

    assert response.json()["count"] == 0


def test_list_filters_do_not_apply_to_detail_routes(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)

    response = alice_client.get(_url("detail", session), {"status": "active"})

    assert response.status_code == 200


def test_list_with_unknown_format_is_404_not_found(alice_client):
    response = alice_client.get(LIST_URL, {"format": "xml"})

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "NOT_FOUND"


def test_list_with_invalid_filter_value_is_400(alice_client):
    response = alice_client.get(LIST_URL, {"status": "paused", "job_posting_id": "x"})

    assert response.status_code == 400
    assert set(response.json()["detail"]["fields"]) == {"status", "job_posting_id"}


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_is_constant(alice_client, alice, count, django_assert_num_queries):
    posting = JobPostingFactory(owner=alice)
    InterviewSessionFactory.create_batch(count, job_posting=posting, completed=True, questions=2)

    # 1 count for the paginator; 1 page of sessions with the posting joined and
    # question_count and can_retake computed as subqueries of that same query.
    with django_assert_num_queries(2):
        response = alice_client.get(LIST_URL, {"page_size": 100})

    assert len(response.json()["results"]) == count


def test_detail_shows_questions_in_order(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = alice_client.get(_url("detail", session))

    assert response.status_code == 200
    assert [q["number"] for q in response.json()["questions"]] == [1, 2, 3, 4, 5]
    assert set(response.json()["questions"][0]) == {
        "number",
        "text",
        "category",
        "answer",
        "answered_at",
        "score",
        "feedback",
        "previous_score",
    }


def test_detail_of_another_users_session_is_403_unauthorized(alice_client, bob):
    session = InterviewSessionFactory(job_posting__owner=bob)

    response = alice_client.get(_url("detail", session))

    assert response.status_code == 403
    assert response.json()["detail"] == {
        "code": "UNAUTHORIZED",
        "message": "You don't have access to this session",
    }


@pytest.mark.parametrize("session_id", ["00000000-0000-0000-0000-000000000000", "not-a-uuid"])
def test_detail_of_unknown_or_malformed_id_is_404_session_not_found(alice_client, session_id):
    response = alice_client.get(f"/api/v1/sessions/{session_id}/")

    assert response.status_code == 404
    assert response.json()["detail"] == {
        "code": "SESSION_NOT_FOUND",
        "message": "Session not found",
    }


def test_deleting_the_posting_keeps_the_session_without_posting(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    JobPosting.objects.filter(pk=session.job_posting_id).delete()

    response = alice_client.get(_url("detail", session))

    assert response.status_code == 200
    assert response.json()["job_posting_id"] is None
    assert response.json()["job_posting_title"] is None


# Answers --------------------------------------------------------------------------------


def test_answer_scores_the_next_question(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = _answer(alice_client, session)

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
        _answer(alice_client, session, answer=f"{STRONG_ANSWER} ({n})")

    answers = list(session.questions.order_by("number").values_list("answer", flat=True))
    assert answers[:3] == [f"{STRONG_ANSWER} ({n})" for n in range(3)]
    assert answers[3:] == ["", ""]


def test_answer_strips_surrounding_whitespace(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    _answer(alice_client, session, answer=f"  {STRONG_ANSWER}\n")

    assert session.questions.get(number=1).answer == STRONG_ANSWER


@pytest.mark.parametrize("answer", ["", "   \n\t "])
def test_blank_answer_is_400_and_changes_nothing(alice_client, alice, answer):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = _answer(alice_client, session, answer=answer)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "VALIDATION_ERROR"
    assert "answer" in response.json()["detail"]["fields"]
    session.refresh_from_db()
    assert session.current_question_number == 0
    assert not session.questions.exclude(answer="").exists()


@pytest.mark.parametrize("answer", [5, 1.5, True, None, ["a"], {"a": 1}])
def test_answer_that_is_not_text_is_400(alice_client, alice, answer):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = _answer(alice_client, session, answer=answer)

    assert response.status_code == 400
    assert "answer" in response.json()["detail"]["fields"]
    session.refresh_from_db()
    assert session.current_question_number == 0


def test_answer_over_10000_characters_is_400(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = _answer(alice_client, session, answer="x" * 10_001)

    assert response.status_code == 400
    assert "answer" in response.json()["detail"]["fields"]
    session.refresh_from_db()
    assert session.current_question_number == 0


def test_answer_of_exactly_10000_characters_is_accepted(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = _answer(alice_client, session, answer=("word " * 2000)[:10_000])

    assert response.status_code == 200


def test_answer_on_completed_session_is_400_session_not_active(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)

    response = _answer(alice_client, session)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "SESSION_NOT_ACTIVE"


def test_answer_when_all_answered_is_400_all_questions_answered(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, current_question_number=5)

    response = _answer(alice_client, session)

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "ALL_QUESTIONS_ANSWERED"
    session.refresh_from_db()
    assert session.current_question_number == 5


def test_answer_on_another_users_session_is_403_and_changes_nothing(alice_client, bob):
    session = InterviewSessionFactory(job_posting__owner=bob)

    response = _answer(alice_client, session)

    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "UNAUTHORIZED"
    session.refresh_from_db()
    assert session.current_question_number == 0


def test_answer_on_unknown_session_is_404(alice_client):
    response = alice_client.post(
        "/api/v1/sessions/00000000-0000-0000-0000-000000000000/answers", {"answer": "x"}
    )

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "SESSION_NOT_FOUND"


def test_answer_after_posting_deleted_still_scores(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    JobPosting.objects.filter(pk=session.job_posting_id).delete()

    response = _answer(alice_client, session)

    assert response.status_code == 200
    assert response.json()["questions"][0]["score"] is not None


# Complete -------------------------------------------------------------------------------


def test_complete_sets_status_score_and_time(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, questions=0)
    for number, score in enumerate([70, 71, 80, 90, 60], start=1):
        session.questions.create(
            number=number, text=f"Q{number}?", category="role", answer="a", score=score
        )
    InterviewSession.objects.filter(pk=session.pk).update(current_question_number=5)

    response = alice_client.post(_url("complete", session))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "completed"
    assert body["score"] == 74  # mean 74.2, rounded
    assert body["completed_at"] is not None
    assert body["can_retake"] is True


def test_complete_rounds_half_up(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, questions=0)
    for number, score in enumerate([72, 73], start=1):
        session.questions.create(number=number, text=f"Q{number}?", category="role", score=score)
    InterviewSession.objects.filter(pk=session.pk).update(current_question_number=2)

    response = alice_client.post(_url("complete", session))

    assert response.json()["score"] == 73


def test_complete_with_unanswered_questions_is_400_and_changes_nothing(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    _answer(alice_client, session)

    response = alice_client.post(_url("complete", session))

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "QUESTIONS_UNANSWERED"
    session.refresh_from_db()
    assert session.status == "active"
    assert session.score is None


def test_complete_twice_is_400_session_not_active(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)

    response = alice_client.post(_url("complete", session))

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "SESSION_NOT_ACTIVE"


def test_complete_another_users_session_is_403_and_changes_nothing(alice_client, bob):
    session = InterviewSessionFactory(job_posting__owner=bob, current_question_number=5)

    response = alice_client.post(_url("complete", session))

    assert response.status_code == 403
    session.refresh_from_db()
    assert session.status == "active"


def test_full_flow_from_start_to_completed(alice_client, alice):
    posting = JobPostingFactory(owner=alice)
    session_id = _start(alice_client, posting).json()["id"]
    session = InterviewSession.objects.get(pk=session_id)

    for _ in range(5):
        assert _answer(alice_client, session).status_code == 200
    response = alice_client.post(_url("complete", session))

    assert response.status_code == 200
    scores = [q["score"] for q in response.json()["questions"]]
    assert response.json()["score"] == int(sum(scores) / 5 + 0.5)
