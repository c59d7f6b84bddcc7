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

# The first attempt: answers of mixed quality, so its feedback shows praise and advice.
DEMO_ANSWERS = [
    "We had an API other teams used. When we needed to change it we made a new version and "
    "told people about it.",
    "I like to keep things simple and write clean code that other people can read.",
    "I would put the order history in Redis with a short expiry so the page loads faster.",
    "When a junior colleague joined, I paired with her on real tickets for a few weeks and "
    "reviewed her pull requests with comments that explained why, not just what.",
    "Um, I guess I would basically just look at the logs and, like, fix whatever is broken.",
]

# The second attempt: the same questions answered with what a strong answer covers.
BETTER_ANSWERS = [
    "At Northwind I owned the orders API that four other teams called. We had to rename the "
    "status field and make the delivery address required, which would have broken them. I "
    "searched our access logs for every client that read the field, wrote contract tests "
    "with two of the teams, and shipped the change as a new v2 endpoint while v1 kept its "
    "old shape. I sent each team a migration guide with dates and ran v1 for a three-month "
    "deprecation window. All four teams moved in ten weeks and no client broke.",
    "Last quarter I rewrote our invoice export in Python because it took 40 minutes and ran "
    "out of memory on big customers. I profiled it with cProfile, replaced lists built in "
    "memory with generators that stream rows from PostgreSQL, and moved the PDF rendering "
    "into a pool of four worker processes. I chose processes over threads because the "
    "rendering is CPU-bound. I checked the output against 200 old exports byte for byte; "
    "the export now takes 6 minutes and uses a tenth of the memory.",
    "First I would ask what the page's time is spent on today: I would trace a slow request "
    "and look at the queries before adding a cache, because an index may be the real fix. "
    "If caching still helps, I would use cache-aside with one key per user, invalidate it "
    "when a new order is written, and agree with product that a few seconds of staleness is "
    "fine. I would add jitter to the expiry so keys do not all expire at once, and if Redis "
    "is slow or down the page would fall back to the database with a short timeout.",
    "When Priya joined us from a Java team, she had never used Django. I asked what she "
    "already knew and found she was strong on SQL, so I started from the ORM's queries. I "
    "showed her one feature end to end, then she built the next one while I reviewed each "
    "step, and I checked her understanding by asking her to explain her design before she "
    "coded it. Within two months she shipped the export feature on her own and now "
    "onboards new starters herself.",
    "I would treat it as a security incident: confirm it, tell the security lead and our "
    "data protection officer, and ship a fix the same day. The fix is an object-level "
    "check that the invoice belongs to the signed-in account, not just that someone is "
    "signed in. I would search the access logs for requests that read other accounts' "
    "invoices to see whether it was exploited, look for the same pattern on every other "
    "endpoint, and add tests for it. Switching to random ids would help, but only as "
    "defence in depth.",
]


class Command(BaseCommand):
    help = (
        "Create the demo user (new random password each run) with a job posting and two "
        "completed attempts of it, the second better than the first, ready to retake."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (not advised)."
        )
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/", help="Where the app is served."
        )

    @transaction.atomic
    def handle(self, *args, force: bool = False, url: str = "", **options):
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
        sessions = InterviewSession.objects.filter(user=user)
        if not sessions.exists():
            first = services.session_start(user=user, job_posting_id=posting.pk)
            self._answer_all(user=user, session=first, answers=DEMO_ANSWERS)
        # A database seeded before there were two attempts gets its second one too.
        if sessions.count() == 1 and sessions.get().status == InterviewSession.Status.COMPLETED:
            second = services.session_retake(session=sessions.get(), owner=user)
            self._answer_all(user=user, session=second, answers=BETTER_ANSWERS)

        self.stdout.write(
            self.style.SUCCESS(
                f"Demo account {'created' if created else 'ready'}: "
                f"username {DEMO_USERNAME!r}, password {password!r}\n"
                f"Open {url} and log in: the dashboard shows two attempts and a Retake button."
            )
        )

    def _answer_all(self, *, user, session: InterviewSession, answers: list[str]) -> None:
        for number in range(settings.INTERVIEW_QUESTION_COUNT):
            answer = answers[number % len(answers)]
            services.session_answer(session_id=session.pk, owner=user, answer=answer)
        services.session_complete(session_id=session.pk, owner=user)
