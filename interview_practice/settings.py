"""Settings for Interview Practice, read from the environment in this one place.

Every variable is documented in docs/deploying.md. The defaults suit local development only when
``DJANGO_DEBUG`` is on; with it off the secret key must be given and HTTPS is enforced.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}"
    )


def env_int(name: str, default: int) -> int:
    # Every number we read (seconds, proxies, questions) is a count: none can be negative.
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    message = f"{name} must be a whole number, 0 or more; got {raw!r}"
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(message) from None
    if value < 0:
        raise ImproperlyConfigured(message)
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    # DRF only parses a rate when the first request is throttled; checking here turns a
    # typo into a start-up error instead of a 500 under load.
    value = os.environ.get(name, default).strip()
    count, _, period = value.partition("/")
    if not (count.isascii() and count.isdigit()) or not period or period[0] not in "smhd":
        raise ImproperlyConfigured(f"{name} must look like '20/minute'; got {value!r}")
    return value


def env_email(name: str) -> dict[str, Any]:
    """Django's email settings from a URL: ``smtp://user:password@host:587`` (STARTTLS with
    ``?tls=1``), ``smtps://…:465`` (TLS from the start) or ``console://`` (printed to the log,
    the default: set one in production so password resets reach people)."""
    raw = os.environ.get(name, "").strip() or "console://"
    url = urlsplit(raw)
    if url.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    try:
        port = url.port
    except ValueError:
        port = None
    if url.scheme not in {"smtp", "smtps"} or not url.hostname or port is None:
        raise ImproperlyConfigured(
            f"{name} must look like smtp://user:password@host:587?tls=1, "
            f"smtps://user:password@host:465 or console://; got {raw!r}"
        )
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": url.hostname,
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": unquote(url.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
        "EMAIL_USE_SSL": url.scheme == "smtps",
        "EMAIL_USE_TLS": url.scheme == "smtp" and "tls=1" in url.query.split("&"),
        "EMAIL_TIMEOUT": 10,
    }


def env_database(name: str, default: str) -> dict:
    raw = os.environ.get(name, "").strip() or default
    try:
        # Persistent connections: opening one costs PostgreSQL a process and several round
        # trips, more than a whole retake's queries. Each is checked before reuse (health
        # checks), so a connection the database closed is replaced, not an error.
        database = dj_database_url.parse(
            raw, conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    except ValueError:  # an unknown scheme, or no URL at all
        database = {}
    # PostgreSQL (psycopg 3 is installed) or SQLite, and a database name.
    engine = database.get("ENGINE", "")
    if not engine.endswith((".postgresql", ".sqlite3")) or not database.get("NAME"):
        raise ImproperlyConfigured(
            f"{name} must look like postgres://user@host:5432/name or sqlite:///path; got {raw!r}"
        )
    if engine.endswith(".postgresql"):
        options = database.setdefault("OPTIONS", {})
        # No JIT compilation: it pays off on long analytical queries, never on our short
        # indexed ones, yet a cost estimate inflated by missing statistics (a table that has
        # just grown, before autovacuum analyses it) switches it on, and compiling then
        # costs ~16 ms per statement (measured: a retake 21.6 -> 5.4 ms in process).
        options["options"] = f"{options.get('options', '')} -c jit=off".strip()
        # A database that does not answer fails a request (and the health check) in seconds.
        options.setdefault("connect_timeout", env_int("DJANGO_DB_CONNECT_TIMEOUT", 5))
        if env_bool("DJANGO_DB_PREPARED_STATEMENTS", True):
            # Parameters bound by the server, and a statement run a few times on a
            # connection is prepared there (psycopg's prepare_threshold): PostgreSQL then
            # skips parsing and planning it again, much of the cost of our short statements
            # (measured: a retake 6.9 -> 5.8 ms in process). Set it to 0 behind a pooler in
            # transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
            options.update(server_side_binding=True, prepare_threshold=5)
    return database


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for development).")
    SECRET_KEY = "django-insecure-development-only-key-never-used-with-debug-off"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so runserver leaves static files to whitenoise as production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    # Swagger UI's files, served from here: the docs page loads nothing from elsewhere.
    "drf_spectacular_sidecar",
    "sessions_app",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after security: served without a session or a database query.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sessions_app.guards.RequestCharsetMiddleware",
    "sessions_app.guards.QueryStringMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sessions_app.pages.middleware.PagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "interview_practice.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Form fields render through templates/django/forms/ first (Django's own templates after).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "interview_practice.wsgi.application"

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite has no row locks: take the write lock when a transaction starts, and wait for
    # it, so two simultaneous writes queue up instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        f"REDIS_URL must start with redis://, rediss:// or unix://; got {REDIS_URL!r}"
    )
# Redis holds the request budgets (sessions_app.api.throttling), shared by every app server;
# nothing else is cached. Without it each process counts its own.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = ["sessions_app.backends.CaseInsensitiveModelBackend"]
# Django's hashers, and one that only reads the hashes of accounts whose sign-ins were ended
# (sessions_app/hashers.py); it is never used to store a new password.
PASSWORD_HASHERS = [*global_settings.PASSWORD_HASHERS, "sessions_app.hashers.SignInsEndedHasher"]

# Email: password resets. EMAIL_URL (env_email) and the sender's address.
_email = env_email("EMAIL_URL")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "").strip() or (
    "Interview Practice <no-reply@localhost>"
)
# How long a password reset link works (Django's tokens are also single use: they change
# with the password).
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3600)

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# whitenoise serves static files with DEBUG off too, from STATIC_ROOT once `collectstatic`
# has run; until then (a fresh clone, the tests) from the source folders, so the pages never
# lose their stylesheet.
WHITENOISE_USE_FINDERS = True
# collectstatic (make run, make serve) also writes each file gzip-compressed for whitenoise.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# One cap on every request body, whatever its type, enforced before it is read
# (interview_practice.wsgi): the largest thing we take is a job description of 20,000
# characters, at most ~240 kB as JSON-escaped text.
REQUEST_BODY_MAX_BYTES = env_int("DJANGO_REQUEST_BODY_MAX_BYTES", 512 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_BODY_MAX_BYTES
# Under gunicorn, a client that stops sending its body for this long gets 408.
REQUEST_BODY_TIMEOUT = env_int("DJANGO_REQUEST_BODY_TIMEOUT", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# HTTPS: on whenever DEBUG is off. A proxy that terminates TLS sets
# DJANGO_SECURE_SSL_REDIRECT=0 and forwards X-Forwarded-Proto.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
if not DEBUG and not SECURE_SSL_REDIRECT:
    # Switched off on purpose: the TLS-terminating proxy in front redirects to HTTPS.
    SILENCED_SYSTEM_CHECKS = ["security.W008"]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
if env_bool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # JWT first: its scheme is the one named in 401 WWW-Authenticate headers.
        "sessions_app.api.authentication.AccountJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "sessions_app.api.renderers.BrowsableAPIRenderer",
    ],
    # No multipart: no field takes a file (interview_practice.wsgi refuses multipart bodies
    # before they are read, and the browsable API's forms post URL-encoded).
    "DEFAULT_PARSER_CLASSES": [
        "sessions_app.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
    ],
    # Throttles key anonymous clients by address. 0 trusts only REMOTE_ADDR: a client
    # cannot dodge its limit by inventing X-Forwarded-For. Behind N proxies, set N.
    "NUM_PROXIES": env_int("DJANGO_NUM_PROXIES", 0),
    "DEFAULT_THROTTLE_CLASSES": ["sessions_app.api.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_rate("THROTTLE_USER_RATE", "1000/hour"),
        "auth": env_rate("THROTTLE_AUTH_RATE", "20/minute"),
    },
    "DEFAULT_PAGINATION_CLASS": "sessions_app.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "sessions_app.exceptions.api_exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "sessions_app.api.negotiation.ContentNegotiation",
    "NON_FIELD_ERRORS_KEY": "non_field_errors",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_SCHEMA_CLASS": "sessions_app.api.schema.ApiAutoSchema",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Interview Practice API",
    "DESCRIPTION": (
        "Practise interviews for a job posting, get scored feedback, and retake completed "
        "sessions to measure your improvement. Sign in with `POST /api/v1/auth/token/` and "
        "send the access token as `Authorization: Bearer <access>`. Every error has one "
        'shape, `{"detail": {"code", "message", ...}}` (the `Error` component).'
    ),
    "VERSION": "1.0.0",
    # OpenAPI 3.1, whose schemas are JSON Schema: a field that can be null is typed
    # `[..., "null"]` (a reference `oneOf` it and null), which strict validators and client
    # generators read as 3.0's `nullable` beside `allOf` was not.
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Bodies are documented as JSON only: the browsable API's forms still post URL-encoded,
    # but a client generated from the schema sends JSON, with required bodies required.
    "PARSER_WHITELIST": ["rest_framework.parsers.JSONParser"],
    # Separate input and output components: a session as sent is not a session as read.
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["sessions_app.api.schema.without_slashless_index"],
    # The schema and its page are public and never fail on a stale token.
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "ErrorCodeEnum": "sessions_app.api.schema.ERROR_CODE_CHOICES",
        "HealthStatusEnum": "sessions_app.api.serializers.HEALTH_STATUSES",
        "ServiceStatusEnum": "sessions_app.api.serializers.SERVICE_STATUSES",
        "SessionStatusEnum": "sessions_app.models.InterviewSession.Status",
    },
}

# Refresh tokens always rotate and the used one is blacklisted: services.auth_refresh does
# it under a row lock, so simplejwt's ROTATE_REFRESH_TOKENS / BLACKLIST_AFTER_ROTATION
# (which steer only its own refresh view) are not set here.
SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=7),
    "UPDATE_LAST_LOGIN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Tokens carry a digest of the password's hash: a changed or reset password ends them.
    "CHECK_REVOKE_TOKEN": True,
}

# A language model writes the questions and scores the answers when LLM_BASE_URL and
# LLM_MODEL are set (any OpenAI-compatible server; docs/deploying.md); otherwise the
# built-in engines do. Model scoring runs in Celery workers, so it needs a broker.
LLM_BASE_URL = os.environ.get("LLM_BASE_URL", "").strip()
LLM_MODEL = os.environ.get("LLM_MODEL", "").strip()
LLM_API_KEY = os.environ.get("LLM_API_KEY", "").strip()
LLM_TIMEOUT = env_int("LLM_TIMEOUT", 30)
LLM_MAX_ATTEMPTS = env_int("LLM_MAX_ATTEMPTS", 3)
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip()
if bool(LLM_BASE_URL) != bool(LLM_MODEL):
    raise ImproperlyConfigured(
        f"Set both LLM_BASE_URL and LLM_MODEL to use a model, or neither; "
        f"{'LLM_MODEL' if LLM_BASE_URL else 'LLM_BASE_URL'} is not set."
    )
if LLM_BASE_URL and (
    urlsplit(LLM_BASE_URL).scheme not in {"http", "https"} or not urlsplit(LLM_BASE_URL).hostname
):
    raise ImproperlyConfigured(
        f"LLM_BASE_URL must be an http:// or https:// URL such as http://127.0.0.1:11434/v1; "
        f"got {LLM_BASE_URL!r}"
    )
if not 1 <= LLM_TIMEOUT <= 600:
    raise ImproperlyConfigured(f"LLM_TIMEOUT must be from 1 to 600 seconds; got {LLM_TIMEOUT}")
if not 1 <= LLM_MAX_ATTEMPTS <= 10:
    raise ImproperlyConfigured(f"LLM_MAX_ATTEMPTS must be from 1 to 10; got {LLM_MAX_ATTEMPTS}")
if CELERY_BROKER_URL and urlsplit(CELERY_BROKER_URL).scheme not in {
    "redis",
    "rediss",
    "amqp",
    "amqps",
    "pyamqp",
}:
    raise ImproperlyConfigured(
        "CELERY_BROKER_URL must be a Redis or RabbitMQ URL such as redis://127.0.0.1:6379/1 or "
        f"amqp://guest:guest@127.0.0.1:5672//; got {CELERY_BROKER_URL!r}"
    )
if LLM_BASE_URL and not CELERY_BROKER_URL:
    raise ImproperlyConfigured(
        "The model engines score answers in Celery workers: set CELERY_BROKER_URL "
        "(redis://127.0.0.1:6379/1, say) as well as LLM_BASE_URL and LLM_MODEL."
    )
_MODEL_ENGINES = "sessions_app.engines.llm.Model" if LLM_BASE_URL else None
INTERVIEW_QUESTION_GENERATOR = os.environ.get(
    "INTERVIEW_QUESTION_GENERATOR",
    f"{_MODEL_ENGINES}QuestionGenerator"
    if _MODEL_ENGINES
    else "sessions_app.engines.generator.BuiltinQuestionGenerator",
)
INTERVIEW_ANSWER_SCORER = os.environ.get(
    "INTERVIEW_ANSWER_SCORER",
    f"{_MODEL_ENGINES}AnswerScorer"
    if _MODEL_ENGINES
    else "sessions_app.engines.scorer.BuiltinAnswerScorer",
)

# Background scoring (sessions_app/tasks.py): with a broker, an answer is stored at once and
# scored by a worker; without one, scored inline as it is stored. The sweep (Celery beat,
# every minute) sends again what has waited longer than SCORING_SWEEP_AFTER seconds.
SCORING_IN_BACKGROUND = bool(CELERY_BROKER_URL)
SCORING_SWEEP_AFTER = env_int("SCORING_SWEEP_AFTER", 300)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A task whose broker connection is lost is given back to the queue (it is safe to run twice).
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that sends a task waits at most this long for a broker that is down; the sweep
# sends it later.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BEAT_SCHEDULE = {
    "scoring-sweep": {"task": "sessions_app.tasks.scoring_sweep_task", "schedule": 60.0}
}
INTERVIEW_QUESTION_COUNT = env_int("INTERVIEW_QUESTION_COUNT", 5)
if not 1 <= INTERVIEW_QUESTION_COUNT <= 50:
    raise ImproperlyConfigured("INTERVIEW_QUESTION_COUNT must be between 1 and 50.")

LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL; got {LOG_LEVEL!r}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "one_line": {"()": "interview_practice.log_records.OneLine"},
        "once_per_minute": {"()": "interview_practice.log_records.OncePerMinute"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["one_line"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own console handler (debug only) would print every django.* line a
        # second time beside the root's.
        "django": {"handlers": []},
        "django.security.DisallowedHost": {"filters": ["once_per_minute"]},
    },
}
