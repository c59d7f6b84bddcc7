import uuid

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:job-posting-list")


def _detail_url(posting):
    return reverse("api:job-posting-detail", args=[posting.pk])


def test_create_posting_is_201_and_owned_by_caller(alice_client, alice):
    response = alice_client.post(
        LIST_URL, {"title": "Data Analyst", "description": "SQL and Tableau."}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Data Analyst"
    assert body["company"] == ""
    assert JobPosting.objects.get(pk=body["id"]).owner == alice


def test_create_posting_without_title_is_400_with_fields(alice_client):
    response = alice_client.post(LIST_URL, {"description": "x"}, format="json")

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "VALIDATION_ERROR"
    assert "title" in response.json()["detail"]["fields"]
    assert JobPosting.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "length"), [("title", 201), ("company", 201), ("description", 20_001)]
)
def test_create_posting_over_field_limit_is_400(alice_client, field, length):
    data = {"title": "T", "description": "D", field: "x" * length}

    response = alice_client.post(LIST_URL, data, format="json")

    assert response.status_code == 400
    assert field in response.json()["detail"]["fields"]
    assert JobPosting.objects.count() == 0


def test_list_shows_only_own_postings_newest_first(alice_client, alice, bob):
    older = JobPostingFactory(owner=alice, title="Older")
    newer = JobPostingFactory(owner=alice, title="Newer")
    JobPostingFactory(owner=bob)

    response = alice_client.get(LIST_URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [str(newer.pk), str(older.pk)]
    assert set(body) == {"count", "next", "previous", "results"}


def test_list_is_paginated(alice_client, alice):
    JobPostingFactory.create_batch(3, owner=alice)

    response = alice_client.get(LIST_URL, {"page_size": 2})

    assert len(response.json()["results"]) == 2
    assert response.json()["next"] is not None


def test_list_page_past_the_end_is_404_not_found(alice_client):
    response = alice_client.get(LIST_URL, {"page": 9})

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize("count", [1, 50])
def test_list_runs_a_constant_number_of_queries(
    alice_client, alice, count, django_assert_max_num_queries
):
    JobPostingFactory.create_batch(count, owner=alice)

    # 1 count for the paginator, 1 page of postings (the user is forced, so no session).
    with django_assert_max_num_queries(2):
        response = alice_client.get(LIST_URL, {"page_size": 100})

    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("page_size", ["101", "0", "-1", "null", "", "2.5", "１０"])
def test_list_refuses_a_page_size_outside_1_to_100(alice_client, alice, page_size):
    JobPostingFactory(owner=alice)

    response = alice_client.get(LIST_URL, {"page_size": page_size})

    assert response.status_code == 400
    assert response.json()["detail"]["code"] == "VALIDATION_ERROR"
    assert response.json()["detail"]["fields"] == {
        "page_size": ["Ensure this is a whole number from 1 to 100."]
    }


def test_posting_shows_exactly_the_contracts_fields(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    response = alice_client.get(_detail_url(posting))

    assert response.json()["url"] == f"http://testserver{_detail_url(posting).rstrip('/')}"
    assert set(response.json()) == {
        "id",
        "url",
        "title",
        "company",
        "description",
        "created_at",
        "updated_at",
    }


def test_retrieve_own_posting(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    response = alice_client.get(_detail_url(posting))

    assert response.status_code == 200
    assert response.json()["id"] == str(posting.pk)


def test_retrieve_another_users_posting_is_403(alice_client, bob):
    posting = JobPostingFactory(owner=bob)

    response = alice_client.get(_detail_url(posting))

    assert response.status_code == 403
    assert response.json()["detail"]["code"] == "PERMISSION_DENIED"


def test_retrieve_unknown_posting_is_404(alice_client):
    response = alice_client.get(reverse("api:job-posting-detail", args=[uuid.UUID(int=0)]))

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "NOT_FOUND"


def test_retrieve_malformed_id_is_404(alice_client):
    response = alice_client.get(reverse("api:job-posting-detail", args=["not-a-uuid"]))

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "NOT_FOUND"


def test_patch_updates_own_posting(alice_client, alice):
    posting = JobPostingFactory(owner=alice, title="Old")

    response = alice_client.patch(_detail_url(posting), {"title": "New"}, format="json")

    assert response.status_code == 200
    assert response.json()["title"] == "New"
    posting.refresh_from_db()
    assert posting.title == "New"


def test_put_replaces_own_posting(alice_client, alice):
    posting = JobPostingFactory(owner=alice)

    response = alice_client.put(
        _detail_url(posting),
        {"title": "Nurse", "company": "", "description": "ICU"},
        format="json",
    )

    assert response.status_code == 200
    posting.refresh_from_db()
    assert (posting.title, posting.company, posting.description) == ("Nurse", "", "ICU")


def test_patch_another_users_posting_is_403_and_changes_nothing(alice_client, bob):
    posting = JobPostingFactory(owner=bob, title="Bob's")

    response = alice_client.patch(_detail_url(posting), {"title": "Mine"}, format="json")

    assert response.status_code == 403
    posting.refresh_from_db()
    assert posting.title == "Bob's"


def test_patch_with_invalid_value_is_400_and_changes_nothing(alice_client, alice):
    posting = JobPostingFactory(owner=alice, title="Kept")

    response = alice_client.patch(_detail_url(posting), {"title": ""}, format="json")

    assert response.status_code == 400
    assert "title" in response.json()["detail"]["fields"]
    posting.refresh_from_db()
    assert posting.title == "Kept"


def test_delete_own_posting_is_204_and_keeps_its_sessions(alice_client, alice):
    posting = JobPostingFactory(owner=alice)
    session = InterviewSessionFactory(job_posting=posting)

    response = alice_client.delete(_detail_url(posting))

    assert response.status_code == 204
    assert not JobPosting.objects.filter(pk=posting.pk).exists()
    session.refresh_from_db()
    assert session.job_posting_id is None
    assert InterviewSession.objects.count() == 1


def test_delete_another_users_posting_is_403_and_deletes_nothing(alice_client, bob):
    posting = JobPostingFactory(owner=bob)

    response = alice_client.delete(_detail_url(posting))

    assert response.status_code == 403
    assert JobPosting.objects.filter(pk=posting.pk).exists()


def test_postings_require_authentication(anon_client):
    response = anon_client.get(LIST_URL)

    assert response.status_code == 401
    assert response.json()["detail"]["code"] == "NOT_AUTHENTICATED"


@pytest.mark.parametrize("path", ["/api/v1/job-postings", "/api/v1/job-postings/"])
def test_posting_routes_answer_with_and_without_trailing_slash(alice_client, path):
    response = alice_client.post(path, {"title": "T", "description": "D"}, format="json")

    assert response.status_code == 201


def test_put_another_users_posting_is_403_and_changes_nothing(alice_client, bob):
    posting = JobPostingFactory(owner=bob, title="Original")

    response = alice_client.put(
        _detail_url(posting), {"title": "Hijacked", "description": "D"}, format="json"
    )

    assert response.status_code == 403
    posting.refresh_from_db()
    assert posting.title == "Original"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writing_an_unknown_posting_is_404(alice_client, method):
    url = reverse("api:job-posting-detail", args=[uuid.UUID(int=0)])

    response = getattr(alice_client, method)(url, {"title": "T", "description": "D"}, format="json")

    assert response.status_code == 404
    assert response.json()["detail"]["code"] == "NOT_FOUND"
    assert not JobPosting.objects.exists()


def test_editing_a_posting_keeps_the_questions_already_asked(alice_client, alice):
    session = InterviewSessionFactory(job_posting__owner=alice)
    asked = list(session.questions.order_by("number").values_list("text", flat=True))

    alice_client.patch(
        _detail_url(session.job_posting),
        {"title": "Kubernetes Engineer", "description": "Kubernetes and Terraform."},
        format="json",
    )

    assert list(session.questions.order_by("number").values_list("text", flat=True)) == asked


@pytest.mark.parametrize("value", [1, 1.5, True, ["T"], {"t": 1}])
def test_posting_text_that_is_not_a_string_is_400_and_creates_nothing(alice_client, value):
    response = alice_client.post(LIST_URL, {"title": value, "description": "D"}, format="json")

    assert response.status_code == 400
    assert "title" in response.json()["detail"]["fields"]
    assert not JobPosting.objects.exists()


def test_posting_title_of_only_invisible_characters_is_400(alice_client):
    response = alice_client.post(LIST_URL, {"title": "\u200b", "description": "D"}, format="json")

    assert response.status_code == 400
    assert "title" in response.json()["detail"]["fields"]
    assert not JobPosting.objects.exists()
