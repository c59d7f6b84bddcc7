"""Reads about practice sessions and their chains of attempts. Each returns everything its
callers render, in a fixed number of queries."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from sessions_app import sql
from sessions_app.engines import CRITERIA
from sessions_app.exceptions import SessionNotFound
from sessions_app.models import InterviewSession, JobPosting, Question
from sessions_app.ownership import id_parse, session_owner_check

ACTIVE = InterviewSession.Status.ACTIVE
COMPLETED = InterviewSession.Status.COMPLETED
# The most answers one sweep sends again.
SWEEP_BATCH = 500


def _in_chain(root: object, prefix: str = "") -> Q:
    """Sessions of the chain whose root id is ``root`` (the root itself and its retakes)."""
    return Q(**{f"{prefix}pk": root}) | Q(**{f"{prefix}original_session_id": root})


def _chain_root(prefix: str = "") -> Coalesce:
    """The id of the chain's first session: the expression the partial unique index
    session_one_active_per_chain is built on, so filters on it can use that index."""
    return Coalesce(f"{prefix}original_session_id", f"{prefix}id")


def _constant(value: str) -> RawSQL:
    """``value`` (one of our choices) written into the statement rather than bound. A
    partial index (``status = 'active'``, ``scoring = 'pending'``) serves the generic plan
    PostgreSQL may adopt for a prepared statement only if the statement names the same
    constant: bound as a parameter, that plan scans the whole table."""
    return RawSQL(f"'{value}'", ())  # noqa: S611 (our own choices, never input)


def _active_in_chain(root: object) -> QuerySet[InterviewSession]:
    # Chain root and active only, as the partial index is: one index lookup rather than a
    # scan of every active session.
    return (
        InterviewSession.objects.annotate(chain=_chain_root())
        .filter(chain=root, status=_constant(ACTIVE))
        .order_by()
    )


class ChainState(NamedTuple):
    active_id: uuid.UUID | None
    highest_retake_number: int
    # Question text -> its score in the latest completed attempt that asked it.
    latest_scores: dict[str, int]


def session_chain_state(*, root_id: uuid.UUID, question_texts: list[str]) -> ChainState:
    """What a retake of the chain needs, read in one statement
    (``sql.session_chain_rows``): its attempt in progress (if any), its highest attempt
    number, and the latest scores of ``question_texts`` (the new attempt's
    ``previous_score``)."""
    rows = sql.session_chain_rows(root_id=root_id, question_texts=question_texts)
    active_id, highest, latest = None, 1, {}
    for attempt_id, number, status, *attempt_scores in rows:
        highest = max(highest, number)
        if status == ACTIVE:
            active_id = attempt_id
            continue
        # In attempt order, so each text keeps the score of the latest attempt that asked it.
        latest.update(
            (text, score)
            for text, score in zip(question_texts, attempt_scores, strict=True)
            if score is not None
        )
    return ChainState(active_id, highest, latest)


def session_queryset() -> QuerySet[InterviewSession]:
    """Sessions with what every session object shows, computed in the same query.

    ``question_count``; ``can_retake``, true exactly when a retake would succeed now
    (completed, posting present, no attempt of the chain in progress); and
    ``job_posting_title`` through a join that reads the title alone, not the description.
    """
    active_in_chain = _active_in_chain(OuterRef("chain_root"))
    question_count = (
        Question.objects.filter(session=OuterRef("pk"))
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return InterviewSession.objects.annotate(
        job_posting_title=F("job_posting__title"),
        chain_root=_chain_root(),
        question_count=Coalesce(Subquery(question_count), 0),
        can_retake=Case(
            When(
                Q(status=COMPLETED, job_posting__isnull=False) & ~Exists(active_in_chain),
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    ).order_by("-created_at", "-id")


def session_detail_queryset() -> QuerySet[InterviewSession]:
    """Sessions with their questions by number; ``session_previous_scores`` adds each
    question's ``previous_score``."""
    return session_queryset().prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("number"))
    )


def _earlier_attempts(session: InterviewSession) -> QuerySet[InterviewSession]:
    """The ids of the chain's completed attempts before ``session``, as a subquery: the
    attempts first (the root by primary key, its retakes by original_session), then their
    questions by session, since an OR across the join would hash-join tables."""
    return InterviewSession.objects.filter(
        _in_chain(session.root_id),
        status=COMPLETED,
        retake_number__lt=session.retake_number,
    ).values("pk")


