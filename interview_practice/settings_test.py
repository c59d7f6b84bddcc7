"""Settings for the test suite: the real settings, made fast and independent of the shell."""

import os

# The real module refuses to start without a key when DEBUG is off, which is how tests run.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-key-not-a-secret-0123456789abcdefghij")

# The built-in engines, scoring inline, whatever the shell says; the tests that run the
# model engines and workers configure them themselves.
for _name in ("LLM_BASE_URL", "LLM_MODEL", "LLM_API_KEY", "CELERY_BROKER_URL"):
    os.environ.pop(_name, None)

from interview_practice.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "sessions_app.hashers.SignInsEndedHasher",
]
SECURE_SSL_REDIRECT = False
# Request budgets counted in the process; tests that need Redis name it themselves.
REDIS_URL = ""
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The schema fuzzing calls the WSGI application as schemathesis's client does, as localhost.
ALLOWED_HOSTS = ["localhost"]
