"""Ownership: Bob, signed in, can neither read nor change anything of Alice's, through the
API, the pages or the admin, and a refusal changes nothing in the database."""

import uuid

import pytest
from django.urls import reverse

from sessions_app.models import InterviewSession, JobPosting
from sessions_app.tests.api.sessions_helpers import STRONG_ANSWER
from sessions_app.tests.security.conftest import ALICE_TITLE
from sessions_app.tests.security.support import (
    assert_refused_as_not_yours,
    db_state,
    error_detail,
)

pytestmark = pytest.mark.django_db

POSTING_BODY = {"title": "Taken over by Bob", "company": "Bob Inc", "description": "Mine now."}

# (method, URL name, which of Alice's objects, body, what Alice herself gets)
API_ROUTES = [
    pytest.param("get", "api:job-posting-detail", "posting", None, 200, id="posting-GET"),
    pytest.param("put", "api:job-posting-detail", "posting", POSTING_BODY, 200, id="posting-PUT"),
    pytest.param(
        "patch", "api:job-posting-detail", "posting", {"title": "Bob's"}, 200, id="posting-PATCH"
    ),
    pytest.param("delete", "api:job-posting-detail", "posting", None, 204, id="posting-DELETE"),
    pytest.param("get", "api:session-detail", "active", None, 200, id="session-GET-active"),
    pytest.param("get", "api:session-detail", "completed", None, 200, id="session-GET-completed"),
    pytest.param("get", "api:session-detail", "retake", None, 200, id="session-GET-retake"),
    pytest.param(
        "post", "api:session-answers", "active", {"answer": STRONG_ANSWER}, 200, id="answers-POST"
    ),
    pytest.param("post", "api:session-complete", "answered", None, 200, id="complete-POST"),
    pytest.param("post", "api:session-retake", "completed", None, 201, id="retake-POST-original"),
    pytest.param("post", "api:session-retake", "retake", None, 201, id="retake-POST-latest"),
    pytest.param("get", "api:session-attempts", "completed", None, 200, id="attempts-GET-original"),
    pytest.param("get", "api:session-attempts", "retake", None, 200, id="attempts-GET-retake"),
]


def _call(client, method, name, target, body):
    return getattr(client, method)(reverse(name, args=[target.pk]), body, format="json")


# API ------------------------------------------------------------------------------------


@pytest.mark.parametrize("slash", ["", "/"], ids=["no-slash", "slash"])
@pytest.mark.parametrize(("method", "name", "target", "body", "_alice_status"), API_ROUTES)
def test_bob_is_refused_every_api_route_on_alices_object_and_nothing_changes(
    bob_client, alices, method, name, target, body, _alice_status, slash
):
    url = reverse(name, args=[alices.get(target).pk]).rstrip("/") + slash
    before = db_state()

    response = getattr(bob_client, method)(url, body, format="json")

    assert_refused_as_not_yours(response)
    assert db_state() == before


@pytest.mark.parametrize(("method", "name", "target", "body", "_alice_status"), API_ROUTES)
def test_bobs_refusal_leaks_nothing_of_alices_object(
    bob_client, alices, method, name, target, body, _alice_status
):
    response = _call(bob_client, method, name, alices.get(target), body)

    text = response.content.decode()
    assert ALICE_TITLE not in text
    assert "alice" not in text.lower()
    for session_id in alices.session_ids - {str(alices.get(target).pk)}:
        assert session_id not in text


@pytest.mark.parametrize(("method", "name", "target", "body", "alice_status"), API_ROUTES)
def test_alice_herself_is_answered_on_the_routes_bob_is_refused(
    alice_client, alices, method, name, target, body, alice_status
):
    # The matrix's control: each of Alice's objects is a target the request could act on.
    response = _call(alice_client, method, name, alices.get(target), body)

    assert response.status_code == alice_status, response.content[:300]


@pytest.mark.parametrize(
    ("method", "name", "target"),
    [
        pytest.param("get", "api:session-answers", "active", id="answers-GET"),
        pytest.param("get", "api:session-complete", "answered", id="complete-GET"),
        pytest.param("get", "api:session-retake", "completed", id="retake-GET"),
        pytest.param("put", "api:session-detail", "active", id="session-PUT"),
        pytest.param("patch", "api:session-detail", "active", id="session-PATCH"),
        pytest.param("delete", "api:session-detail", "completed", id="session-DELETE"),
        pytest.param("post", "api:session-attempts", "completed", id="attempts-POST"),
    ],
)
def test_a_method_a_session_route_does_not_take_refuses_bob_on_alices_id_and_changes_nothing(
    bob_client, alices, method, name, target
):
    before = db_state()

    response = getattr(bob_client, method)(reverse(name, args=[alices.get(target).pk]))

    if response.status_code == 405:
        assert error_detail(response)["code"] == "METHOD_NOT_ALLOWED"
    else:
        assert_refused_as_not_yours(response)
    assert db_state() == before


