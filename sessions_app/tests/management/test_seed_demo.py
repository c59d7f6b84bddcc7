import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from sessions_app.models import InterviewSession, JobPosting

pytestmark = pytest.mark.django_db


def _seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return re.search(r"username '(\w+)', password '([^']+)'", out.getvalue()).groups()


def test_seed_demo_prints_working_credentials(settings):
    settings.DEBUG = True

    username, password = _seed()

    assert authenticate(username=username, password=password) is not None


def test_seed_demo_leaves_a_completed_session_ready_to_retake(settings):
    settings.DEBUG = True

    _seed()

    session = InterviewSession.objects.get()
    assert session.status == "completed"
    assert session.score is not None
    assert session.questions.filter(score__isnull=True).count() == 0


def test_seed_demo_twice_adds_no_duplicates_and_changes_the_password(settings):
    settings.DEBUG = True
    _, first = _seed()

    username, second = _seed()

    assert first != second
    assert authenticate(username=username, password=second) is not None
    assert (JobPosting.objects.count(), InterviewSession.objects.count()) == (1, 1)


def test_seed_demo_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())
    assert JobPosting.objects.count() == 0
