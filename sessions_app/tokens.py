"""Reading the JSON web tokens we issue: any token that is not one of ours as we wrote it
is ``TOKEN_INVALID``, whatever it holds.

simplejwt and PyJWT check the signature, the expiry and the type, but they take the claims'
types for granted: a token signed with our key (a leaked key, an old release) whose ``exp``
is text or a list makes them raise ``TypeError`` or ``OverflowError``, and a ``user_id``
that is not an id would reach the database. Both end here as ``InvalidToken``.
"""

from django.contrib.auth import get_user_model
from django.db import connection
from rest_framework_simplejwt.exceptions import InvalidToken, TokenBackendError, TokenError
from rest_framework_simplejwt.settings import api_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.tokens import Token
from rest_framework_simplejwt.utils import get_md5_hash_password

# What simplejwt, int() and datetime.fromtimestamp raise for a missing, non-numeric or
# out-of-range claim.
_MALFORMED_CLAIM_ERRORS = (KeyError, TypeError, ValueError, OverflowError, OSError)


def token_read(raw: str | bytes, token_class: type[Token]) -> Token:
    """``token_class(raw)``: its signature, expiry, type and claims verified, or
    ``InvalidToken`` with simplejwt's reason. Whether a refresh token was used already is
    not checked here: ``services.accounts`` checks it under a lock, and ends the token's
    family when it was."""
    try:
        token_backend.decode(raw, verify=True)
        token = token_class(raw, verify=False)
        Token.verify(token)
    except TokenBackendError as exc:
        raise InvalidToken(str(exc)) from None
    except TokenError as exc:
        raise InvalidToken(str(exc)) from None
    except _MALFORMED_CLAIM_ERRORS:
        raise InvalidToken("Token has malformed claims") from None
    if not isinstance(token.get(api_settings.JTI_CLAIM), str):
        raise InvalidToken("Token has malformed claims")
    return token


def token_user_id(token: Token) -> int:
    """The account id the token names (simplejwt writes it as a string of digits)."""
    claim = token.get(api_settings.USER_ID_CLAIM)
    user_id = int(claim) if isinstance(claim, str) and claim.isascii() and claim.isdigit() else None
    field = get_user_model()._meta.get_field(api_settings.USER_ID_FIELD)
    low, high = connection.ops.integer_field_range(field.get_internal_type())
    if user_id is None or not low <= user_id <= high:
        raise InvalidToken("Token contained no recognizable user identification")
    return user_id


def token_password_current(token: Token, user) -> bool:
    """Whether ``user``'s password is the one ``token`` was issued under: a token from before
    a password change or reset is refused."""
    return token.get(api_settings.REVOKE_TOKEN_CLAIM) == get_md5_hash_password(user.password)
