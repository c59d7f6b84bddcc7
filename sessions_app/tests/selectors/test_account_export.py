"""selectors.account_export: everything of one account, in three queries however much."""

import pytest

from sessions_app import selectors
from sessions_app.tests.factories import InterviewSessionFactory

pytestmark = pytest.mark.django_db


def test_the_export_reads_postings_sessions_and_questions_once_each(
    alice, django_assert_num_queries
):
    for _ in range(3):
        InterviewSessionFactory(job_posting__owner=alice, completed=True)

    # 1. postings, 2. sessions, 3. their questions.
    with django_assert_num_queries(3):
        export = selectors.account_export(user=alice)

    assert len(export["sessions"]) == 3
    assert sum(len(session["questions"]) for session in export["sessions"]) == 15


def test_covered_talking_points_are_written_out(alice):
    session = InterviewSessionFactory(job_posting__owner=alice, completed=True)
    session.questions.filter(number=1).update(
        talking_points=["the risk", "who you told"], talking_points_covered=[1]
    )

    export = selectors.account_export(user=alice)

    assert export["sessions"][0]["questions"][0]["talking_points_covered"] == ["who you told"]
