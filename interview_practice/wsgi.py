"""WSGI entry point: Django behind the guards of ``sessions_app.guards``."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from sessions_app.guards import guard_requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_practice.settings")

application = guard_requests(
    get_wsgi_application(),
    max_body_bytes=settings.REQUEST_BODY_MAX_BYTES,
    body_timeout=settings.REQUEST_BODY_TIMEOUT,
)