def test_bobs_posting_list_shows_only_his_postings(bob_client, alices, bobs):
    response = bob_client.get(reverse("api:job-posting-list"), {"page_size": 100})

    assert response.status_code == 200
    body = response.json()
    assert [row["id"] for row in body["results"]] == [str(bobs[0].pk)]
    assert body["count"] == 1
    assert ALICE_TITLE not in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(lambda a: {}, id="unfiltered"),
        pytest.param(lambda a: {"status": "active"}, id="status-active"),
        pytest.param(lambda a: {"status": "completed"}, id="status-completed"),
        pytest.param(lambda a: {"job_posting_id": str(a.posting.pk)}, id="alices-posting"),
        pytest.param(
            lambda a: {"original_session_id": str(a.completed.pk)}, id="alices-original-session"
        ),
    ],
)
def test_bobs_session_list_never_shows_alices_sessions(bob_client, alices, bobs, query):
    response = bob_client.get(reverse("api:session-list"), {"page_size": 100, **query(alices)})

    assert response.status_code == 200
    body = response.json()
    ids = {row["id"] for row in body["results"]}
    assert ids <= {str(bobs[1].pk)}
    assert body["count"] == len(ids)
    assert ALICE_TITLE not in response.content.decode()


def test_bob_starting_a_session_on_alices_posting_is_400_and_creates_nothing(bob_client, alices):
    before = db_state()

    response = bob_client.post(
        reverse("api:session-list"), {"job_posting_id": str(alices.posting.pk)}, format="json"
    )

    assert response.status_code == 400
    detail = error_detail(response)
    assert detail["code"] == "VALIDATION_ERROR"
    assert "job_posting_id" in detail["fields"]
    assert db_state() == before


def test_bob_starting_on_alices_posting_is_answered_as_on_a_posting_that_does_not_exist(
    bob_client, alices
):
    url = reverse("api:session-list")
    unknown = str(uuid.uuid4())

    alices_answer = bob_client.post(url, {"job_posting_id": str(alices.posting.pk)}, format="json")
    unknown_answer = bob_client.post(url, {"job_posting_id": unknown}, format="json")

    assert alices_answer.status_code == unknown_answer.status_code == 400
    assert alices_answer.content.decode().replace(str(alices.posting.pk), "ID") == (
        unknown_answer.content.decode().replace(unknown, "ID")
    )


def test_a_posting_bob_creates_is_his_whatever_owner_he_names(bob_client, bob, alice):
    response = bob_client.post(
        reverse("api:job-posting-list"),
        {**POSTING_BODY, "owner": alice.pk, "owner_id": alice.pk},
        format="json",
    )

    assert response.status_code == 201
    assert JobPosting.objects.get(pk=response.json()["id"]).owner == bob
    assert not JobPosting.objects.filter(owner=alice).exists()


def test_bob_cannot_hand_his_posting_to_alice_by_patch(bob_client, bob, bobs, alice):
    posting = bobs[0]

    response = bob_client.patch(
        reverse("api:job-posting-detail", args=[posting.pk]),
        {"owner": alice.pk, "owner_id": alice.pk},
        format="json",
    )

    assert response.status_code == 200
    posting.refresh_from_db()
    assert posting.owner == bob


def test_a_session_bob_starts_is_his_whatever_user_or_chain_he_names(bob_client, bob, bobs, alices):
    response = bob_client.post(
        reverse("api:session-list"),
        {
            "job_posting_id": str(bobs[0].pk),
            "user": alices.posting.owner_id,
            "user_id": alices.posting.owner_id,
            "original_session_id": str(alices.completed.pk),
            "retake_number": 3,
        },
        format="json",
    )

    assert response.status_code == 201
    session = InterviewSession.objects.get(pk=response.json()["id"])
    assert session.user == bob
    assert session.original_session_id is None
    assert session.retake_number == 1
    assert alices.completed.retakes.count() == 1


# Pages ----------------------------------------------------------------------------------

# (method, URL name, which of Alice's objects, form data)
PAGE_ROUTES = [
    pytest.param("get", "pages:posting", "posting", None, id="posting-GET"),
    pytest.param("get", "pages:posting-edit", "posting", None, id="posting-edit-GET"),
    pytest.param("post", "pages:posting-edit", "posting", POSTING_BODY, id="posting-edit-POST"),
    pytest.param("get", "pages:posting-delete", "posting", None, id="posting-delete-GET"),
    pytest.param("post", "pages:posting-delete", "posting", {}, id="posting-delete-POST"),
    pytest.param("post", "pages:session-start", "posting", {}, id="session-start-POST"),
    pytest.param("get", "pages:session", "active", None, id="session-GET-active"),
    pytest.param("get", "pages:session", "completed", None, id="session-GET-completed"),
    pytest.param(
        "post",
        "pages:session",
        "active",
        {"answer": STRONG_ANSWER, "question_number": 1},
        id="session-answer-POST",
    ),
    pytest.param("post", "pages:session-complete", "answered", {}, id="session-complete-POST"),
    pytest.param("post", "pages:session-retake", "completed", {}, id="session-retake-POST"),
    pytest.param("post", "pages:session-retake", "retake", {}, id="session-retake-POST-latest"),
    pytest.param("get", "pages:attempts", "completed", None, id="attempts-GET"),
    pytest.param("get", "pages:attempts", "retake", None, id="attempts-GET-retake"),
]


