"""The migrations that add case-insensitive unique indexes to an existing user table."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from sessions_app.engines.question_bank import question_bank
from sessions_app.models import Question
from sessions_app.tests.factories import InterviewSessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def before_the_indexes():
    call_command("migrate", "sessions_app", "0001", verbosity=0)
    yield
    get_user_model().objects.all().delete()
    call_command("migrate", verbosity=0)


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            {"username": "sam", "email": "one@example.com"},
            {"username": "Sam", "email": "two@example.com"},
            "usernames differ only in case (sam, Sam)",
        ),
        (
            {"username": "sam", "email": "sam@example.com"},
            {"username": "samuel", "email": "SAM@example.com"},
            "emails differ only in case (sam@example.com, SAM@example.com)",
        ),
    ],
)
def test_migrating_refuses_case_duplicates_naming_them(before_the_indexes, first, second, message):
    UserFactory(**first)
    UserFactory(**second)

    with pytest.raises(RuntimeError, match=re.escape(message)):
        call_command("migrate", verbosity=0)


def test_migrating_a_user_table_without_clashes_succeeds(before_the_indexes):
    UserFactory(username="sam", email="sam@example.com")
    UserFactory(username="samuel", email="")
    UserFactory(username="samantha", email="")

    call_command("migrate", verbosity=0)


@pytest.fixture
def session_before_talking_points():
    # Made with today's models, then the schema taken back to before talking points.
    session = InterviewSessionFactory(questions=0)
    call_command("migrate", "sessions_app", "0005", verbosity=0)
    yield session
    call_command("migrate", verbosity=0)


def test_questions_asked_before_talking_points_get_the_banks_where_it_has_their_text(
    session_before_talking_points,
):
    bank_question = question_bank().families[0].questions[0]
    session = session_before_talking_points
    with connection.cursor() as cursor:
        for number, text in ((1, bank_question.text), (2, "A question the bank never had.")):
            cursor.execute(
                "INSERT INTO sessions_app_question (session_id, number, text, category, answer,"
                " feedback) VALUES (%s, %s, %s, 'role', '', '')",
                [session.pk.hex if connection.vendor == "sqlite" else session.pk, number, text],
            )

    call_command("migrate", verbosity=0)

    questions = {q.number: q for q in Question.objects.filter(session=session)}
    assert questions[1].talking_points == list(bank_question.talking_points)
    assert questions[1].topic == bank_question.topic
    assert questions[2].talking_points == []
