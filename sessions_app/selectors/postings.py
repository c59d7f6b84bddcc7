"""Reads about job postings."""

import uuid

from django.contrib.auth.models import AbstractBaseUser

from sessions_app.exceptions import JobPostingNotFound
from sessions_app.models import InterviewSession, JobPosting
from sessions_app.ownership import id_parse


def job_posting_owned(*, posting_id: uuid.UUID | str, user: AbstractBaseUser) -> JobPosting:
    """``user``'s posting; someone else's reads as missing (``NOT_FOUND``), as on the pages
    an object that is not yours does not exist."""
    pk = id_parse(posting_id)
    posting = None if pk is None else JobPosting.objects.filter(owner=user, pk=pk).first()
    if posting is None:
        raise JobPostingNotFound()
    return posting


def job_posting_active_attempt(
    *, posting: JobPosting, user: AbstractBaseUser
) -> InterviewSession | None:
    """``user``'s latest attempt in progress for ``posting``, in any of its chains."""
    return (
        InterviewSession.objects.filter(
            user=user, status=InterviewSession.Status.ACTIVE, job_posting=posting
        )
        .only("id", "retake_number")
        .order_by("-created_at")
        .first()
    )


def job_posting_practised(*, posting: JobPosting) -> bool:
    """Whether ``posting`` has an attempt, so starting again would begin a second history."""
    return InterviewSession.objects.filter(job_posting=posting).exists()
