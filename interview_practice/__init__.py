"""The Django project. Its Celery application is loaded with it, so tasks bind to it."""

from interview_practice.celery import app as celery_app

__all__ = ["celery_app"]
