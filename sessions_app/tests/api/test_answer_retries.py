"""Answers a client can retry safely: naming the question makes a repeated answer a no-op,
and the 200 is read before the commit, so an answer saved is never reported as failed."""

import psycopg
import pytest
from django.db import connection, transaction
from django.db.models.signals import post_save

from sessions_app.models import Question
from sessions_app.tests.api.sessions_helpers import STRONG_ANSWER, db_snapshot, session_url
from sessions_app.tests.factories import InterviewSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(alice):
    return InterviewSessionFactory(job_posting__owner=alice)


def _answer(client, session, number, text=STRONG_ANSWER):
    return client.post(
        session_url("answers", session),
        {"answer": text, "question_number": number},
        format="json",
    )


def test_an_answer_retried_for_its_question_writes_nothing_and_returns_the_session(
    alice_client, session
):
    first = _answer(alice_client, session, 1)
    before = db_snapshot()

    retried = _answer(alice_client, session, 1)

    assert retried.status_code == 200
    assert retried.json() == first.json()
    assert db_snapshot() == before


def test_another_answer_for_an_answered_question_is_409_and_changes_nothing(alice_client, session):
    _answer(alice_client, session, 1)
    before = db_snapshot()

    response = _answer(alice_client, session, 1, text="Something else entirely, on reflection.")

    assert response.status_code == 409
    assert response.json()["detail"]["code"] == "QUESTION_ALREADY_ANSWERED"
    assert db_snapshot() == before


def test_an_answer_for_a_question_not_yet_reached_is_400_and_changes_nothing(alice_client, session):
    before = db_snapshot()

    response = _answer(alice_client, session, 3)

    assert response.status_code == 400
    assert response.json()["detail"]["fields"] == {"question_number": ["Answer question 1 first."]}
    assert db_snapshot() == before


def test_an_answer_naming_the_next_question_is_stored(alice_client, session):
    response = _answer(alice_client, session, 1)

    assert response.status_code == 200
    assert session.questions.get(number=1).answer == STRONG_ANSWER


@pytest.fixture
def connection_lost_after_commit():
    """The database connection is killed as soon as an answer's transaction commits, as a
    network that drops between the commit and the response would."""

    def kill_after_commit(sender, instance, **kwargs):
        if instance.answered_at is not None:
            transaction.on_commit(_kill_this_connection)

    post_save.connect(kill_after_commit, sender=Question)
    yield
    post_save.disconnect(kill_after_commit, sender=Question)
    connection.close()


def _kill_this_connection():
    backend_pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"], user=settings["USER"], dbname="postgres"
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [backend_pid])


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_answer_saved_is_reported_saved_though_the_connection_drops_after_commit(
    alice_client, session, connection_lost_after_commit
):
    response = _answer(alice_client, session, 1)

    assert response.status_code == 200
    assert response.json()["questions"][0]["answer"] == STRONG_ANSWER
    connection.close()
    assert Question.objects.get(session=session, number=1).answer == STRONG_ANSWER
