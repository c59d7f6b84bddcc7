"""Practice sessions: start, answer, complete, retake."""

import functools
import hashlib
import json
import logging
import unicodedata
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.utils import timezone

from sessions_app import selectors
from sessions_app.engines import (
    EngineFailed,
    EngineUnavailable,
    GeneratedQuestion,
    get_question_generator,
)
from sessions_app.engines.generator import BuiltinQuestionGenerator
from sessions_app.exceptions import (
    AllQuestionsAnswered,
    MissingJobPosting,
    QuestionAlreadyAnswered,
    QuestionsUnanswered,
    RetakeInProgress,
    ScoringInProgress,
    SessionHasRetakes,
    SessionNotActive,
    SessionNotCompleted,
    SessionNotFound,
    ValidationFailed,
)
from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.ownership import id_parse, session_owner_check
from sessions_app.services.locks import (
    PostingLock,
    lock_own_account,
    lock_owned_session,
    lock_posting,
    lock_retake,
    lock_sessions_for_deletion,
)
from sessions_app.services.scoring import (
    SCORE_FIELDS,
    answer_assessed,
    answer_score_send,
    score_apply,
    task_send,
)
from sessions_app.sql import row

logger = logging.getLogger(__name__)

ANSWER_MAX_LENGTH = 10_000
QUESTIONS_TASK = "sessions_app.tasks.posting_questions_task"


def has_visible_text(text: str) -> bool:
    """Whether ``text`` has a character that shows: not only spaces, zero-width or other
    format and control characters (Unicode categories Z and C)."""
    return any(unicodedata.category(char)[0] not in "ZC" for char in text)


def _question_set_key(*, posting: JobPosting, count: int) -> str:
    """What a kept question set was written for: the generator, its model, the posting's
    title and description as they read, and the count."""
    written_for = [
        settings.INTERVIEW_QUESTION_GENERATOR,
        settings.LLM_MODEL,
        posting.title,
        posting.description,
        count,
    ]
    return hashlib.sha256(json.dumps(written_for).encode()).hexdigest()


def posting_questions_prepare(*, posting_id: uuid.UUID | str, owner_id: int) -> None:
    """For a generator whose questions are kept (a model's, ``remembered``): ask it for the
    posting's set now, outside any transaction or lock, unless the posting has one for how
    it reads. A set is kept only if the posting was not edited meanwhile; if the generator
    fails, nothing is kept and the built-in bank writes the session's questions.

    A worker does this as soon as a posting is written (``posting_questions_send``); the
    request that starts a session does it only if no worker has yet."""
    if not _questions_remembered():
        return
    pk = id_parse(posting_id)
    posting = None if pk is None else row(JobPosting, pk=pk, owner=owner_id)
    count = settings.INTERVIEW_QUESTION_COUNT
    if posting is None or posting.question_set_key == _question_set_key(
        posting=posting, count=count
    ):
        return
    try:
        generator = get_question_generator()
        generated = _generated_checked(
            generator.generate(title=posting.title, description=posting.description, count=count)
        )
    except (EngineUnavailable, EngineFailed) as exc:
        logger.warning("Question generator failed for posting %s: %s", posting.pk, exc.reason)
        return
    JobPosting.objects.filter(
        pk=posting.pk, title=posting.title, description=posting.description
    ).update(
        question_set=[question._asdict() for question in generated],
        question_set_key=_question_set_key(posting=posting, count=count),
    )


def _questions_remembered() -> bool:
    return getattr(get_question_generator(), "remembered", False)


def posting_questions_send(*, posting: JobPosting) -> None:
    """Once the transaction that wrote ``posting`` commits, have a worker prepare its kept
    questions (``posting_questions_prepare``), if the generator keeps them and workers run."""
    if settings.SCORING_IN_BACKGROUND and _questions_remembered():
        transaction.on_commit(
            functools.partial(
                task_send, name=QUESTIONS_TASK, args=[str(posting.pk), posting.owner_id]
            )
        )


