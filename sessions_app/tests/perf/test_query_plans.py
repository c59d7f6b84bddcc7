"""Every hot request's queries stay index lookups as the tables grow (PostgreSQL).

The tables get a few thousand sessions and questions of other users, then ``ANALYZE``;
each request's queries are captured and ``EXPLAIN``-ed twice: with their values, and as
the generic plan PostgreSQL may settle on for a statement prepared on a long-lived
connection (psycopg's ``prepare_threshold``), where the values are parameters the planner
cannot see. A sequential scan of sessions or questions, or a hash join over them, is work
that grows with the table: the test fails.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from psycopg import sql as pgsql
from rest_framework.test import APIClient

from sessions_app import selectors
from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.tests.factories import InterviewSessionFactory, UserFactory
from sessions_app.tests.pages.conftest import retake_of

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]

OTHER_SESSIONS = 3000
USERS = 100
GROWING = {"sessions_app_interviewsession", "sessions_app_question"}


@pytest.fixture
def crowd(db):
    """Other users' practice: a posting per chain of two completed sessions, five questions
    each (as many postings as chains, so that no table is small enough to scan)."""
    users = [UserFactory() for _ in range(USERS)]
    postings = JobPosting.objects.bulk_create(
        JobPosting(owner=users[i % USERS], title="Analyst", description="SQL and Tableau.")
        for i in range(OTHER_SESSIONS // 2)
    )
    now = timezone.now()
    originals = InterviewSession.objects.bulk_create(
        InterviewSession(
            user=postings[i].owner,
            job_posting=postings[i],
            status="completed",
            current_question_number=5,
            score=60,
            completed_at=now,
        )
        for i in range(OTHER_SESSIONS // 2)
    )
    retakes = InterviewSession.objects.bulk_create(
        InterviewSession(
            user=original.user,
            job_posting=original.job_posting,
            original_session=original,
            retake_number=2,
            status="completed",
            current_question_number=5,
            score=70,
            completed_at=now,
        )
        for original in originals
    )
    Question.objects.bulk_create(
        Question(session=session, number=n, text=f"Question {n}?", category="role", score=60)
        for session in [*originals, *retakes]
        for n in range(1, 6)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _relations(plan):
    return {node.get("Relation Name") for node in _nodes(plan)} & GROWING


def _plans(sql, params):
    """The statement's plan for these values, then its generic plan."""
    literals = [pgsql.Literal(param).as_string(connection.connection) for param in params]
    numbered = iter(range(1, len(params) + 1))
    prepared = "".join(
        part + (f"${next(numbered)}" if i < len(params) else "")
        for i, part in enumerate(sql.replace("%%", "%").split("%s"))
    )
    with connection.cursor() as cursor:
        cursor.execute("PREPARE plan_probe AS " + prepared)
        try:
            for mode in ("force_custom_plan", "force_generic_plan"):
                cursor.execute(f"SET LOCAL plan_cache_mode = {mode}")
                arguments = f"({', '.join(literals)})" if literals else ""
                cursor.execute(f"EXPLAIN (FORMAT JSON) EXECUTE plan_probe{arguments}")
                (plan,) = cursor.fetchone()[0]
                yield mode, plan["Plan"]
        finally:
            cursor.execute("DEALLOCATE plan_probe")
            cursor.execute("RESET plan_cache_mode")


def _growing_work(sql, params):
    for mode, plan in _plans(sql, params):
        for problem in _problems(plan):
            yield f"{problem} ({mode})"


def _problems(plan):
    for node in _nodes(plan):
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in GROWING:
            yield f"sequential scan of {node['Relation Name']}"
        if node["Node Type"] == "Hash Join" and _relations(node):
            yield f"hash join over {', '.join(sorted(_relations(node)))}"


def assert_flat(request):
    """Run ``request()``, then EXPLAIN each statement it sent that reads rows."""
    sent = []

    def capture(execute, sql, params, many, context):
        sent.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        response = request()
    assert getattr(response, "status_code", 200) < 400, response.content[:300]
    readers = [(sql, params) for sql, params in sent if sql.lstrip().upper().startswith("SELECT")]
    assert readers
    problems = {
        f"{problem}: {sql[:300]}"
        for sql, params in readers
        for problem in _growing_work(sql, params)
    }
    assert not problems, "\n".join(sorted(problems))


@pytest.fixture
def alice_chain(crowd):
    alice = UserFactory(username="alice")
    first = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    second = retake_of(first, completed=True)
    return alice, first, second


@pytest.fixture
def api(alice_chain):
    client = APIClient()
    client.force_authenticate(alice_chain[0])
    return client


@pytest.fixture
def web(alice_chain):
    client = Client()
    client.force_login(alice_chain[0])
    return client


def test_session_list(api):
    assert_flat(lambda: api.get(reverse("api:session-list")))


def test_session_list_filtered_by_chain(api, alice_chain):
    _, first, _ = alice_chain
    assert_flat(lambda: api.get(reverse("api:session-list"), {"original_session_id": first.pk}))


def test_session_detail(api, alice_chain):
    assert_flat(lambda: api.get(reverse("api:session-detail", args=[alice_chain[2].pk])))


def test_attempts(api, alice_chain):
    assert_flat(lambda: api.get(reverse("api:session-attempts", args=[alice_chain[2].pk])))


def test_retake(api, alice_chain):
    assert_flat(lambda: api.post(reverse("api:session-retake", args=[alice_chain[2].pk])))


def test_answer_and_complete(api, alice_chain):
    alice = alice_chain[0]
    session = InterviewSessionFactory(job_posting__owner=alice)
    answers = reverse("api:session-answers", args=[session.pk])
    for _ in range(4):
        api.post(answers, {"answer": "I cut the p95 from 2 s to 300 ms."}, format="json")

    assert_flat(lambda: api.post(answers, {"answer": "We shipped."}, format="json"))
    assert_flat(lambda: api.post(reverse("api:session-complete", args=[session.pk])))


def test_dashboard_page(web):
    assert_flat(lambda: web.get(reverse("pages:dashboard")))


def test_session_page(web, alice_chain):
    assert_flat(lambda: web.get(reverse("pages:session", args=[alice_chain[2].pk])))


def test_attempts_page(web, alice_chain):
    assert_flat(lambda: web.get(reverse("pages:attempts", args=[alice_chain[2].pk])))


def test_the_sweeps_look_for_answers_left_pending(crowd):
    assert_flat(lambda: selectors.questions_pending_since(before=timezone.now()))
