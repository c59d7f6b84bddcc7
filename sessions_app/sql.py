"""Every hand-written SQL statement of the product, each built from the models' metadata.

The ORM writes every other statement. These few run on every authenticated request or on
the retake's hot path, where compiling a queryset costs more than the database spends
answering it; each docstring says what was measured. Only the models' own table and column
names are formatted into a statement; values are always parameters.
"""

import enum
import uuid
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

from sessions_app.models import InterviewSession, Question

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

    Used for the account read of every token-authenticated request and for the locks that
    open each write. Measured on PostgreSQL 15 in process (median of 2,000, 2026-12-04): the
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