def _generated_checked(items: list) -> list[GeneratedQuestion]:
    count = settings.INTERVIEW_QUESTION_COUNT
    generated = [GeneratedQuestion(*item) for item in items]  # (text, category) pairs too
    categories = set(Question.Category.values)
    # A plugged-in engine is outside our control; refusing its output here rolls the
    # whole session back instead of storing a session that cannot be completed.
    if len(generated) != count or len({q.text for q in generated}) != count:
        raise RuntimeError(f"Question generator returned {len(generated)} items, wanted {count}")
    if any(not q.text.strip() or q.category not in categories for q in generated):
        raise RuntimeError("Question generator returned a blank text or an unknown category")
    return generated


def _questions_generate(*, posting: JobPosting) -> list[Question]:
    """The questions of a new session (unsaved, numbered from 1) from ``posting``: a kept
    generator's set for the posting as it reads (``posting_questions_prepare``), which is
    never asked for here, under the caller's locks; the built-in bank's if there is none."""
    count = settings.INTERVIEW_QUESTION_COUNT
    generator, bank = get_question_generator(), BuiltinQuestionGenerator()
    remembered = getattr(generator, "remembered", False)
    if remembered and posting.question_set_key == _question_set_key(posting=posting, count=count):
        items = [
            GeneratedQuestion(**{**item, "talking_points": tuple(item["talking_points"])})
            for item in posting.question_set
        ]
    elif remembered:
        items = bank.generate(title=posting.title, description=posting.description, count=count)
    else:
        try:
            items = generator.generate(
                title=posting.title, description=posting.description, count=count
            )
        except (EngineUnavailable, EngineFailed):
            items = bank.generate(title=posting.title, description=posting.description, count=count)
    generated = _generated_checked(items)
    return [
        Question(
            number=number,
            text=q.text.strip(),
            category=q.category,
            topic=str(q.topic)[:200],
            talking_points=[str(point) for point in q.talking_points],
        )
        for number, q in enumerate(generated, start=1)
    ]


def _questions_save(*, session: InterviewSession, questions: list[Question]) -> list[Question]:
    for question in questions:
        question.session = session
    return Question.objects.bulk_create(questions)


def session_start(*, user: AbstractBaseUser, job_posting_id: uuid.UUID | str) -> InterviewSession:
    """Start an original session for one of ``user``'s postings, with its questions."""
    posting_questions_prepare(posting_id=job_posting_id, owner_id=user.pk)
    return _session_start(user=user, job_posting_id=job_posting_id)


@transaction.atomic
def _session_start(*, user: AbstractBaseUser, job_posting_id: uuid.UUID | str) -> InterviewSession:
    lock_own_account(user=user)
    posting = lock_posting(posting_id=job_posting_id, owner=user, purpose=PostingLock.KEEP)
    if posting is None:
        raise ValidationFailed({"job_posting_id": ["Choose one of your job postings."]})
    questions = _questions_generate(posting=posting)
    session = InterviewSession.objects.create(user=user, job_posting=posting)
    _questions_save(session=session, questions=questions)
    return session


