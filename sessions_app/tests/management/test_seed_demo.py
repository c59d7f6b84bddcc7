import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from sessions_app.models import InterviewSession, JobPosting, Question

pytestmark = pytest.mark.django_db


def _seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return re.search(r"username '(\w+)', password '([^']+)'", out.getvalue()).groups()


def test_seed_demo_prints_working_credentials(settings):
    settings.DEBUG = True

    username, password = _seed()

    assert authenticate(username=username, password=password) is not None


def test_seed_demo_leaves_two_completed_attempts_the_second_better(settings):
    settings.DEBUG = True

    _seed()

    first, second = InterviewSession.objects.order_by("retake_number")
    assert (first.status, second.status) == ("completed", "completed")
    assert second.original_session_id == first.pk
    assert second.score > first.score
    assert not Question.objects.filter(score__isnull=True).exists()
    assert not Question.objects.filter(feedback="").exists()


def test_seed_demo_leaves_the_chain_ready_to_retake(settings):
    settings.DEBUG = True

    _seed()

    assert not InterviewSession.objects.filter(status="active").exists()
    assert JobPosting.objects.get().sessions.count() == 2


def test_seed_demo_adds_the_second_attempt_to_a_database_seeded_with_one(settings):
    settings.DEBUG = True
    _seed()
    InterviewSession.objects.filter(retake_number=2).delete()

    _seed()

    assert sorted(InterviewSession.objects.values_list("retake_number", flat=True)) == [1, 2]


def test_seed_demo_says_where_to_open_the_app(settings):
    settings.DEBUG = True
    out = StringIO()

    call_command("seed_demo", "--url", "http://127.0.0.1:8123/", stdout=out)

    assert "Open http://127.0.0.1:8123/ and log in" in out.getvalue()


def test_seed_demo_twice_adds_no_duplicates_and_changes_the_password(settings):
    settings.DEBUG = True
    _, first = _seed()

    username, second = _seed()

    assert first != second
    assert authenticate(username=username, password=second) is not None
    assert (JobPosting.objects.count(), InterviewSession.objects.count()) == (1, 2)


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert JobPosting.objects.count() == 0
