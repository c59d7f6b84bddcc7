"""Every state change of the product, as keyword-only functions named ``<entity>_<action>``.

The API, the pages and the admin call these and nothing else to write. Each function
either does all of its work or none of it (``transaction.atomic``), and raises a
:class:`~sessions_app.exceptions.DomainError` for any refusal.
"""

import logging
import unicodedata
import uuid
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import AbstractBaseUser, update_last_login
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.db.models import UniqueConstraint
from django.http import HttpRequest
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from sessions_app import selectors
from sessions_app.engines import get_answer_scorer, get_question_generator
from sessions_app.exceptions import (
    AllQuestionsAnswered,
    InvalidCredentials,
    JobPostingNotFound,
    MissingJobPosting,
    QuestionsUnanswered,
    RetakeInProgress,
    SessionAccessDenied,
    SessionNotActive,
    SessionNotCompleted,
    SessionNotFound,
    TokenInvalid,
    ValidationFailed,
)
from sessions_app.models import InterviewSession, JobPosting, Question

logger = logging.getLogger(__name__)

User = get_user_model()

ANSWER_MAX_LENGTH = 10_000


def has_visible_text(text: str) -> bool:
    """Whether ``text`` has a character that shows: not only spaces, zero-width or other
    format and control characters (Unicode categories Z and C)."""
    return any(unicodedata.category(char)[0] not in "ZC" for char in text)


# Accounts -------------------------------------------------------------------------------


