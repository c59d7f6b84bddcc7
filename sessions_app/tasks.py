"""Celery tasks: each one call of a service, safe to run twice (docs/deploying.md)."""

from celery import shared_task
from django.conf import settings

from sessions_app import services
from sessions_app.engines import EngineUnavailable

# The longest wait between two attempts, whatever a server's Retry-After asks.
RETRY_WAIT_MAX = 300


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True)
def answer_score_task(self, question_id: int) -> None:
    """Score a stored answer; an engine that cannot answer now is asked again after an
    exponential backoff (or its ``Retry-After``), ``LLM_MAX_ATTEMPTS`` times in all."""
    attempt = self.request.retries + 1
    try:
        services.question_score(
            question_id=question_id, last_attempt=attempt >= settings.LLM_MAX_ATTEMPTS
        )
    except EngineUnavailable as exc:
        wait = exc.retry_after if exc.retry_after is not None else 2**attempt
        raise self.retry(countdown=min(wait, RETRY_WAIT_MAX), max_retries=None) from None


@shared_task
def scoring_sweep_task() -> int:
    return services.scoring_sweep()


@shared_task
def posting_questions_task(posting_id: str, owner_id: int) -> None:
    services.posting_questions_prepare(posting_id=posting_id, owner_id=owner_id)