@transaction.atomic
def session_answer(
    *,
    session_id: uuid.UUID | str,
    owner: AbstractBaseUser,
    answer: str,
    question_number: int | None = None,
) -> InterviewSession:
    """Answer the next question (``current_question_number + 1``) and score it; the session
    as ``selectors.session_detail`` shows it, read before the commit, so that a caller never
    has to read again after it (a read that could fail although the answer was saved).

    The session row is locked first, so two answers sent at once are applied one after
    the other: each sees the other's ``current_question_number`` and none is skipped or
    written twice. A caller that knows which question it answers (a page's form, a client
    that retries) names it in ``question_number``: the same answer sent again for a
    question that holds it changes nothing and returns the session as it is; another answer
    for an answered question is refused (``QUESTION_ALREADY_ANSWERED``) instead of landing
    on the next question.
    """
    answer = answer.strip()
    if not has_visible_text(answer):
        raise ValidationFailed({"answer": ["Write an answer before sending it."]})
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationFailed(
            {"answer": [f"Keep the answer to at most {ANSWER_MAX_LENGTH:,} characters."]}
        )
    session = lock_owned_session(session_id=session_id, owner=owner)
    if session.status != InterviewSession.Status.ACTIVE:
        raise SessionNotActive()
    if question_number is not None and question_number <= session.current_question_number:
        if not session.questions.filter(number=question_number, answer=answer).exists():
            raise QuestionAlreadyAnswered()
        return selectors.session_detail(session_id=session.pk, user=owner)
    question = session.questions.filter(number=session.current_question_number + 1).first()
    if question is None:
        raise AllQuestionsAnswered()
    if question_number is not None and question_number != question.number:
        raise ValidationFailed({"question_number": [f"Answer question {question.number} first."]})

    question.answer = answer
    question.answered_at = timezone.now()
    if settings.SCORING_IN_BACKGROUND:
        # Stored now, scored by a worker once this commits (services.scoring).
        question.scoring = Question.Scoring.PENDING
        question.save(update_fields=["answer", "answered_at", "scoring"])
        transaction.on_commit(functools.partial(answer_score_send, question_id=question.pk))
    else:
        scored, elapsed_ms = answer_assessed(question=question, posting=session.job_posting)
        score_apply(session=session, question=question, scored=scored, elapsed_ms=elapsed_ms)
        question.save(update_fields=["answer", "answered_at", *SCORE_FIELDS])
    session.current_question_number = question.number
    session.save(update_fields=["current_question_number"])
    return selectors.session_detail(session_id=session.pk, user=owner)


@transaction.atomic
def session_complete(*, session_id: uuid.UUID | str, owner: AbstractBaseUser) -> InterviewSession:
    """Close a session whose questions are all answered; its score is their rounded mean."""
    session = lock_owned_session(session_id=session_id, owner=owner)
    if session.status != InterviewSession.Status.ACTIVE:
        raise SessionNotActive()
    answers = list(session.questions.values_list("score", "scoring"))
    if pending := sum(scoring == Question.Scoring.PENDING for _, scoring in answers):
        raise ScoringInProgress(remaining=pending)
    scores = [score for score, _ in answers]
    if not scores or any(score is None for score in scores):
        raise QuestionsUnanswered()
    # Round half up (Python's round() goes to even), so 72.5 shows as 73 as people expect.
    session.score = (2 * sum(scores) + len(scores)) // (2 * len(scores))
    session.status = InterviewSession.Status.COMPLETED
    session.completed_at = timezone.now()
    session.save(update_fields=["score", "status", "completed_at"])
    return session


def session_retake(
    *,
    session: InterviewSession,
    owner: AbstractBaseUser,
    actor: AbstractBaseUser | None = None,
) -> InterviewSession:
    """Start the next attempt of a completed session's chain, its questions generated again.

    ``session`` is the attempt to retake as the caller read it, without a lock: only what
    never changes (its id, its owner, its chain's root) is taken from it, the rest is read
    again under the locks. ``owner`` is the user the attempt is for and must own it;
    ``actor`` is who asked (staff in the admin act for an owner) and defaults to the owner.
    Refusals, in this order: ``UNAUTHORIZED``, ``SESSION_NOT_FOUND`` (deleted meanwhile),
    ``SESSION_NOT_COMPLETED``, ``MISSING_JOB_POSTING``, ``RETAKE_IN_PROGRESS`` (with
    ``active_session_id``). The attempt comes back with ``question_list``, each question's
    ``previous_score`` and what the session serializers show, from the rows written.
    """
    # Refused before any lock, so a caller cannot hold up someone else's chain.
    session_owner_check(session=session, user=owner)
    if session.job_posting_id is not None:
        posting_questions_prepare(posting_id=session.job_posting_id, owner_id=owner.pk)
    try:
        return _session_retake(session=session, owner=owner, actor=actor or owner)
    except IntegrityError as exc:
        # Writers that come through here take the root lock below, so they never get here;
        # the chain constraints still stop any other writer (an attempt put back in
        # progress by hand, say), and that race must read as the same 409 the lock gives,
        # never as a 500 (tests/api/test_concurrency.py races one). Other integrity errors
        # are bugs.
        if not _violates_chain_constraint(exc):
            raise
        active = selectors.session_active_attempt(root_id=session.root_id)
        raise RetakeInProgress(active_session_id=str(active.pk) if active else None) from None


