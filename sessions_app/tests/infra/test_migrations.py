"""The migrations that add case-insensitive unique indexes to an existing user table."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from sessions_app.tests.factories import UserFactory

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
