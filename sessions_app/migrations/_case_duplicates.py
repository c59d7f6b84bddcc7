"""For migrations that add a case-insensitive unique index on a user column: stop with a
message naming the clash, rather than the database's bare unique violation."""

from collections import defaultdict
from collections.abc import Callable
from typing import Any


def refuse_case_duplicates(column: str) -> Callable[[Any, Any], None]:
    def check(apps: Any, schema_editor: Any) -> None:
        User = apps.get_model("auth", "User")
        by_lower: dict[str, list[str]] = defaultdict(list)
        values = User.objects.exclude(**{column: ""}).order_by("pk").values_list(column, flat=True)
        for value in values:
            by_lower[value.lower()].append(value)
        clashes = [", ".join(values) for values in by_lower.values() if len(values) > 1]
        if clashes:
            raise RuntimeError(
                f"Some accounts' {column}s differ only in case ({'; '.join(clashes)}); "
                "make each one unique before migrating."
            )

    return check
