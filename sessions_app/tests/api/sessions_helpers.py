"""What the sessions tests share: URLs, the practice steps, and a snapshot of the rows."""

from django.urls import reverse

from sessions_app.models import InterviewSession, Question

LIST_URL = reverse("api:session-list")
STRONG_ANSWER = (
    "Last spring our Django checkout API had a p95 of 2 seconds during sales. I was asked to "
    "bring it under 400 ms before Black Friday. I profiled it, removed an N+1 pattern with "
    "select_related, and added a PostgreSQL index. p95 fell to 240 ms and abandonment "
    "dropped by 30 percent."
)


def session_url(name, session_or_id):
    return reverse(f"api:session-{name}", args=[getattr(session_or_id, "pk", session_or_id)])


def start(client, posting):
    return client.post(LIST_URL, {"job_posting_id": str(posting.pk)}, format="json")


def answer(client, session, text=STRONG_ANSWER):
    return client.post(session_url("answers", session), {"answer": text}, format="json")


def db_snapshot():
    """Every session and question row, to show that a refused request changed nothing."""
    return (
        list(InterviewSession.objects.order_by("pk").values()),
        list(Question.objects.order_by("pk").values()),
    )
