"""Every reusable read of the product, by domain (``accounts``, ``postings``, ``sessions``,
``health``). The API, the pages, the admin and the services read through these."""

from sessions_app.selectors.accounts import account_export, user_identity_conflicts
from sessions_app.selectors.health import system_health
from sessions_app.selectors.postings import (
    job_posting_active_attempt,
    job_posting_owned,
    job_posting_practised,
)
from sessions_app.selectors.sessions import (
    AttemptChain,
    ChainState,
    ChainSummary,
    PostingSummary,
    dashboard,
    question_pending,
    questions_pending_since,
    session_active_attempt,
    session_answer_repeats,
    session_chain,
    session_chain_state,
    session_detail,
    session_detail_queryset,
    session_next_question,
    session_owned,
    session_previous_scores,
    session_queryset,
    session_row,
)

__all__ = [
    "account_export",
    "AttemptChain",
    "ChainState",
    "ChainSummary",
    "PostingSummary",
    "dashboard",
    "question_pending",
    "questions_pending_since",
    "job_posting_active_attempt",
    "job_posting_practised",
    "job_posting_owned",
    "session_active_attempt",
    "session_row",
    "session_answer_repeats",
    "session_chain",
    "session_chain_state",
    "session_detail",
    "session_detail_queryset",
    "session_next_question",
    "session_owned",
    "session_previous_scores",
    "session_queryset",
    "system_health",
    "user_identity_conflicts",
]
