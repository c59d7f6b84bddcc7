"""The Celery application that scores answers in the background (``sessions_app.tasks``).

Its settings are Django's ``CELERY_*`` (interview_practice/settings.py); ``make worker`` runs
a worker with the beat that sweeps up answers left pending.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_practice.settings")

app = Celery("interview_practice")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
