"""Scoring answers: inline as they are stored (``session_answer``), or by a Celery worker
(``question_score``) when ``SCORING_IN_BACKGROUND``; and the sweep that sends again what a
lost message or a killed worker left pending (``scoring_sweep``)."""

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from interview_practice.celery import app
from sessions_app import selectors
from sessions_app.engines import (
    BUILT_IN,
    EngineFailed,
    EngineUnavailable,
    Scored,
    answer_score,
    repeats_noted,
)
from sessions_app.engines.scorer import BuiltinAnswerScorer
from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.sql import Lock, row

logger = logging.getLogger(__name__)

SCORE_TASK = "sessions_app.tasks.answer_score_task"
SCORE_FIELDS = (
    "score",
    "feedback",
    "criteria",
    "talking_points_covered",
    "scoring",
    "scored_by",
    "scoring_ms",
    "scoring_tokens",
)


def answer_assessed(
    *, question: Question, posting: JobPosting | None, last_attempt: bool = True
) -> tuple[Scored, int]:
    """The answer's assessment and the milliseconds it took, by the configured scorer. If it
    cannot answer now (``EngineUnavailable``), that is raised for the caller to ask again,
    unless this is the ``last_attempt``: then, as after ``EngineFailed``, the built-in scorer
    scores the answer and its feedback opens on why."""
    try:
        return _assessed(question=question, posting=posting)
    except EngineUnavailable as exc:
        if not last_attempt:
            raise
        reason = exc.reason
    except EngineFailed as exc:
        reason = exc.reason
    return _assessed(question=question, posting=posting, fallback_reason=reason)


def _assessed(
    *, question: Question, posting: JobPosting | None, fallback_reason: str | None = None
) -> tuple[Scored, int]:
    started = time.perf_counter()
    scored = answer_score(
        question=question.text,
        answer=question.answer,
        title=posting.title if posting else "",
        description=posting.description if posting else "",
        talking_points=question.talking_points,
        scorer=None if fallback_reason is None else BuiltinAnswerScorer(),
    )
    if fallback_reason is not None:
        note = f"Scored by the built-in scorer: {fallback_reason}."
        scored = scored._replace(feedback=f"{note}\n{scored.feedback}", scored_by=BUILT_IN)
    return scored, round(1000 * (time.perf_counter() - started))


def score_apply(
    *, session: InterviewSession, question: Question, scored: Scored, elapsed_ms: int
) -> None:
    """Set ``SCORE_FIELDS`` of the answered ``question`` from ``scored``, noting an answer
    that repeats another (``engines.repeats_noted``); the caller saves them."""
    same_as, unchanged = selectors.session_answer_repeats(
        session=session, question=question, answer=question.answer
    )
    scored = repeats_noted(scored, same_as=same_as, unchanged=unchanged)
    question.score = scored.score
    question.feedback = scored.feedback
    question.criteria = scored.criteria
    question.talking_points_covered = scored.covered
    question.scoring = Question.Scoring.DONE
    question.scored_by = scored.scored_by[:100]
    question.scoring_ms = elapsed_ms
    question.scoring_tokens = scored.tokens


def task_send(*, name: str, args: list) -> None:
    """Send a task to the workers. A broker that cannot be reached is logged and left: what
    the task would do is done later (the sweep) or on the request that needs it, and the
    request that sent it still succeeds."""
    try:
        app.send_task(name, args=args, retry=False)
    except Exception:  # noqa: BLE001 - any broker failure
        logger.warning("Could not send %s%s to the workers", name, args)


def answer_score_send(*, question_id: int) -> None:
    """Send a pending answer to be scored; the sweep sends it again if this is lost."""
    task_send(name=SCORE_TASK, args=[question_id])


def question_score(*, question_id: int, last_attempt: bool) -> bool:
    """Score a pending answer (a worker's task); whether this call wrote the score.

    The engine is called outside any transaction. The score is written under the session's
    lock only if the question still holds the answer that was scored and is still pending,
    so a task delivered twice writes once. ``EngineUnavailable`` is raised for the task to
    retry, unless this is the ``last_attempt`` (``answer_assessed``).
    """
    question = selectors.question_pending(question_id=question_id)
    if question is None:
        return False
    scored, elapsed_ms = answer_assessed(
        question=question, posting=question.session.job_posting, last_attempt=last_attempt
    )
    return _question_score_store(question=question, scored=scored, elapsed_ms=elapsed_ms)


@transaction.atomic
def _question_score_store(*, question: Question, scored: Scored, elapsed_ms: int) -> bool:
    session = row(InterviewSession, lock=Lock.UPDATE, pk=question.session_id)
    current = None if session is None else session.questions.filter(pk=question.pk).first()
    if (
        current is None
        or current.scoring != Question.Scoring.PENDING
        or current.answer != question.answer
    ):
        return False
    score_apply(session=session, question=current, scored=scored, elapsed_ms=elapsed_ms)
    current.save(update_fields=SCORE_FIELDS)
    return True


def scoring_sweep() -> int:
    """Send again every answer pending for longer than ``SCORING_SWEEP_AFTER`` seconds (a
    lost message, a killed worker, a broker that was down); how many were sent."""
    before = timezone.now() - timedelta(seconds=settings.SCORING_SWEEP_AFTER)
    pending = selectors.questions_pending_since(before=before)
    for question_id in pending:
        answer_score_send(question_id=question_id)
    if pending:
        logger.info("Sent %s answers left pending to be scored again", len(pending))
    return len(pending)
