"""Every hand-written SQL statement of the product, each built from the models' metadata.

The ORM writes every other statement. These few run on every authenticated request or on
the retake's hot path, where compiling a queryset costs more than the database spends
answering it; each docstring says what was measured. Only the models' own table and column
names are formatted into a statement; values are always parameters.
"""

import enum
import uuid
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model

from sessions_app.models import InterviewSession, JobPosting, Question

M = TypeVar("M", bound=Model)


class Lock(enum.Enum):
    # Keeps the row from deletion (and its key from changing) until the transaction ends,
    # and conflicts with no other lock but those a deletion or a key change takes; Django's
    # select_for_update has no such strength.
    KEY_SHARE = "FOR KEY SHARE"
    UPDATE = "FOR UPDATE"


def row(model: type[M], *, lock: Lock | None = None, **columns: Any) -> M | None:
    """The row of ``model`` whose fields equal ``columns`` (``pk=``, ``owner=``…), or
    ``None``; with ``lock``, locked for the rest of the transaction on PostgreSQL (SQLite has
    no row locks: each write transaction holds the whole database from its start). A value
    the field refuses (a malformed id) raises ``ValidationError`` or ``ValueError``, as a
    queryset filter would.

    Used for the account read of every token-authenticated request, for the session the
    API's session actions check the owner of (``selectors.session_row``) and for the locks
    that open each write. Measured on PostgreSQL 15 in process (median of 2,000, 2026-12-04): the
    account read 119 µs against 256 µs for ``filter(pk=...).first()``; a session's
    ``FOR UPDATE`` 138 µs against 332 µs for ``select_for_update()``.
    """
    opts, quote = model._meta, connection.ops.quote_name
    fields = [
        (opts.pk if name == "pk" else opts.get_field(name), value)
        for name, value in columns.items()
    ]
    where = " AND ".join(f"{quote(field.column)} = %s" for field, _ in fields)
    sql = f"SELECT * FROM {quote(opts.db_table)} WHERE {where}"  # noqa: S608
    if lock is not None and connection.vendor == "postgresql":
        sql = f"{sql} {lock.value}"
    params = [field.get_db_prep_value(value, connection) for field, value in fields]
    return next(iter(model.objects.raw(sql, params)), None)


def session_chain_rows(*, root_id: uuid.UUID, question_texts: list[str]) -> list[tuple]:
    """The attempts of the chain whose root is ``root_id``, by number: for each its id, its
    number, its status and then, for each of ``question_texts``, the score it gave that
    text (``None`` if it did not ask it or has not scored it).

    The attempts come by primary key and through the ``original_session`` index; each
    text's score is a correlated subquery through the question's session index. (A join to
    the questions instead lets PostgreSQL pick a scan of the whole questions table whenever
    its statistics are stale, as they are on a table that has just grown.) The cost follows
    the chain's length and the number of questions, not the tables' size
    (``tests/perf/test_query_plans.py`` and ``../shared/bench/scale.sh`` check both).
    Measured as ``row`` was, for five texts: 88 µs, against 1,688 µs for the same statement
    compiled from a queryset with five ``Subquery`` annotations.
    """
    quote = connection.ops.quote_name
    sessions, questions = quote(InterviewSession._meta.db_table), quote(Question._meta.db_table)
    score_of_text = (
        f", (SELECT q.score FROM {questions} q WHERE q.session_id = s.id AND q.text = %s)"  # noqa: S608
    )
    sql = (
        f"SELECT s.id, s.retake_number, s.status{score_of_text * len(question_texts)}"  # noqa: S608
        f" FROM {sessions} s WHERE s.id = %s OR s.original_session_id = %s"
        " ORDER BY s.retake_number"
    )
    pk = InterviewSession._meta.pk
    root = pk.get_db_prep_value(root_id, connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*question_texts, root, root])
        # Ids as UUIDs, whichever database returned them.
        return [(pk.to_python(first), *rest) for first, *rest in cursor.fetchall()]


def retake_rows(
    *, user_id: Any, posting_id: uuid.UUID, root_id: uuid.UUID, session_id: uuid.UUID
) -> tuple[JobPosting, InterviewSession] | None:
    """What a retake locks, in one statement and in the lock order
    (``services.locks``): the account and the posting kept from deletion, then the chain's
    root and the session for update (PostgreSQL takes a statement's row locks in the order
    its ``FOR ... OF`` clauses name the tables). The posting and the session as locked, or
    ``None`` if any of the four is gone; the caller then locks them one at a time to learn
    which, and the locks this statement took before it found one gone change nothing, as
    they are the same locks in the same order.

    Measured in process (``bench/breakdown.py``, the median of 2,000 retakes of an original,
    2026-12-05): 0.46 and 0.57 ms, against 0.84 and 0.99 ms for the three statements it
    replaces there.
    """
    opts_posting, opts_session = JobPosting._meta, InterviewSession._meta
    quote, user = connection.ops.quote_name, get_user_model()._meta
    posting_fields, session_fields = opts_posting.concrete_fields, opts_session.concrete_fields
    columns = ", ".join(
        [f"p.{quote(field.column)}" for field in posting_fields]
        + [f"s.{quote(field.column)}" for field in session_fields]
    )
    root = session_id != root_id
    tables = [
        f"{quote(user.db_table)} u",
        f"{quote(opts_posting.db_table)} p",
        *([f"{quote(opts_session.db_table)} r"] if root else []),
        f"{quote(opts_session.db_table)} s",
    ]
    pk = f"{quote(opts_session.pk.column)}"
    where = [
        f"u.{quote(user.pk.column)} = %s",
        f"p.{quote(opts_posting.pk.column)} = %s",
        *([f"r.{pk} = %s"] if root else []),
        f"s.{pk} = %s",
    ]
    sql = f"SELECT {columns} FROM {', '.join(tables)} WHERE {' AND '.join(where)}"  # noqa: S608
    if connection.vendor == "postgresql":
        sql += f" FOR KEY SHARE OF u, p FOR UPDATE OF {'r, ' if root else ''}s"
    params = [
        user.pk.get_db_prep_value(user_id, connection),
        opts_posting.pk.get_db_prep_value(posting_id, connection),
        *([opts_session.pk.get_db_prep_value(root_id, connection)] if root else []),
        opts_session.pk.get_db_prep_value(session_id, connection),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    split = len(posting_fields)
    return (
        _from_db(JobPosting, posting_fields, found[:split]),
        _from_db(InterviewSession, session_fields, found[split:]),
    )


def _from_db(model: type[M], fields: list, values: tuple) -> M:
    """An instance from its columns' values as the database returned them, converted as a
    queryset converts them."""
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(model._meta.db_table)
        converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        for converter in converters:
            value = converter(value, column, connection)  # noqa: PLW2901
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)
