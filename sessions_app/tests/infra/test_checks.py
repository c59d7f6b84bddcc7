"""System checks that stop manage.py commands on a misconfigured engine."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.mark.parametrize(
    ("setting", "value", "error"),
    [
        ("INTERVIEW_QUESTION_GENERATOR", "nope.Nope", "sessions_app.E001"),
        ("INTERVIEW_ANSWER_SCORER", "sessions_app.engines.scorer", "sessions_app.E002"),
        ("INTERVIEW_ANSWER_SCORER", "sessions_app.models.JobPosting", "sessions_app.E002"),
        (
            "INTERVIEW_QUESTION_GENERATOR",
            "sessions_app.engines.scorer.BuiltinAnswerScorer",
            "sessions_app.E002",
        ),
    ],
)
def test_unusable_engine_setting_stops_manage_commands(settings, setting, value, error):
    setattr(settings, setting, value)

    with pytest.raises(SystemCheckError, match=rf"{error}.*{setting}"):
        call_command("check")


def test_built_in_engines_pass_the_check():
    call_command("check")
