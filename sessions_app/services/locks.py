"""The one lock order every writer follows: the account, its postings, its sessions (each set
in id order), then its tokens.

Deleting an account cascades to all of them, so the deletion takes the account first, and
every writer that adds a row pointing at the account (a posting, a session, a token) locks
the account first too: a deletion and a writer take turns instead of deadlocking, or failing
on a foreign key once the other commits. Writers only keep the account from deletion
(``FOR KEY SHARE``, see ``sessions_app.sql.Lock``), so they never wait for one another
there. Postings come before sessions because starting or retaking a session reads the
posting it copies from; a posting's deletion then waits for them, and they for it.
"""

import enum
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models.functions import Coalesce

from sessions_app.exceptions import SessionNotFound, TokenInvalid
from sessions_app.models import InterviewSession, JobPosting
from sessions_app.ownership import id_parse, session_owner_check
from sessions_app.sql import Lock, retake_rows, row

User = get_user_model()


def lock_account(*, user_id: Any) -> AbstractBaseUser | None:
    """The account, kept from deletion for the rest of the transaction; ``None`` if it was
    deleted."""
    return row(User, lock=Lock.KEY_SHARE, pk=user_id)


def lock_own_account(*, user: AbstractBaseUser) -> None:
    if lock_account(user_id=user.pk) is None:
        raise TokenInvalid("User not found")


def lock_account_for_deletion(*, user: AbstractBaseUser) -> bool:
    """Every row a deletion of ``user`` cascades to, locked in the order above; ``False``
    if the account is already gone."""
    if User.objects.select_for_update().filter(pk=user.pk).values("pk").first() is None:
        return False
    list(JobPosting.objects.select_for_update().filter(owner=user).order_by("pk").values("pk"))
    list(InterviewSession.objects.select_for_update().filter(user=user).order_by("pk").values("pk"))
    return True


class PostingLock(enum.Enum):
    KEEP = "kept from deletion"  # starting or retaking a session from it
    EDIT = "for an edit"  # edits take turns; sessions may still be started from it
    DELETE = "for its deletion"


def lock_posting(
    *,
    posting_id: uuid.UUID | str,
    owner: AbstractBaseUser | None = None,
    purpose: PostingLock,
) -> JobPosting | None:
    """The posting, locked for the rest of the transaction as ``purpose`` needs; ``None``
    if it is gone (or not ``owner``'s, or the id is malformed)."""
    pk = id_parse(posting_id)
    if pk is None:
        return None
    owned = {} if owner is None else {"owner": owner.pk}
    if purpose is PostingLock.KEEP:
        return row(JobPosting, lock=Lock.KEY_SHARE, pk=pk, **owned)
    postings = JobPosting.objects.filter(pk=pk, **owned)
    return postings.select_for_update(no_key=purpose is PostingLock.EDIT).first()


def lock_sessions_for_deletion(*, session_ids: list[uuid.UUID]) -> list[InterviewSession]:
    """The sessions, locked for their deletion after what the retake locks first: their
    accounts (against their deletion; a no-key lock, which a retake's does not wait for),
    then their chains' roots, then the sessions themselves, each set in id order. Missing
    ids are left out."""
    rows = InterviewSession.objects.filter(pk__in=session_ids)
    user_ids = sorted(set(rows.values_list("user_id", flat=True)))
    list(User.objects.select_for_update(no_key=True).filter(pk__in=user_ids).order_by("pk"))
    roots = sorted(set(rows.values_list(Coalesce("original_session_id", "id"), flat=True)))
    list(InterviewSession.objects.select_for_update().filter(pk__in=roots).order_by("pk"))
    return list(rows.select_for_update().order_by("pk"))


def lock_chain_root(*, root_id: uuid.UUID) -> None:
    """Serialise the retakes of one chain: whoever holds the root's lock is the only one
    deciding the chain's next attempt."""
    InterviewSession.objects.select_for_update().filter(pk=root_id).values("pk").first()


def lock_retake(
    *, user_id: Any, posting_id: uuid.UUID | None, root_id: uuid.UUID, session_id: uuid.UUID
) -> tuple[JobPosting | None, InterviewSession | None]:
    """What a retake locks, in the lock order: the account and the posting the session
    names (kept from deletion), the chain's root and the session (for update). The posting
    and the session as locked, ``None`` where gone: in one statement when all four are
    there, as they almost always are (``sql.retake_rows``), else one at a time."""
    if posting_id is not None and (
        rows := retake_rows(
            user_id=user_id, posting_id=posting_id, root_id=root_id, session_id=session_id
        )
    ):
        return rows
    lock_account(user_id=user_id)
    posting = None
    if posting_id is not None:
        posting = lock_posting(posting_id=posting_id, purpose=PostingLock.KEEP)
    if session_id != root_id:
        lock_chain_root(root_id=root_id)
    return posting, row(InterviewSession, lock=Lock.UPDATE, pk=session_id)


def lock_owned_session(*, session_id: uuid.UUID | str, owner: AbstractBaseUser) -> InterviewSession:
    """Lock the session row for the rest of the transaction, then check it is ``owner``'s."""
    pk = id_parse(session_id)
    session = (
        None
        if pk is None
        else InterviewSession.objects.select_for_update(of=("self",))
        .select_related("job_posting")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise SessionNotFound()
    session_owner_check(session=session, user=owner)
    return session
