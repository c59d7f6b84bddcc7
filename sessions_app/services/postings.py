"""Job postings: create, edit, delete."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from sessions_app.exceptions import JobPostingNotFound
from sessions_app.models import JobPosting
from sessions_app.services.locks import PostingLock, lock_own_account, lock_posting
from sessions_app.services.sessions import posting_questions_send


@transaction.atomic
def job_posting_create(
    *, owner: AbstractBaseUser, title: str, description: str, company: str = ""
) -> JobPosting:
    lock_own_account(user=owner)
    posting = JobPosting.objects.create(
        owner=owner, title=title, company=company, description=description
    )
    posting_questions_send(posting=posting)
    return posting


@transaction.atomic
def job_posting_update(*, posting: JobPosting, data: dict[str, Any]) -> JobPosting:
    # The caller's instance may be stale: the row can have been deleted since it was read.
    posting = lock_posting(posting_id=posting.pk, purpose=PostingLock.EDIT)
    if posting is None:
        raise JobPostingNotFound()
    editable = {"title", "company", "description"}
    changed = [name for name in editable & data.keys() if getattr(posting, name) != data[name]]
    for name in changed:
        setattr(posting, name, data[name])
    if changed:
        posting.save(update_fields=[*changed, "updated_at"])
    if {"title", "description"} & set(changed):
        posting_questions_send(posting=posting)
    return posting


@transaction.atomic
def job_posting_delete(*, posting: JobPosting) -> None:
    """Delete a posting; its sessions stay, with no posting (``SET NULL``)."""
    # The full lock a DELETE needs, taken up front rather than upgraded from a weaker one.
    posting = lock_posting(posting_id=posting.pk, purpose=PostingLock.DELETE)
    if posting is None:
        raise JobPostingNotFound()
    posting.delete()
