"""Create (or refresh) the demo account and its data, so a newcomer sees the product at once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sessions_app import services
from sessions_app.models import JobPosting

DEMO_USERNAME = "demo"
DEMO_POSTING = {
    "title": "Senior Backend Engineer",
    "company": "Northwind Analytics",
    "description": (
        "Northwind builds analytics APIs used by 2,000 retailers. As a senior backend "
        "engineer you will design REST APIs in Python and Django, own PostgreSQL schema "
        "and query performance, run services on AWS with Docker and CI/CD, review code, "
        "and mentor two junior engineers. You work closely with product managers and "
        "explain technical trade-offs to stakeholders."
    ),
}


class Command(BaseCommand):
    help = "Create the demo user (new random password each run) with a job posting."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (not advised)."
        )

    @transaction.atomic
    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("seed_demo is for development; set DJANGO_DEBUG=1 or pass --force.")
        password = secrets.token_urlsafe(12)
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "demo@example.com"}
        )
        user.set_password(password)
        user.save(update_fields=["password"])
        if not JobPosting.objects.filter(owner=user).exists():
            services.job_posting_create(owner=user, **DEMO_POSTING)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account {'created' if created else 'ready'}: "
                f"username {DEMO_USERNAME!r}, password {password!r}"
            )
        )
