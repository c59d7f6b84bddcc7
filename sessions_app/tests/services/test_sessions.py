"""The service functions themselves, for what their other callers (pages, admin) rely on."""

import pytest

from sessions_app import services
from sessions_app.exceptions import (
    JobPostingNotFound,
    MissingJobPosting,
    SessionAccessDenied,
    SessionHasRetakes,
    SessionNotCompleted,
    SessionNotFound,
    ValidationFailed,
)
from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.tests.factories import (
    InterviewSessionFactory,
    JobPostingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_retake_asked_by_another_actor_is_the_owners_attempt():
    owner = UserFactory()
    staff = UserFactory(is_staff=True)
    session = InterviewSessionFactory(job_posting__owner=owner, completed=True)

    attempt = services.session_retake(session=session, owner=owner, actor=staff)

    assert attempt.user_id == owner.pk
    assert attempt.retake_number == 2


def test_ownership_is_checked_before_completion():
    session = InterviewSessionFactory()

    with pytest.raises(SessionAccessDenied):
        services.session_retake(session=session, owner=UserFactory())
    assert InterviewSession.objects.count() == 1


def test_completion_is_checked_before_the_posting():
    session = InterviewSessionFactory(job_posting=None, user=UserFactory())

    with pytest.raises(SessionNotCompleted):
        services.session_retake(session=session, owner=session.user)
    assert InterviewSession.objects.count() == 1


def test_missing_posting_is_refused():
    session = InterviewSessionFactory(job_posting=None, user=UserFactory(), completed=True)

    with pytest.raises(MissingJobPosting):
        services.session_retake(session=session, owner=session.user)
    assert InterviewSession.objects.count() == 1


def test_retake_of_a_session_deleted_after_it_was_read_is_not_found():
    session = InterviewSessionFactory(completed=True)
    InterviewSession.objects.filter(pk=session.pk).delete()

    with pytest.raises(SessionNotFound):
        services.session_retake(session=session, owner=session.user)
    assert not InterviewSession.objects.exists()


def test_answer_refuses_another_owner():
    session = InterviewSessionFactory()

    with pytest.raises(SessionAccessDenied):
        services.session_answer(session_id=session.pk, owner=UserFactory(), answer="Hello.")
    assert not Question.objects.exclude(answer="").exists()


def test_complete_refuses_another_owner():
    session = InterviewSessionFactory(current_question_number=5)

    with pytest.raises(SessionAccessDenied):
        services.session_complete(session_id=session.pk, owner=UserFactory())
    session.refresh_from_db()
    assert session.status == "active"


def test_editing_a_posting_deleted_since_it_was_read_is_not_found():
    posting = JobPostingFactory()
    JobPosting.objects.filter(pk=posting.pk).delete()

    with pytest.raises(JobPostingNotFound):
        services.job_posting_update(posting=posting, data={"title": "New title"})
    assert not JobPosting.objects.exists()


def test_deleting_a_posting_deleted_since_it_was_read_is_not_found():
    posting = JobPostingFactory()
    JobPosting.objects.filter(pk=posting.pk).delete()

    with pytest.raises(JobPostingNotFound):
        services.job_posting_delete(posting=posting)


def test_deleting_an_account_deletes_its_postings_and_whole_chains():
    owner = UserFactory()
    original = InterviewSessionFactory(job_posting__owner=owner, completed=True)
    InterviewSessionFactory(
        job_posting=original.job_posting, original_session=original, retake_number=2
    )
    other = InterviewSessionFactory()

    services.user_delete(user=owner)

    assert list(InterviewSession.objects.all()) == [other]
    assert list(JobPosting.objects.all()) == [other.job_posting]
    assert not Question.objects.exclude(session=other).exists()


@pytest.mark.parametrize("text", ["   ", "\u200b", "\ufeff\n"])
def test_answer_with_nothing_visible_is_refused_for_every_caller(text):
    session = InterviewSessionFactory()

    with pytest.raises(ValidationFailed):
        services.session_answer(session_id=session.pk, owner=session.user, answer=text)
    assert not Question.objects.exclude(answer="").exists()


def test_deleting_an_original_without_its_retakes_is_refused_and_changes_nothing():
    original = InterviewSessionFactory(completed=True)
    InterviewSessionFactory(
        job_posting=original.job_posting,
        original_session=original,
        retake_number=2,
        completed=True,
    )

    with pytest.raises(SessionHasRetakes):
        services.sessions_delete(session_ids=[original.pk])
    assert InterviewSession.objects.count() == 2


def test_deleting_a_chain_with_its_original_deletes_it_all():
    original = InterviewSessionFactory(completed=True)
    second = InterviewSessionFactory(
        job_posting=original.job_posting,
        original_session=original,
        retake_number=2,
        completed=True,
    )

    deleted = services.sessions_delete(session_ids=[original.pk, second.pk])

    assert deleted == 2
    assert not InterviewSession.objects.exists()


def test_a_generator_that_cannot_answer_leaves_the_bank_to_write_the_questions(settings):
    settings.INTERVIEW_QUESTION_GENERATOR = "sessions_app.tests.engines.broken.UnavailableGenerator"
    posting = JobPostingFactory()

    session = services.session_start(user=posting.owner, job_posting_id=posting.pk)

    assert session.questions.count() == 5
    assert all(question.talking_points for question in session.questions.all())


def test_an_answer_a_scorer_cannot_read_is_scored_built_in_and_told_so(settings):
    settings.INTERVIEW_ANSWER_SCORER = "sessions_app.tests.engines.broken.RefusingScorer"
    session = InterviewSessionFactory()

    services.session_answer(session_id=session.pk, owner=session.user, answer="I fixed it.")

    question = session.questions.get(number=1)
    assert (question.scoring, question.scored_by) == ("done", "built-in")
    assert question.feedback.startswith(
        "Scored by the built-in scorer: the model's reply could not be read.\n"
    )