@pytest.mark.parametrize(("method", "name", "target", "data"), PAGE_ROUTES)
def test_bob_gets_not_found_on_every_page_of_alices_and_nothing_changes(
    bob_web, alices, method, name, target, data
):
    before = db_state()

    response = getattr(bob_web, method)(reverse(name, args=[alices.get(target).pk]), data)

    assert response.status_code in (403, 404), response.status_code
    assert db_state() == before


@pytest.mark.parametrize(("method", "name", "target", "data"), PAGE_ROUTES)
def test_bobs_not_found_page_shows_nothing_of_alices(bob_web, alices, method, name, target, data):
    response = getattr(bob_web, method)(reverse(name, args=[alices.get(target).pk]), data)

    text = response.content.decode()
    assert ALICE_TITLE not in text
    assert "alice" not in text.lower()


def test_bobs_dashboard_shows_none_of_alices_postings_or_sessions(bob_web, alices, bobs):
    response = bob_web.get(reverse("pages:dashboard"))

    assert response.status_code == 200
    text = response.content.decode()
    assert ALICE_TITLE not in text
    assert str(alices.posting.pk) not in text
    for session_id in alices.session_ids:
        assert session_id not in text
    assert bobs[0].title in text


# Admin ----------------------------------------------------------------------------------


def _admin(name, obj=None):
    return reverse(f"admin:sessions_app_{name}", args=[] if obj is None else [obj.pk])


ADMIN_GETS = [
    pytest.param(lambda a: reverse("admin:index"), id="index"),
    pytest.param(lambda a: _admin("jobposting_changelist"), id="posting-changelist"),
    pytest.param(lambda a: _admin("jobposting_change", a.posting), id="posting-change"),
    pytest.param(lambda a: _admin("jobposting_delete", a.posting), id="posting-delete"),
    pytest.param(lambda a: _admin("jobposting_history", a.posting), id="posting-history"),
    pytest.param(lambda a: _admin("interviewsession_changelist"), id="session-changelist"),
    pytest.param(lambda a: _admin("interviewsession_change", a.completed), id="session-change"),
    pytest.param(lambda a: _admin("interviewsession_delete", a.retake), id="session-delete"),
    pytest.param(lambda a: _admin("interviewsession_history", a.completed), id="session-history"),
]

ADMIN_POSTS = [
    pytest.param(
        lambda a: _admin("interviewsession_changelist"),
        lambda a: {"action": "create_retakes", "_selected_action": [str(a.completed.pk)]},
        id="retake-action",
    ),
    pytest.param(
        lambda a: _admin("interviewsession_changelist"),
        lambda a: {
            "action": "delete_selected",
            "_selected_action": [str(a.retake.pk)],
            "post": "yes",
        },
        id="session-bulk-delete",
    ),
    pytest.param(
        lambda a: _admin("interviewsession_delete", a.retake),
        lambda a: {"post": "yes"},
        id="session-delete",
    ),
    pytest.param(
        lambda a: _admin("jobposting_changelist"),
        lambda a: {
            "action": "delete_selected",
            "_selected_action": [str(a.posting.pk)],
            "post": "yes",
        },
        id="posting-bulk-delete",
    ),
    pytest.param(
        lambda a: _admin("jobposting_change", a.posting),
        lambda a: POSTING_BODY,
        id="posting-change",
    ),
    pytest.param(
        lambda a: _admin("jobposting_delete", a.posting),
        lambda a: {"post": "yes"},
        id="posting-delete",
    ),
]


def _assert_sent_to_admin_login(response):
    assert response.status_code == 302, response.status_code
    assert response["Location"].startswith(reverse("admin:login") + "?next="), response["Location"]


@pytest.mark.parametrize("url", ADMIN_GETS)
def test_a_non_staff_user_opening_an_admin_page_is_sent_to_the_admin_login(bob_web, alices, url):
    before = db_state()

    response = bob_web.get(url(alices))

    _assert_sent_to_admin_login(response)
    assert db_state() == before


@pytest.mark.parametrize(("url", "data"), ADMIN_POSTS)
def test_a_non_staff_user_posting_to_the_admin_is_sent_to_its_login_and_nothing_changes(
    bob_web, alices, url, data
):
    before = db_state()

    response = bob_web.post(url(alices), data(alices))

    _assert_sent_to_admin_login(response)
    assert db_state() == before
