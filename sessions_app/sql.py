"""Fixed statements for the reads and locks that open most requests.

Each is one ``SELECT`` built from the model's metadata rather than compiled from a queryset:
compiling a queryset costs more Python than the database spends answering such a lookup, and
these run once or more on every authenticated request and every write.
"""

import enum
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model

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
    queryset filter would."""
    opts, quote = model._meta, connection.ops.quote_name
    fields = [
        (opts.pk if name == "pk" else opts.get_field(name), value)
        for name, value in columns.items()
    ]
    where = " AND ".join(f"{quote(field.column)} = %s" for field, _ in fields)
    # Only the model's own table and column names are formatted in; values are parameters.
    sql = f"SELECT * FROM {quote(opts.db_table)} WHERE {where}"  # noqa: S608
    if lock is not None and connection.vendor == "postgresql":
        sql = f"{sql} {lock.value}"
    params = [field.get_db_prep_value(value, connection) for field, value in fields]
    return next(iter(model.objects.raw(sql, params)), None)
