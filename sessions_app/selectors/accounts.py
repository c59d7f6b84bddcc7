"""Reads about accounts."""

from django.contrib.auth import get_user_model
from django.db.models import Value
from django.db.models.functions import Lower

_TAKEN = {
    "username": "A user with that username already exists.",
    "email": "An account with this email already exists.",
}


def user_identity_conflicts(
    *, username: str = "", email: str = "", exclude_pk: int | None = None
) -> dict[str, list[str]]:
    """Field errors for a username or email another account has, ignoring case.

    "Sam" and "sam" would be two accounts people cannot tell apart; the database refuses
    them too (case-insensitive unique indexes), this says so before a write is tried.
    """
    accounts = get_user_model().objects.exclude(pk=exclude_pk)
    conflicts = {}
    for field, value in (("username", username), ("email", email)):
        if not value:
            continue
        # LOWER() on both sides, as the indexes compare (``iexact`` compares with UPPER(),
        # which disagrees on a few letters such as "İ" and the Kelvin sign).
        if accounts.alias(folded=Lower(field)).filter(folded=Lower(Value(value))).exists():
            conflicts[field] = [_TAKEN[field]]
    return conflicts
