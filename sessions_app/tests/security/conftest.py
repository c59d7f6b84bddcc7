from dataclasses import dataclass

import pytest
from django.test import Client

from sessions_app.models import InterviewSession
from sessions_app.tests.factories import InterviewSessionFactory, JobPostingFactory

ALICE_TITLE = "Alice Confidential Platform Lead"


@dataclass(frozen=True)
class Objects:
    posting: object
    active: InterviewSession  # nothing answered yet
    answered: InterviewSession  # every question answered, not completed
    completed: InterviewSession  # the original of a chain of two completed attempts
    retake: InterviewSession  # its completed second attempt

    def get(self, name: str):
        return getattr(self, name)

    @property
    def session_ids(self) -> set[str]:
        return {str(s.pk) for s in (self.active, self.answered, self.completed, self.retake)}


@pytest.fixture
def alices(alice):
    """Alice's posting and sessions, each one a request of hers could act on right now."""
    posting = JobPostingFactory(owner=alice, title=ALICE_TITLE)
    completed = InterviewSessionFactory(job_posting=posting, completed=True)
    retake = InterviewSessionFactory(
        job_posting=posting,
        original_session=completed,
        retake_number=2,
        completed=True,
    )
    return Objects(
        posting=posting,
        active=InterviewSessionFactory(job_posting=posting),
        answered=InterviewSessionFactory(job_posting=posting, current_question_number=5),
        completed=completed,
        retake=retake,
    )


@pytest.fixture
def bobs(bob):
    """Bob's own posting with a completed session, so his lists are not empty."""
    posting = JobPostingFactory(owner=bob, title="Bob Data Analyst")
    return posting, InterviewSessionFactory(job_posting=posting, completed=True)


@pytest.fixture
def bob_web(bob):
    """A browser signed in as bob (a Django login session)."""
    client = Client()
    client.force_login(bob)
    return client
