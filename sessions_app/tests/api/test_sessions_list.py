"""GET /api/v1/sessions/ and /api/v1/sessions/{id}/: scoped, filtered, in constant queries."""

import pytest

from sessions_app.models import JobPosting
from sessions_app.tests.api.sessions_helpers import LIST_URL, session_url
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

pytestmark = pytest.mark.django_db


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


@pytest.mark.parametrize("status", ["active", "completed"])
def test_list_filters_by_status(alice_client, alice, status):
    sessions = {
        "active": InterviewSessionFactory(job_posting__owner=alice),
        "completed": InterviewSessionFactory(job_posting__owner=alice, completed=True),
    }

    response = alice_client.get(LIST_URL, {"status": status})

    assert [item["id"] for item in response.json()["results"]] == [str(sessions[status].pk)]


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

    response = alice_client.get(session_url("detail", session), {"status": "active"})

    assert response.status_code == 200


@pytest.mark.parametrize("route", ["list", "detail"])
def test_unknown_format_is_406_not_acceptable(alice_client, alice, route):
    session = InterviewSessionFactory(job_posting__owner=alice)
    url = LIST_URL if route == "list" else session_url("detail", session)

    response = alice_client.get(url, {"format": "xml"})

    assert response.status_code == 406
    assert response.json()["detail"]["code"] == "NOT_ACCEPTABLE"


def test_format_json_is_still_honoured(alice_client, alice):
    response = alice_client.get(LIST_URL, {"format": "json"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


def test_list_with_invalid_filter_value_is_400(alice_client):
    response = alice_client.get(LIST_URL, {"status": "paused", "job_posting_id": "x"})

    assert response.status_code == 400
    assert set(response.json()["detail"]["fields"]) == {"status", "job_posting_id"}


@pytest.mark.parametrize("count", [1, 50])
def test_list_query_count_is_constant(alice_client, alice, count, django_assert_num_queries):
    posting = JobPostingFactory(owner=alice)
    InterviewSessionFactory.create_batch(count, job_posting=posting, completed=True, questions=2)

    # 1 count for the paginator; 1 page of sessions with the posting's title joined and
    # question_count and can_retake computed as subqueries of that same query.
    with django_assert_num_queries(2):
        response = alice_client.get(LIST_URL, {"page_size": 100})

    assert len(response.json()["results"]) == count


def test_detail_shows_questions_in_order(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = alice_client.get(session_url("detail", session))

    assert response.status_code == 200
    assert [q["number"] for q in response.json()["questions"]] == [1, 2, 3, 4, 5]
    assert set(response.json()["questions"][0]) == {
        "number",
        "text",
        "category",
        "talking_points",
        "talking_points_covered",
        "answer",
        "answered_at",
        "score",
        "feedback",
        "criteria",
        "scoring",
        "scored_by",
        "scoring_ms",
        "scoring_tokens",
        "previous_score",
    }


def test_detail_of_another_users_session_is_403_unauthorized(alice_client, bob):
    session = InterviewSessionFactory(job_posting__owner=bob)

    response = alice_client.get(session_url("detail", session))

    assert response.status_code == 403
    assert response.json()["detail"] == {
        "code": "UNAUTHORIZED",
        "message": "You don't have access to this session",
    }


@pytest.mark.parametrize("session_id", ["00000000-0000-0000-0000-000000000000", "not-a-uuid"])
def test_detail_of_unknown_or_malformed_id_is_404_session_not_found(alice_client, session_id):
    response = alice_client.get(session_url("detail", session_id))

    assert response.status_code == 404
    assert response.json()["detail"] == {
        "code": "SESSION_NOT_FOUND",
        "message": "Session not found",
    }


def test_deleting_the_posting_keeps_the_session_without_posting(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    JobPosting.objects.filter(pk=session.job_posting_id).delete()

    response = alice_client.get(session_url("detail", session))

    assert response.status_code == 200
    assert response.json()["job_posting_id"] is None
    assert response.json()["job_posting_title"] is None


def test_completed_session_without_posting_cannot_be_retaken(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    JobPosting.objects.filter(pk=session.job_posting_id).delete()

    response = alice_client.get(session_url("detail", session))

    assert response.json()["can_retake"] is False


@pytest.mark.parametrize("route", ["list", "detail"])
def test_reading_sessions_without_authentication_is_401(anon_client, alice, route):
    session = InterviewSessionFactory(job_posting__owner=alice)
    url = LIST_URL if route == "list" else session_url("detail", session)

    response = anon_client.get(url)

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "NOT_AUTHENTICATED"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("suffix", ["", "/"])
def test_detail_route_works_with_and_without_trailing_slash(alice_client, alice, suffix):
    session = InterviewSessionFactory(job_posting__owner=alice)

    response = alice_client.get(session_url("detail", session).rstrip("/") + suffix)

    assert response.status_code == 200
