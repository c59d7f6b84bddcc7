import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="interview_practice.settings")
    return subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _check_deploy(**env):
    return _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="practice.example.com",
        **env,
    )


def test_check_deploy_passes_with_production_values():
    result = _check_deploy()

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_passes_behind_a_tls_terminating_proxy():
    result = _check_deploy(DJANGO_SECURE_SSL_REDIRECT="0", DJANGO_TRUST_X_FORWARDED_PROTO="1")

    assert result.returncode == 0, result.stderr + result.stdout


def test_missing_secret_key_with_debug_off_refuses_to_start():
    result = _manage("check", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("THROTTLE_AUTH_RATE", "lots"),
        ("INTERVIEW_QUESTION_COUNT", "x"),
        ("DJANGO_NUM_PROXIES", "-1"),
        ("DJANGO_CONN_MAX_AGE", "-5"),
        ("DJANGO_LOG_LEVEL", "LOUD"),
        ("DATABASE_URL", "nonsense"),
        ("DATABASE_URL", "mysql://root@127.0.0.1/db"),
        ("DATABASE_URL", "postgres://postgres@127.0.0.1:5432"),
        ("THROTTLE_USER_RATE", "\u00b2/minute"),
        ("REDIS_URL", "notaurl"),
        ("EMAIL_URL", "mail.example.com"),
        ("EMAIL_URL", "smtp://user:pw@mail.example.com"),
        ("EMAIL_URL", "smtp://mail.example.com:port"),
        ("PASSWORD_RESET_TIMEOUT", "soon"),
    ],
)
def test_bad_environment_value_fails_loudly(name, value):
    result = _manage("check", **{"DJANGO_DEBUG": "1", name: value})

    assert result.returncode != 0
    assert name in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_postgresql_connections_never_jit_compile_and_prepare_repeated_statements():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
    assert connection.connection.prepare_threshold == 5


MODEL = {
    "LLM_BASE_URL": "http://127.0.0.1:11434/v1",
    "LLM_MODEL": "llama3.2",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/1",
}


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"LLM_BASE_URL": MODEL["LLM_BASE_URL"]}, "LLM_MODEL"),
        ({"LLM_MODEL": "llama3.2"}, "LLM_BASE_URL"),
        ({**MODEL, "LLM_BASE_URL": "127.0.0.1:11434/v1"}, "LLM_BASE_URL"),
        ({**MODEL, "LLM_TIMEOUT": "soon"}, "LLM_TIMEOUT"),
        ({**MODEL, "LLM_TIMEOUT": "0"}, "LLM_TIMEOUT"),
        ({**MODEL, "LLM_MAX_ATTEMPTS": "0"}, "LLM_MAX_ATTEMPTS"),
        ({**MODEL, "CELERY_BROKER_URL": "http://127.0.0.1:6379"}, "CELERY_BROKER_URL"),
        ({**MODEL, "CELERY_BROKER_URL": ""}, "CELERY_BROKER_URL"),
    ],
    ids=[
        "url-without-model",
        "model-without-url",
        "url-without-scheme",
        "timeout-not-a-number",
        "timeout-zero",
        "no-attempts",
        "broker-not-redis-or-rabbitmq",
        "model-without-broker",
    ],
)
def test_a_bad_model_setting_stops_start_up_naming_the_variable(env, named):
    result = _manage("check", DJANGO_DEBUG="1", **env)

    assert result.returncode != 0
    assert named in result.stderr
    assert "Traceback" not in result.stderr


def test_a_model_server_and_a_broker_turn_the_model_engines_on():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.INTERVIEW_QUESTION_GENERATOR, s.INTERVIEW_ANSWER_SCORER, s.SCORING_IN_BACKGROUND)",
        DJANGO_DEBUG="1",
        **MODEL,
    )

    assert result.stdout.splitlines()[-1].split() == [
        "sessions_app.engines.llm.ModelQuestionGenerator",
        "sessions_app.engines.llm.ModelAnswerScorer",
        "True",
    ]
