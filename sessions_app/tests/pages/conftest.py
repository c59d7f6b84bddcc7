import pytest
from django.test import Client

from sessions_app.models import InterviewSession
from sessions_app.tests.factories import InterviewSessionFactory


@pytest.fixture
def alice_web(alice):
    """A browser signed in as alice (a Django login session, as the pages use)."""
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_web(bob):
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def completed(alice):
    return InterviewSessionFactory(job_posting__owner=alice, completed=True)


def retake_of(session, *, completed=False):
    """The next attempt of ``session``'s chain, as ``session_retake`` would number it."""
    root = session.original_session or session
    highest = max([root.retake_number, *root.retakes.values_list("retake_number", flat=True)])
    return InterviewSessionFactory(
        job_posting=session.job_posting,
        user=session.user,
        original_session=root,
        retake_number=highest + 1,
        completed=completed,
    )


def chain_of_scores(first, *scores):
    """Retakes of ``first``, completed, one per score after the first; the latest."""
    InterviewSession.objects.filter(pk=first.pk).update(score=scores[0])
    latest = first
    for score in scores[1:]:
        latest = retake_of(latest, completed=True)
        InterviewSession.objects.filter(pk=latest.pk).update(score=score)
    return latest


def messages_of(response):
    return [str(message) for message in response.context["messages"]]