def user_register(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """Create an account; the caller has validated the password against the validators.

    Usernames and emails (case-insensitively) are unique in the database, so two sign-ups
    racing for the same one end in one account and one ``VALIDATION_ERROR``.
    """
    try:
        with transaction.atomic():
            return User.objects.create_user(username=username, email=email, password=password)
    except IntegrityError:
        # Another sign-up took the name or address between validation and this insert.
        conflicts = selectors.user_identity_conflicts(username=username, email=email)
        if not conflicts:
            raise
        raise ValidationFailed(conflicts) from None


# Lock order, for every writer: the account, its postings, its sessions (each set in id
# order), then its tokens. Deleting an account cascades to all of them, so the deletion
# takes the account first and every writer that adds a row pointing at the account (a
# posting, a session, a token) locks the account first too: they take turns instead of
# deadlocking, or failing on a foreign key once the other commits.


def _lock_account(*, user_id: Any) -> AbstractBaseUser | None:
    """The account, locked against deletion for the rest of the transaction; ``None`` if
    it was deleted. (The weaker no-key lock, as an update of the row would take.)"""
    return User.objects.select_for_update(no_key=True).filter(pk=user_id).first()


def _lock_own_account(*, user: AbstractBaseUser) -> None:
    if _lock_account(user_id=user.pk) is None:
        raise TokenInvalid("User not found")


@transaction.atomic
def user_delete(*, user: AbstractBaseUser) -> None:
    """Delete an account with its postings, every session of it (chains included) and its
    tokens."""
    if User.objects.select_for_update().filter(pk=user.pk).values("pk").first() is None:
        return  # deleted meanwhile (two admins, say): nothing left to do
    list(JobPosting.objects.select_for_update().filter(owner=user).order_by("pk").values("pk"))
    list(InterviewSession.objects.select_for_update().filter(user=user).order_by("pk").values("pk"))
    user.delete()


@transaction.atomic
def auth_session_login(*, request: HttpRequest, user: AbstractBaseUser) -> None:
    """Sign ``user`` in to a browser session (pages, browsable API) after the password
    check; refused if the account was deleted or deactivated meanwhile."""
    account = _lock_account(user_id=user.pk)
    if account is None or not account.is_active:
        raise InvalidCredentials()
    login(request, account)


@transaction.atomic
def auth_tokens_issue(*, user: AbstractBaseUser) -> dict[str, str]:
    """An access and a refresh token for ``user``, who has just proved who they are."""
    account = _lock_account(user_id=user.pk)
    if account is None or not jwt_settings.USER_AUTHENTICATION_RULE(account):
        raise InvalidCredentials()
    refresh = RefreshToken.for_user(account)
    if jwt_settings.UPDATE_LAST_LOGIN:
        update_last_login(None, account)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _refresh_token_redeem(*, refresh: str) -> RefreshToken:
    """Check ``refresh`` and blacklist it, once: a second use of it is ``TOKEN_INVALID``.
    Its account stays locked for the rest of the transaction."""
    try:
        token = RefreshToken(refresh)  # signature, expiry, type, and the blacklist
    except TokenError as exc:
        raise TokenInvalid(str(exc)) from None
    account = _lock_account(user_id=token.payload.get(jwt_settings.USER_ID_CLAIM))
    if account is None or not jwt_settings.USER_AUTHENTICATION_RULE(account):
        raise TokenInvalid("No active account for this token")
    # The blacklist check above is a plain read, so requests sent at once with one token
    # would all pass it. Locking the token's row makes them take turns, and only the one
    # that adds it to the blacklist goes on.
    outstanding = (
        OutstandingToken.objects.select_for_update()
        .filter(jti=token[jwt_settings.JTI_CLAIM])
        .first()
    )
    if outstanding is None:
        raise TokenInvalid("Token is not recognised")
    _, created = BlacklistedToken.objects.get_or_create(token=outstanding)
    if not created:
        raise TokenInvalid("Token is blacklisted")
    return token


@transaction.atomic
def auth_refresh(*, refresh: str) -> dict[str, str]:
    """A new access token and a new refresh token for ``refresh``, which is then refused
    for good: rotation with blacklisting, always (simplejwt's ROTATE_REFRESH_TOKENS and
    BLACKLIST_AFTER_ROTATION only steer its own refresh view, which we do not use)."""
    token = _refresh_token_redeem(refresh=refresh)
    access = str(token.access_token)
    token.set_jti()
    token.set_exp()
    token.set_iat()
    token.outstand()
    return {"access": access, "refresh": str(token)}


@transaction.atomic
def auth_logout(*, refresh: str) -> None:
    """Blacklist ``refresh`` so neither it nor a refresh from it works again."""
    _refresh_token_redeem(refresh=refresh)


# Job postings ---------------------------------------------------------------------------


@transaction.atomic
def job_posting_create(
    *, owner: AbstractBaseUser, title: str, description: str, company: str = ""
) -> JobPosting:
    _lock_own_account(user=owner)
    return JobPosting.objects.create(
        owner=owner, title=title, company=company, description=description
    )


def _lock_posting(
    *,
    posting_id: uuid.UUID | str,
    owner: AbstractBaseUser | None = None,
    no_key: bool = True,
) -> JobPosting | None:
    """The posting, locked for the rest of the transaction; ``None`` if it is gone (or not
    ``owner``'s, or the id is malformed).

    Postings come before sessions in the lock order (see _lock_account): starting or
    retaking a session locks the posting first, so a deletion waits for them (and they for
    it) instead of nulling the posting under a session being created, or deadlocking with a
    retake. ``no_key`` is the lock that still lets other transactions insert sessions
    pointing at the posting.
    """
    postings = JobPosting.objects.select_for_update(no_key=no_key).filter(pk=posting_id)
    if owner is not None:
        postings = postings.filter(owner=owner)
    try:
        return postings.first()
    except (DjangoValidationError, ValueError):
        return None


@transaction.atomic
def job_posting_update(*, posting: JobPosting, data: dict[str, Any]) -> JobPosting:
    # The caller's instance may be stale: the row can have been deleted since it was read.
    posting = _lock_posting(posting_id=posting.pk)
    if posting is None:
        raise JobPostingNotFound()
    editable = {"title", "company", "description"}
    changed = [name for name in editable & data.keys() if getattr(posting, name) != data[name]]
    for name in changed:
        setattr(posting, name, data[name])
    if changed:
        posting.save(update_fields=[*changed, "updated_at"])
    return posting


@transaction.atomic
def job_posting_delete(*, posting: JobPosting) -> None:
    """Delete a posting; its sessions stay, with no posting (``SET NULL``)."""
    # The full lock a DELETE needs, taken up front rather than upgraded from a weaker one.
    posting = _lock_posting(posting_id=posting.pk, no_key=False)
    if posting is None:
        raise JobPostingNotFound()
    posting.delete()


# Practice sessions ----------------------------------------------------------------------


def _lock_owned_session(
    *, session_id: uuid.UUID | str, owner: AbstractBaseUser
) -> InterviewSession:
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


def _questions_create(*, session: InterviewSession, posting: JobPosting) -> None:
    count = settings.INTERVIEW_QUESTION_COUNT
    generated = get_question_generator().generate(
        title=posting.title, description=posting.description, count=count
    )
    categories = set(Question.Category.values)
    # A plugged-in engine is outside our control; refusing its output here rolls the
    # whole session back instead of storing a session that cannot be completed.
    if len(generated) != count or len({text for text, _ in generated}) != count:
        raise RuntimeError(f"Question generator returned {len(generated)} items, wanted {count}")
    if any(not text.strip() or category not in categories for text, category in generated):
        raise RuntimeError("Question generator returned a blank text or an unknown category")
    Question.objects.bulk_create(
        Question(session=session, number=number, text=text.strip(), category=category)
        for number, (text, category) in enumerate(generated, start=1)
    )


@transaction.atomic
def session_start(*, user: AbstractBaseUser, job_posting_id: uuid.UUID | str) -> InterviewSession:
    """Start an original session for one of ``user``'s postings, with its questions."""
    _lock_own_account(user=user)
    posting = _lock_posting(posting_id=job_posting_id, owner=user)
    if posting is None:
        raise ValidationFailed({"job_posting_id": ["Choose one of your job postings."]})
    session = InterviewSession.objects.create(user=user, job_posting=posting)
    _questions_create(session=session, posting=posting)
    return session


@transaction.atomic
def session_answer(
    *, session_id: uuid.UUID | str, owner: AbstractBaseUser, answer: str
) -> InterviewSession:
    """Answer the next question (``current_question_number + 1``) and score it.

    The session row is locked first, so two answers sent at once are applied one after
    the other: each sees the other's ``current_question_number`` and none is skipped or
    written twice.
    """
    answer = answer.strip()
    if not has_visible_text(answer):
        raise ValidationFailed({"answer": ["Write an answer before sending it."]})
    if len(answer) > ANSWER_MAX_LENGTH:
        raise ValidationFailed(
            {"answer": [f"Keep the answer to at most {ANSWER_MAX_LENGTH:,} characters."]}
        )
    session = _lock_owned_session(session_id=session_id, owner=owner)
    if session.status != InterviewSession.Status.ACTIVE:
        raise SessionNotActive()
    question = session.questions.filter(number=session.current_question_number + 1).first()
    if question is None:
        raise AllQuestionsAnswered()

    posting = session.job_posting
    score, feedback = get_answer_scorer().score(
        question=question.text,
        answer=answer,
        title=posting.title if posting else "",
        description=posting.description if posting else "",
    )
    question.answer = answer
    question.answered_at = timezone.now()
    question.score = max(0, min(100, int(score)))
    question.feedback = feedback
    question.save(update_fields=["answer", "answered_at", "score", "feedback"])
    session.current_question_number = question.number
    session.save(update_fields=["current_question_number"])
    return session


@transaction.atomic
def session_complete(*, session_id: uuid.UUID | str, owner: AbstractBaseUser) -> InterviewSession:
    """Close a session whose questions are all answered; its score is their rounded mean."""
    session = _lock_owned_session(session_id=session_id, owner=owner)
    if session.status != InterviewSession.Status.ACTIVE:
        raise SessionNotActive()
    scores = list(session.questions.values_list("score", flat=True))
    if not scores or any(score is None for score in scores):
        raise QuestionsUnanswered()
    # Round half up (Python's round() goes to even), so 72.5 shows as 73 as people expect.
    session.score = (2 * sum(scores) + len(scores)) // (2 * len(scores))
    session.status = InterviewSession.Status.COMPLETED
    session.completed_at = timezone.now()
    session.save(update_fields=["score", "status", "completed_at"])
    return session


def session_retake(
    *,
    session_id: uuid.UUID | str,
    owner: AbstractBaseUser,
    actor: AbstractBaseUser | None = None,
) -> InterviewSession:
    """Start the next attempt of a completed session's chain, with fresh questions.

    ``owner`` is the user the attempt is for and must own the session; ``actor`` is who
    asked (staff in the admin act for an owner) and defaults to the owner. Refusals, in
    this order: ``SESSION_NOT_FOUND``, ``UNAUTHORIZED``, ``SESSION_NOT_COMPLETED``,
    ``MISSING_JOB_POSTING``, ``RETAKE_IN_PROGRESS`` (with ``active_session_id``).
    """
    try:
        return _session_retake(session_id=session_id, owner=owner, actor=actor or owner)
    except IntegrityError as exc:
        # The root lock below makes this unreachable for writers that come through here;
        # the chain constraints still stop any other writer (an attempt put back in
        # progress by hand, say), and that race must read as the same 409 the lock gives,
        # never as a 500. Other integrity errors are bugs.
        if not _violates_chain_constraint(exc):
            raise
        chain = _chain_of(session_id=session_id)
        active_id = selectors.session_active_attempt_id(root_id=chain.root_id) if chain else None
        raise RetakeInProgress(active_session_id=str(active_id) if active_id else None) from None


_CHAIN_CONSTRAINTS = {
    constraint.name
    for constraint in InterviewSession._meta.constraints
    if isinstance(constraint, UniqueConstraint)
}


def _violates_chain_constraint(exc: IntegrityError) -> bool:
    # PostgreSQL names the violated constraint. SQLite needs no such check: each write
    # transaction holds the database's write lock from its start (IMMEDIATE), so no other
    # writer can slip in between our checks and our insert.
    diag = getattr(exc.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) in _CHAIN_CONSTRAINTS


class _Chain(NamedTuple):
    root_id: uuid.UUID
    posting_id: uuid.UUID | None
    user_id: int


def _chain_of(*, session_id: uuid.UUID | str) -> _Chain | None:
    """The session's chain, or ``None`` if there is no such session (a malformed id
    included). Read without a lock, to know what to lock: the root and the owner of a
    session never change, and the posting is read again once locked."""
    try:
        row = (
            InterviewSession.objects.filter(pk=session_id)
            .values_list("original_session_id", "id", "job_posting_id", "user_id")
            .first()
        )
    except (DjangoValidationError, ValueError):
        return None
    if row is None:
        return None
    original_id, own_id, posting_id, user_id = row
    return _Chain(original_id or own_id, posting_id, user_id)


@transaction.atomic
def _session_retake(
    *, session_id: uuid.UUID | str, owner: AbstractBaseUser, actor: AbstractBaseUser
) -> InterviewSession:
    chain = _chain_of(session_id=session_id)
    if chain is None:
        raise SessionNotFound()
    # Refused before any lock, so a caller cannot hold up someone else's chain.
    if chain.user_id != owner.pk:
        raise SessionAccessDenied()
    root_id = chain.root_id

    # Lock order: account, posting, chain root, session (see _lock_account). The root lock
    # makes retakes of one chain (double clicks, two tabs, two workers, different attempts
    # of it) run one at a time; the reads below come after it, so they see the previous
    # retake's committed attempt: the "in progress" check and the next number are never
    # stale. If the account was deleted while we waited, every lock finds nothing and the
    # session lock answers SESSION_NOT_FOUND.
    _lock_account(user_id=owner.pk)
    if chain.posting_id is not None:
        _lock_posting(posting_id=chain.posting_id)
    InterviewSession.objects.select_for_update().filter(pk=root_id).values("pk").first()
    session = _lock_owned_session(session_id=session_id, owner=owner)
    if session.status != InterviewSession.Status.COMPLETED:
        raise SessionNotCompleted()
    # Read after the locks: None if the posting was deleted while we waited.
    posting = session.job_posting
    if posting is None:
        raise MissingJobPosting()
    active_id = selectors.session_active_attempt_id(root_id=root_id)
    if active_id is not None:
        raise RetakeInProgress(active_session_id=str(active_id))

    attempt = InterviewSession.objects.create(
        user_id=session.user_id,
        job_posting=posting,
        retake_number=selectors.session_highest_retake_number(root_id=root_id) + 1,
        original_session_id=root_id,
    )
    _questions_create(session=attempt, posting=posting)
    transaction.on_commit(
        lambda: logger.info(
            "Retake %s (#%s) of chain %s created by user %s for user %s",
            attempt.pk,
            attempt.retake_number,
            root_id,
            actor.pk,
            owner.pk,
        )
    )
    return attempt
