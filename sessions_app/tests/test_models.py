"""The database itself refuses states the rules forbid, whatever code writes them."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models.deletion import RestrictedError

from sessions_app.models import InterviewSession
from sessions_app.tests.factories import InterviewSessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def original():
    return InterviewSessionFactory(completed=True)


def _retake_row(original, number, **fields):
    return InterviewSession(
        user_id=original.user_id,
        job_posting_id=original.job_posting_id,
        original_session=original,
        retake_number=number,
        **fields,
    )


def test_two_active_attempts_in_one_chain_are_refused(original):
    _retake_row(original, 2).save()

    with pytest.raises(IntegrityError), transaction.atomic():
        _retake_row(original, 3).save()


def test_an_active_original_and_an_active_retake_are_refused():
    original = InterviewSessionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        _retake_row(original, 2).save()


def test_active_sessions_in_different_chains_are_allowed():
    user = UserFactory()
    InterviewSessionFactory(job_posting__owner=user)
    InterviewSessionFactory(job_posting__owner=user)

    assert InterviewSession.objects.filter(status="active").count() == 2


def test_duplicate_retake_number_in_a_chain_is_refused(original):
    _retake_row(
        original, 2, status="completed", score=50, completed_at=original.completed_at
    ).save()

    with pytest.raises(IntegrityError), transaction.atomic():
        _retake_row(original, 2).save()


def test_retake_without_original_is_refused(original):
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewSessionFactory(job_posting=original.job_posting, retake_number=2)


def test_retake_numbered_1_is_refused(original):
    with pytest.raises(IntegrityError), transaction.atomic():
        _retake_row(original, 1).save()


def test_completed_session_without_score_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        InterviewSessionFactory(completed=True, score=None)


def test_deleting_an_original_with_retakes_is_refused(original):
    _retake_row(original, 2).save()

    with pytest.raises(RestrictedError):
        original.delete()
    assert InterviewSession.objects.count() == 2


def test_deleting_the_user_deletes_the_whole_chain(original):
    _retake_row(original, 2).save()

    original.user.delete()

    assert InterviewSession.objects.count() == 0


def test_root_id_is_own_id_for_an_original_and_the_original_for_a_retake(original):
    retake = _retake_row(original, 2)

    assert original.root_id == original.pk
    assert retake.root_id == original.pk


def test_usernames_differing_only_in_case_are_refused():
    UserFactory(username="sam")

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="Sam")


def test_emails_differing_only_in_case_are_refused():
    UserFactory(email="sam@example.com")

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="Sam@Example.com")
