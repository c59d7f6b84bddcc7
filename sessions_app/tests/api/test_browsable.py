"""The API as a client follows it: links instead of ids, and the browsable API's pages."""

import re
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sessions_app.models import Question
from sessions_app.tests.api.sessions_helpers import (
    STRONG_ANSWER,
    answer,
    db_snapshot,
    session_url,
    start,
)
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

pytestmark = pytest.mark.django_db

HTML = {"HTTP_ACCEPT": "text/html"}


@pytest.fixture
def posting(alice):
    return JobPostingFactory(owner=alice)


@pytest.fixture
def session(alice_client, posting):
    return start(alice_client, posting).json()


def _path(url):
    return url.removeprefix("http://testserver")


def test_a_session_links_to_itself_and_its_actions(alice_client, session):
    base = f"http://testserver{session_url('detail', session['id'])}"

    assert session["url"] == base
    assert session["answers_url"] == f"{base}/answers"
    assert session["complete_url"] == f"{base}/complete"
    assert session["retake_url"] == f"{base}/retake"
    assert session["attempts_url"] == f"{base}/attempts"


def test_every_link_of_a_session_answers(alice_client, session):
    for key in ("url", "answers_url", "complete_url", "retake_url", "attempts_url"):
        assert alice_client.get(_path(session[key])).status_code == 200, key


def test_listed_sessions_and_postings_carry_their_url(alice_client, session, posting):
    listed = alice_client.get(reverse("api:session-list")).json()["results"][0]
    postings = alice_client.get(reverse("api:job-posting-list")).json()["results"]

    assert listed["url"] == session["url"]
    assert alice_client.get(_path(postings[0]["url"])).json()["id"] == str(posting.pk)


def test_attempts_link_each_attempt(alice_client, session):
    attempts = alice_client.get(_path(session["attempts_url"])).json()["attempts"]

    assert [a["url"] for a in attempts] == [session["url"]]


def test_a_retake_in_progress_links_the_active_attempt(alice_client, alice):
    completed = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    active = alice_client.post(session_url("retake", completed)).json()

    response = alice_client.post(session_url("retake", completed))

    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail["active_session_id"] == active["id"]
    assert detail["active_session_url"] == active["url"]


def test_get_on_answers_names_the_next_question_and_changes_nothing(alice_client, session):
    answer(alice_client, session["id"])
    before = db_snapshot()

    response = alice_client.get(_path(session["answers_url"]))

    second = Question.objects.get(session_id=session["id"], number=2)
    assert response.status_code == 200
    assert response.json() == {
        "session_url": session["url"],
        "status": "active",
        "current_question_number": 1,
        "next_question": {"number": 2, "text": second.text, "category": second.category},
    }
    assert db_snapshot() == before


def test_get_on_answers_once_all_are_answered_has_no_next_question(alice_client, session):
    for _ in range(session["question_count"]):
        answer(alice_client, session["id"])

    response = alice_client.get(_path(session["answers_url"]))

    assert response.json()["next_question"] is None


def test_the_browsable_answer_page_shows_the_question_and_a_multiline_field(alice_client, session):
    first = Question.objects.get(session_id=session["id"], number=1)

    page = alice_client.get(_path(session["answers_url"]), **HTML).content.decode()

    assert first.text in page
    assert re.search(r'<textarea[^>]*name="answer"', page)
    assert "Interview Practice API</title>" in page


def test_browsable_forms_post_url_encoded_not_multipart(alice_client, session):
    page = alice_client.get(_path(session["answers_url"]), **HTML).content.decode()

    assert 'enctype="multipart/form-data"' not in page
    assert 'enctype="application/x-www-form-urlencoded"' in page
    assert "multipart/form-data" not in re.findall(r"<option[^>]*>([^<]*)</option>", page)


def test_answering_through_the_browsable_form_works_and_offers_the_next_form(alice_client, session):
    response = alice_client.post(
        _path(session["answers_url"]),
        urlencode({"answer": STRONG_ANSWER}),
        content_type="application/x-www-form-urlencoded",
        **HTML,
    )

    assert response.status_code == 200
    assert Question.objects.get(session_id=session["id"], number=1).answer == STRONG_ANSWER
    assert re.search(r'<textarea[^>]*name="answer"', response.content.decode())


@pytest.mark.parametrize("name", ["complete", "retake"])
def test_action_pages_open_on_the_session_not_a_405(alice_client, session, name):
    response = alice_client.get(_path(session[f"{name}_url"]), **HTML)

    assert response.status_code == 200
    assert "405" not in response.content.decode().split("</title>")[0]


def test_the_api_index_is_titled_with_the_product_name(alice_client):
    page = alice_client.get(reverse("api:root"), **HTML).content.decode()

    assert "Interview Practice API" in page
    assert "Django REST framework</title>" not in page


def test_breadcrumbs_name_the_index_once(alice_client, session):
    page = alice_client.get(_path(session["answers_url"]), **HTML).content.decode()
    breadcrumbs = page.split('<ul class="breadcrumb">')[1].split("</ul>")[0]

    assert breadcrumbs.count("Interview Practice API") == 1
