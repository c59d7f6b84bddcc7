"""Create (or refresh) the demo account and its data, so a newcomer sees the product at once."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from sessions_app import services
from sessions_app.models import InterviewSession, JobPosting

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

# Answers of mixed quality, so the finished demo session shows both praise and advice.
DEMO_ANSWERS = [
    "In my last role our reporting API timed out for our biggest customers every Monday. "
    "I was asked to fix it within the sprint. I traced the slow path with the Django debug "
    "toolbar, found 400 queries per request, rewrote it with select_related and a composite "
    "PostgreSQL index, and added a load test to CI. Response time fell from 9 seconds to "
    "600 ms and the Monday support tickets stopped.",
    "I like to keep things simple and write clean code that other people can read.",
    "When two teams disagreed about an API contract, I set up a short meeting, wrote down "
    "both proposals with their trade-offs, and we agreed on a versioned endpoint. We shipped "
    "it two weeks later without breaking any client.",
    "I mentor juniors by pairing with them on real tickets and reviewing their code kindly.",
    "Um, I guess I would basically just look at the logs and, like, fix whatever is broken.",
]


class Command(BaseCommand):
    help = (
        "Create the demo user (new random password each run) with a job posting and one "
        "completed practice session, ready to retake."
    )

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
        posting = JobPosting.objects.filter(owner=user).first()
        if posting is None:
            posting = services.job_posting_create(owner=user, **DEMO_POSTING)
        if not InterviewSession.objects.filter(user=user).exists():
            self._practise(user=user, posting=posting)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account {'created' if created else 'ready'}: "
                f"username {DEMO_USERNAME!r}, password {password!r}"
            )
        )

    def _practise(self, *, user, posting: JobPosting) -> None:
        session = services.session_start(user=user, job_posting_id=posting.pk)
        for number in range(settings.INTERVIEW_QUESTION_COUNT):
            answer = DEMO_ANSWERS[number % len(DEMO_ANSWERS)]
            services.session_answer(session_id=session.pk, owner=user, answer=answer)
        services.session_complete(session_id=session.pk, owner=user)