def session_previous_scores(*, session: InterviewSession) -> InterviewSession:
    """Set ``question_list`` (its prefetched questions, unless the caller set them) and on
    each of them ``previous_score`` and ``previous_criteria``: the score and criteria for
    the same question text in the latest earlier completed attempt of the chain that asked
    it, or ``None`` and ``{}``.

    One read of the chain's own rows (its root by primary key and its retakes through the
    ``original_session`` index, then their questions through the session index), whatever
    the size of the tables; none for an original, which has no earlier attempt.
    """
    if not hasattr(session, "question_list"):
        session.question_list = list(session.questions.all())
    questions = session.question_list
    latest: dict[str, tuple[int | None, dict]] = {}
    if session.retake_number > 1:
        earlier = (
            Question.objects.filter(
                session__in=_earlier_attempts(session),
                text__in=[question.text for question in questions],
            )
            .order_by("session__retake_number")
            .values_list("text", "score", "criteria")
        )
        # Later attempts come last, so each text keeps its latest.
        latest = {text: (score, criteria) for text, score, criteria in earlier}
    for question in questions:
        question.previous_score, question.previous_criteria = latest.get(question.text, (None, {}))
    return session


def _owned(session: InterviewSession | None, user: AbstractBaseUser) -> InterviewSession:
    if session is None:
        raise SessionNotFound()
    session_owner_check(session=session, user=user)
    return session


def _by_id(queryset: QuerySet, object_id: uuid.UUID | str) -> object | None:
    pk = id_parse(object_id)
    return None if pk is None else queryset.filter(pk=pk).first()


def session_detail(*, session_id: uuid.UUID | str, user: AbstractBaseUser) -> InterviewSession:
    """``user``'s session with its questions and their previous scores
    (``SESSION_NOT_FOUND`` if there is none, which is also what a read after a committed
    write finds if the account was deleted in between; ``UNAUTHORIZED`` if it is someone
    else's)."""
    session = _owned(_by_id(session_detail_queryset(), session_id), user)
    return session_previous_scores(session=session)


def session_owned(*, session_id: uuid.UUID | str, user: AbstractBaseUser) -> InterviewSession:
    """``user``'s session, its own columns and its posting's title, with the refusals of
    ``session_detail``."""
    sessions = InterviewSession.objects.annotate(job_posting_title=F("job_posting__title"))
    return _owned(_by_id(sessions, session_id), user)


def session_row(*, session_id: uuid.UUID | str) -> InterviewSession | None:
    """The session's own columns, or ``None`` (a malformed id too), in one fixed statement
    (``sql.row``)."""
    pk = id_parse(session_id)
    return None if pk is None else sql.row(InterviewSession, pk=pk)


def session_active_attempt(*, root_id: uuid.UUID) -> InterviewSession | None:
    """The attempt of the chain that is in progress (its id and number), if any."""
    return _active_in_chain(root_id).only("id", "retake_number").first()


@dataclass(frozen=True)
class AttemptChain:
    original_session_id: uuid.UUID
    attempts: list[InterviewSession]
    first_score: int | None
    best_score: int | None
    latest_score: int | None
    improvement: int | None


def session_next_question(*, session: InterviewSession) -> Question | None:
    """The question the session's next answer is for (``None`` once all are answered)."""
    return session.questions.filter(number=session.current_question_number + 1).first()


def session_chain(*, session: InterviewSession) -> AttemptChain:
    """The whole chain ``session`` belongs to, by ``retake_number``, with its progress.

    ``improvement`` is the latest completed score minus the original's (``first_score``),
    and stays ``None`` until two attempts are completed. Each completed attempt carries
    ``criteria``, the mean of its answers' criteria (``None`` if none has any, and for an
    attempt in progress).
    """
    root_id = session.root_id
    attempts = list(
        InterviewSession.objects.filter(_in_chain(root_id))
        .only(
            "id",
            "job_posting_id",
            "retake_number",
            "status",
            "score",
            "created_at",
            "completed_at",
        )
        .order_by("retake_number")
    )
    completed = [attempt for attempt in attempts if attempt.status == COMPLETED]
    _attempt_criteria(attempts, completed)
    latest = completed[-1].score if completed else None
    first = completed[0].score if completed and completed[0].retake_number == 1 else None
    improvement = latest - first if len(completed) >= 2 and first is not None else None
    return AttemptChain(
        original_session_id=root_id,
        attempts=attempts,
        first_score=first,
        best_score=max((a.score for a in completed), default=None),
        latest_score=latest,
        improvement=improvement,
    )


