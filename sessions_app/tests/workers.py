"""Celery workers for the tests: real ``celery worker`` processes with the app's real
settings, on the test database (PostgreSQL: a worker cannot share SQLite's in-memory test
database), a broker and a model server the tests name."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection
from django.test import override_settings

from interview_practice.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def wait_until(check: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.1)


class Worker:
    """``celery worker`` in a process of its own, with the app's real settings."""

    def __init__(self, *, broker: str, model_url: str, log: Path) -> None:
        database = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "interview_practice.settings",
            "DJANGO_SECRET_KEY": "test-only-key-not-a-secret-0123456789abcdefghij",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}",
            "DJANGO_CONN_MAX_AGE": "0",
            "CELERY_BROKER_URL": broker,
            "LLM_BASE_URL": model_url,
            "LLM_MODEL": "test-model",
            "LLM_TIMEOUT": "1",
            "LLM_MAX_ATTEMPTS": "3",
            "SCORING_SWEEP_AFTER": "0",
            "DJANGO_LOG_LEVEL": "INFO",
        }
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "interview_practice", "worker",
             "--pool=threads", "--concurrency=2", "--without-mingle", "--without-gossip",
             "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_until(lambda: " ready." in log.read_text() or self.process.poll() is not None)
        assert self.process.poll() is None, log.read_text()

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)


def _send_to(url: str | None) -> None:
    # Celery reads its broker once: its connection pool and the producer pool built on it
    # (kept apart from the pool, and not dropped by ``app.close()``) must both go, or tasks
    # keep going to the broker of an earlier test.
    celery_app.conf.broker_url = url
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def broker_for_the_app(url: str) -> Iterator[None]:
    """Send this process's tasks to ``url``, and store answers to be scored in the background."""
    _send_to(url)
    with override_settings(SCORING_IN_BACKGROUND=True, CELERY_BROKER_URL=url):
        yield
    _send_to(None)
