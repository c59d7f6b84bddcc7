"""The one lock order every writer follows: the account, its postings, its sessions (each set
in id order), then its tokens.

Deleting an account cascades to all of them, so the deletion takes the account first, and
every writer that adds a row pointing at the account (a posting, a session, a token) locks
the account first too: a deletion and a writer take turns instead of deadlocking, or failing
on a foreign key once the other commits. Writers only keep the account from deletion
(``FOR KEY SHARE``), so they never wait for one another there. Postings come before sessions
because starting or retaking a session reads the posting it copies from; a posting's
deletion then waits for them, and they for it.
"""

import enum
import uuid
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.db.models import Model
from django.db.models.functions import Coalesce

from sessions_app.exceptions import SessionAccessDenied, SessionNotFound, TokenInvalid
from sessions_app.models import InterviewSession, JobPosting

User = get_user_model()
M = TypeVar("M", bound=Model)


def _key_share(model: type[M], **columns: Any) -> M | None:
    """The row of ``model`` whose fields equal ``columns`` (``pk=``, ``owner=``…), ``FOR
    KEY SHARE`` on PostgreSQL: it cannot be deleted (nor its key changed) until the
    transaction ends, yet the lock conflicts with no other lock but those a deletion takes,
    so the writers that only need the row to stay (a user's retakes of two chains, a
    retake and an edit of the posting) never wait for each other. Django's
    ``select_for_update`` has no such strength. (SQLite has no row locks: each write
    transaction holds the whole database from its start.)

    One fixed statement, built from the model's metadata rather than compiled from a
    queryset: these locks open most writes. A value the field refuses (a malformed id)
    raises ``ValidationError`` or ``ValueError``, as a queryset filter would."""
    opts, quote = model._meta, connection.ops.quote_name
    fields = [
        (opts.pk if name == "pk" else opts.get_field(name), value)
        for name, value in columns.items()
    ]
    where = " AND ".join(f"{quote(field.column)} = %s" for field, _ in fields)
    # Only the model's own table and column names are formatted in; values are parameters.
    sql = f"SELECT * FROM {quote(opts.db_table)} WHERE {where}"  # noqa: S608
    if connection.vendor == "postgresql":
        sql += " FOR KEY SHARE"
    params = [field.get_db_prep_value(value, connection) for field, value in fields]
    return next(iter(model.objects.raw(sql, params)), None)


def lock_account(*, user_id: Any) -> AbstractBaseUser | None:
    """The account, kept from deletion for the rest of the transaction; ``None`` if it was
    deleted."""
    return _key_share(User, pk=user_id)


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
    owned = {} if owner is None else {"owner": owner.pk}
    try:
        if purpose is PostingLock.KEEP:
            return _key_share(JobPosting, pk=posting_id, **owned)
        postings = JobPosting.objects.filter(pk=posting_id, **owned)
        return postings.select_for_update(no_key=purpose is PostingLock.EDIT).first()
    except (DjangoValidationError, ValueError):
        return None


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


def lock_owned_session(*, session_id: uuid.UUID | str, owner: AbstractBaseUser) -> InterviewSession:
    """Lock the session row for the rest of the transaction, then check it is ``owner``'s."""
    try:
        session = (
            InterviewSession.objects.select_for_update(of=("self",))
            .select_related("job_posting")
            .get(pk=session_id)
        )
    except (InterviewSession.DoesNotExist, DjangoValidationError, ValueError):
        raise SessionNotFound() from None
    if session.user_id != owner.pk:
        raise SessionAccessDenied()
    return session