def _attempt_criteria(attempts: list[InterviewSession], completed: list[InterviewSession]) -> None:
    by_session: dict[uuid.UUID, list[dict[str, int]]] = {}
    rows = Question.objects.filter(
        session_id__in=[attempt.pk for attempt in completed], criteria__isnull=False
    ).values_list("session_id", "criteria")
    for session_id, criteria in rows:
        by_session.setdefault(session_id, []).append(criteria)
    for attempt in attempts:
        answered = by_session.get(attempt.pk)
        attempt.criteria = (
            {name: round(sum(c[name] for c in answered) / len(answered)) for name in CRITERIA}
            if answered
            else None
        )


@dataclass(frozen=True)
class ChainSummary:
    """One chain of attempts as the dashboard lists it."""

    attempts: list[InterviewSession]  # latest first
    active: InterviewSession | None  # the attempt in progress, if any
    retakeable: InterviewSession | None  # the latest attempt, when a retake of it would work

    @property
    def latest(self) -> InterviewSession:
        return self.attempts[0]

    @property
    def first(self) -> InterviewSession:
        return self.attempts[-1]

    @classmethod
    def of(cls, attempts: list[InterviewSession]) -> "ChainSummary":
        """The summary of a chain's attempts, given latest first."""
        active = next((attempt for attempt in attempts if attempt.status == ACTIVE), None)
        latest = attempts[0]
        retakeable = (
            latest
            if active is None and latest.status == COMPLETED and latest.job_posting_id
            else None
        )
        return cls(attempts=attempts, active=active, retakeable=retakeable)


@dataclass(frozen=True)
class PostingSummary:
    posting: JobPosting | None  # None: the chains whose posting was deleted
    chains: list[ChainSummary]


def dashboard(*, user: AbstractBaseUser) -> list[PostingSummary]:
    """``user``'s postings, newest first, each with its chains (most recently started
    first), then the chains whose posting was deleted. Two queries, however many."""
    postings = list(
        JobPosting.objects.filter(owner=user).only("id", "title", "company", "created_at")
    )
    sessions = (
        InterviewSession.objects.filter(user=user)
        .only(
            "id",
            "job_posting_id",
            "original_session_id",
            "retake_number",
            "status",
            "score",
            "created_at",
            "completed_at",
        )
        .order_by("-retake_number")
    )
    chains: dict[uuid.UUID, list[InterviewSession]] = {}
    for session in sessions:
        chains.setdefault(session.root_id, []).append(session)

    by_posting: dict[uuid.UUID | None, list[ChainSummary]] = {}
    for attempts in chains.values():
        summary = ChainSummary.of(attempts)
        by_posting.setdefault(summary.latest.job_posting_id, []).append(summary)
    for summaries in by_posting.values():
        summaries.sort(key=lambda chain: chain.latest.created_at, reverse=True)

    groups = [PostingSummary(posting, by_posting.get(posting.pk, [])) for posting in postings]
    if None in by_posting:
        groups.append(PostingSummary(None, by_posting[None]))
    return groups


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def session_answer_repeats(
    *, session: InterviewSession, question: Question, answer: str
) -> tuple[int | None, bool]:
    """Whether ``answer`` repeats one already given: the number of the question of this
    session that has it (``None`` if none), and whether the latest earlier attempt of the
    chain gave this question the same answer. One query for an original, two for a retake,
    each through the question's session index."""
    given = Question.objects.filter(session=session, answered_at__isnull=False).exclude(
        pk=question.pk
    )
    same_as = next(
        (
            number
            for number, text in given.values_list("number", "answer")
            if _same_text(text, answer)
        ),
        None,
    )
    unchanged = False
    if session.retake_number > 1:
        last = (
            Question.objects.filter(session__in=_earlier_attempts(session), text=question.text)
            .exclude(answer="")
            .order_by("-session__retake_number")
            .values_list("answer", flat=True)
            .first()
        )
        unchanged = last is not None and _same_text(last, answer)
    return same_as, unchanged


def question_pending(*, question_id: int) -> Question | None:
    """The question if its answer waits to be scored, with its session and posting."""
    return (
        Question.objects.select_related("session__job_posting")
        .filter(pk=question_id, scoring=Question.Scoring.PENDING)
        .first()
    )


def questions_pending_since(*, before: datetime) -> list[int]:
    """The ids of answers stored before ``before`` and still waiting to be scored, oldest
    first (at most ``SWEEP_BATCH``, through the pending answers' index)."""
    return list(
        Question.objects.filter(scoring=_constant(Question.Scoring.PENDING), answered_at__lt=before)
        .order_by("answered_at")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
