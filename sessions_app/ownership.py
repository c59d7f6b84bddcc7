"""Ids from URLs and who owns what: one answer to each, for the API's permission class, the
selectors and the locks."""

import uuid

from django.contrib.auth.models import AbstractBaseUser

from sessions_app.exceptions import SessionAccessDenied
from sessions_app.models import InterviewSession, JobPosting


def id_parse(value: uuid.UUID | str) -> uuid.UUID | None:
    """``value`` as a UUID, or ``None`` if it is not one. Ids come from URLs and forms as
    any text; every caller answers a malformed id as it answers an unknown one."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def is_owner(*, obj: InterviewSession | JobPosting, user: AbstractBaseUser) -> bool:
    """Whether ``user`` owns ``obj`` (a posting's ``owner``, a session's ``user``), by id,
    so the check costs no query."""
    owner_id = obj.owner_id if isinstance(obj, JobPosting) else obj.user_id
    return owner_id == user.pk


def session_owner_check(*, session: InterviewSession, user: AbstractBaseUser) -> None:
    """Refuse (``UNAUTHORIZED``) unless ``user`` owns ``session``."""
    if not is_owner(obj=session, user=user):
        raise SessionAccessDenied()
