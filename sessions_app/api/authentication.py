"""Bearer-token authentication for the API."""

from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.tokens import Token

from sessions_app.sql import row
from sessions_app.tokens import token_password_current, token_read, token_user_id


class AccountJWTAuthentication(JWTAuthentication):
    """simplejwt's authentication, reading the account on every request as it does (so a
    deactivated or deleted account, or a token from before a password change, is refused
    at once), with one fixed statement
    (``sessions_app.sql``) instead of a compiled queryset. A token with claims we never
    write (``sessions_app.tokens``) is ``TOKEN_INVALID``."""

    def get_validated_token(self, raw_token: bytes) -> Token:
        (token_class,) = api_settings.AUTH_TOKEN_CLASSES
        return token_read(raw_token, token_class)

    def get_user(self, validated_token: Token):
        user = row(self.user_model, **{api_settings.USER_ID_FIELD: token_user_id(validated_token)})
        if user is None:
            raise AuthenticationFailed("User not found", code="user_not_found")
        if api_settings.CHECK_USER_IS_ACTIVE and not user.is_active:
            raise AuthenticationFailed("User is inactive", code="user_inactive")
        if not token_password_current(validated_token, user):
            raise AuthenticationFailed(
                "The password has changed since this token was issued", code="password_changed"
            )
        return user
