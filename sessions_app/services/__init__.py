"""Every state change of the product, as keyword-only functions named ``<entity>_<action>``.

The API, the pages and the admin call these and nothing else to write. Each function
either does all of its work or none of it (``transaction.atomic``), and raises a
:class:`~sessions_app.exceptions.DomainError` for any refusal. Every writer takes its locks
in the order ``services.locks`` sets.
"""

from sessions_app.services.accounts import (
    auth_logout,
    auth_refresh,
    auth_session_login,
    auth_tokens_issue,
    user_delete,
    user_delete_confirmed,
    user_email_change,
    user_register,
    user_sign_ins_end,
)
from sessions_app.services.postings import (
    job_posting_create,
    job_posting_delete,
    job_posting_update,
)
from sessions_app.services.scoring import question_score, scoring_sweep
from sessions_app.services.sessions import (
    ANSWER_MAX_LENGTH,
    has_visible_text,
    posting_questions_prepare,
    session_answer,
    session_complete,
    session_retake,
    session_start,
    sessions_delete,
)

__all__ = [
    "ANSWER_MAX_LENGTH",
    "auth_logout",
    "auth_refresh",
    "auth_session_login",
    "auth_tokens_issue",
    "has_visible_text",
    "job_posting_create",
    "job_posting_delete",
    "job_posting_update",
    "posting_questions_prepare",
    "question_score",
    "scoring_sweep",
    "session_answer",
    "session_complete",
    "session_retake",
    "session_start",
    "sessions_delete",
    "user_delete",
    "user_delete_confirmed",
    "user_email_change",
    "user_register",
    "user_sign_ins_end",
]
