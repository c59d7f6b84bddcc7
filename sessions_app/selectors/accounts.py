"""Reads about accounts."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Value
from django.db.models.functions import Lower

from sessions_app.models import InterviewSession, JobPosting, Question

_TAKEN = {
    "username": "A user with that username already exists.",
    "email": "An account with this email already exists.",
}


def user_identity_conflicts(
    *, username: str = "", email: str = "", exclude_pk: int | None = None
) -> dict[str, list[str]]:
    """Field errors for a username or email another account has, ignoring case.

    "Sam" and "sam" would be two accounts people cannot tell apart; the database refuses
    them too (case-insensitive unique indexes), this says so before a write is tried.
    """
    accounts = get_user_model().objects.exclude(pk=exclude_pk)
    conflicts = {}
    for field, value in (("username", username), ("email", email)):
        if not value:
            continue
        # LOWER() on both sides, as the indexes compare (``iexact`` compares with UPPER(),
        # which disagrees on a few letters such as "İ" and the Kelvin sign).
        if accounts.alias(folded=Lower(field)).filter(folded=Lower(Value(value))).exists():
            conflicts[field] = [_TAKEN[field]]
    return conflicts


def account_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    """Everything the account holds, as one JSON-ready document: the account, its postings,
    and its sessions with their questions, answers, scores and feedback. Three queries
    after the account, whatever their number."""
    postings = JobPosting.objects.filter(owner=user).order_by("created_at")
    sessions = InterviewSession.objects.filter(user=user).order_by("created_at")
    questions: dict[Any, list[dict[str, Any]]] = {}
    for question in Question.objects.filter(session__user=user).order_by("session", "number"):
        questions.setdefault(question.session_id, []).append(
            {
                "number": question.number,
                "text": question.text,
                "category": question.category,
                "talking_points": question.talking_points,
                "answer": question.answer,
                "answered_at": question.answered_at,
                "score": question.score,
                "criteria": question.criteria,
                "feedback": question.feedback,
                "talking_points_covered": [
                    question.talking_points[index] for index in question.talking_points_covered
                ],
                "scored_by": question.scored_by,
            }
        )
    return {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined,
        },
        "job_postings": [
            {
                "id": posting.pk,
                "title": posting.title,
                "company": posting.company,
                "description": posting.description,
                "created_at": posting.created_at,
            }
            for posting in postings
        ],
        "sessions": [
            {
                "id": session.pk,
                "job_posting_id": session.job_posting_id,
                "original_session_id": session.original_session_id,
                "attempt": session.retake_number,
                "status": session.status,
                "score": session.score,
                "created_at": session.created_at,
                "completed_at": session.completed_at,
                "questions": questions.get(session.pk, []),
            }
            for session in sessions
        ],
    }
