"""Bearer-token authentication for the API."""

from django.db import connection
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from sessions_app.rows import row


class AccountJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication, reading the account on every request as it does (so a
    deactivated or deleted account is refused at once), with one fixed statement
    (``sessions_app.rows``) instead of a compiled queryset. A signed token whose user claim
    is not an account id (the digits of an integer) is ``TOKEN_INVALID``, where the
    database would refuse to compare it."""

    def get_user(self, validated_token: Token):
        claim = validated_token.get(api_settings.USER_ID_CLAIM)
        # simplejwt writes the id as a string of digits.
        user_id = (
            int(claim) if isinstance(claim, str) and claim.isascii() and claim.isdigit() else None
        )
        field = self.user_model._meta.get_field(api_settings.USER_ID_FIELD)
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        if user_id is None or not low <= user_id <= high:
            raise InvalidToken("Token contained no recognizable user identification")
        user = row(self.user_model, **{api_settings.USER_ID_FIELD: user_id})
        if user is None:
            raise AuthenticationFailed("User not found", code="user_not_found")
        if api_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed("User is inactive", code="user_inactive")
        return user