_CHAIN_CONSTRAINTS = {
    constraint.name
    for constraint in InterviewSession._meta.constraints
    if isinstance(constraint, UniqueConstraint)
}


def _violates_chain_constraint(exc: IntegrityError) -> bool:
    # PostgreSQL names the violated constraint. SQLite needs no such check: each write
    # transaction holds the database's write lock from its start (IMMEDIATE), so no other
    # writer can slip in between our checks and our insert.
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) in _CHAIN_CONSTRAINTS


@transaction.atomic
def _session_retake(
    *, session: InterviewSession, owner: AbstractBaseUser, actor: AbstractBaseUser
) -> InterviewSession:
    root_id = session.root_id
    # Lock order: account, posting, chain root, session (services.locks). The root lock
    # makes retakes of one chain (double clicks, two tabs, two workers, different attempts
    # of it) run one at a time; the chain is read after it, so it shows the previous
    # retake's committed attempt: the "in progress" check and the next number are never
    # stale. If the account was deleted while we waited, every lock finds nothing and the
    # session lock answers SESSION_NOT_FOUND. The posting to lock is the one the caller
    # read; the session's own, read under its lock, must still be that one.
    posting, locked = lock_retake(
        user_id=owner.pk,
        posting_id=session.job_posting_id,
        root_id=root_id,
        session_id=session.pk,
    )
    if locked is None:
        raise SessionNotFound()
    if locked.status != InterviewSession.Status.COMPLETED:
        raise SessionNotCompleted()
    if posting is None or locked.job_posting_id != posting.pk:
        raise MissingJobPosting()
    questions = _questions_generate(posting=posting)
    chain = selectors.session_chain_state(
        root_id=root_id, question_texts=[question.text for question in questions]
    )
    if chain.active_id is not None:
        raise RetakeInProgress(active_session_id=str(chain.active_id))

    attempt = InterviewSession.objects.create(
        user_id=locked.user_id,
        job_posting=posting,
        retake_number=chain.highest_retake_number + 1,
        original_session_id=root_id,
    )
    # What the caller shows of the new attempt, from the rows just written and the chain
    # read above: no re-read.
    attempt.question_list = _questions_save(session=attempt, questions=questions)
    for question in attempt.question_list:
        question.previous_score = chain.latest_scores.get(question.text)
    attempt.job_posting_title = posting.title
    attempt.question_count = len(attempt.question_list)
    attempt.can_retake = False  # it is in progress
    transaction.on_commit(
        lambda: logger.info(
            "Retake %s (#%s) of chain %s created by user %s for user %s",
            attempt.pk,
            attempt.retake_number,
            root_id,
            actor.pk,
            owner.pk,
        )
    )
    return attempt


@transaction.atomic
def sessions_delete(*, session_ids: list[uuid.UUID]) -> int:
    """Delete these sessions with their questions; how many were deleted.

    An original goes only together with every retake of it (``SessionHasRetakes``
    otherwise): a chain never loses its first session. Retakes are deleted before their
    original, which the database would refuse the other way round (RESTRICT).
    """
    sessions = lock_sessions_for_deletion(session_ids=session_ids)
    chosen = {session.pk for session in sessions}
    originals = [session for session in sessions if session.original_session_id is None]
    kept = InterviewSession.objects.filter(original_session__in=originals).exclude(pk__in=chosen)
    if blocking := kept.values_list("original_session_id", flat=True).first():
        raise SessionHasRetakes(session_id=str(blocking))
    InterviewSession.objects.filter(pk__in=chosen, original_session__isnull=False).delete()
    InterviewSession.objects.filter(pk__in=chosen).delete()
    return len(chosen)
