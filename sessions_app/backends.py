"""Sign-in by username ignoring case, for the pages, the browsable API and the token endpoint."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Value
from django.db.models.functions import Lower
from django.http import HttpRequest

User = get_user_model()


class CaseInsensitiveModelBackend(ModelBackend):
    """Usernames are unique ignoring case (a database index), so "Sam" signs in as "sam"
    does: the same LOWER() comparison as the index, never a choice between two accounts."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> AbstractBaseUser | None:
        username = username if username is not None else kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = (
            User._default_manager.alias(folded=Lower(User.USERNAME_FIELD))
            .filter(folded=Lower(Value(username)))
            .first()
        )
        if user is None:
            # Hash anyway, so a missing account takes as long to refuse as a wrong password.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
