"""Accounts: sign-up, deletion, browser sign-in, and the JWT tokens."""

from typing import Any

from django.contrib.auth import get_user_model, login
from django.contrib.auth.models import AbstractBaseUser, update_last_login
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.state import token_backend
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from sessions_app import selectors
from sessions_app.exceptions import InvalidCredentials, TokenInvalid, ValidationFailed
from sessions_app.hashers import SignInsEndedHasher
from sessions_app.services.locks import lock_account, lock_account_for_deletion
from sessions_app.tokens import token_password_current, token_read, token_user_id

User = get_user_model()


def user_register(*, username: str, email: str, password: str) -> AbstractBaseUser:
    """Create an account; the caller has validated the password against the validators.

    Usernames and emails (case-insensitively) are unique in the database, so two sign-ups
    racing for the same one end in one account and one ``VALIDATION_ERROR``.
    """
    try:
        with transaction.atomic():
            return User.objects.create_user(username=username, email=email, password=password)
    except IntegrityError:
        # Another sign-up took the name or address between validation and this insert.
        conflicts = selectors.user_identity_conflicts(username=username, email=email)
        if not conflicts:
            raise
        raise ValidationFailed(conflicts) from None


@transaction.atomic
def user_delete(*, user: AbstractBaseUser) -> None:
    """Delete an account with its postings, every session of it (chains included) and its
    tokens."""
    if not lock_account_for_deletion(user=user):
        return  # deleted meanwhile (two admins, say): nothing left to do
    user.delete()


WRONG_PASSWORD = {"password": ["That is not your current password."]}


@transaction.atomic
def user_email_change(*, user: AbstractBaseUser, email: str, password: str) -> AbstractBaseUser:
    """Give the account a new email address, confirmed by its current password; an address
    another account has (ignoring case) is refused."""
    account = lock_account(user_id=user.pk)
    if account is None:
        raise TokenInvalid("User not found")
    if not account.check_password(password):
        raise ValidationFailed(WRONG_PASSWORD)
    if conflicts := selectors.user_identity_conflicts(email=email, exclude_pk=account.pk):
        raise ValidationFailed(conflicts)
    account.email = email
    try:
        with transaction.atomic():
            account.save(update_fields=["email"])
    except IntegrityError:
        # Another account took the address between the check and this write.
        raise ValidationFailed(
            selectors.user_identity_conflicts(email=email, exclude_pk=account.pk)
        ) from None
    return account


@transaction.atomic
def user_delete_confirmed(*, user: AbstractBaseUser, password: str) -> str:
    """Delete the account (``user_delete``) once its current password confirms it; its
    username. A wrong password deletes nothing."""
    if not user.check_password(password):
        raise ValidationFailed(WRONG_PASSWORD)
    user_delete(user=user)
    return user.get_username()


@transaction.atomic
def user_sign_ins_end(*, user: AbstractBaseUser) -> None:
    """End every sign-in of the account (a deactivated one) for good, even if it is
    activated again: its refresh tokens are refused, and its stored password hash is
    wrapped (``sessions_app.hashers``), which ends its access tokens and browser logins
    while the password keeps working."""
    live = OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True)
    BlacklistedToken.objects.bulk_create([BlacklistedToken(token=token) for token in live])
    if user.has_usable_password():
        type(user).objects.filter(pk=user.pk).update(
            password=SignInsEndedHasher().wrap(user.password)
        )


@transaction.atomic
def auth_session_login(*, request: HttpRequest, user: AbstractBaseUser) -> AbstractBaseUser:
    """Sign ``user`` in to a browser session (pages, browsable API) after the password
    check; refused if the account was deleted or deactivated meanwhile."""
    account = lock_account(user_id=user.pk)
    if account is None or not account.is_active:
        raise InvalidCredentials()
    login(request, account)
    return account


# The claim that ties every refresh token rotated from one sign-in together: reusing one
# that was already rotated (a stolen copy, or the thief's after the owner's) ends them all.
FAMILY_CLAIM = "family"


@transaction.atomic
def auth_tokens_issue(*, user: AbstractBaseUser) -> dict[str, str]:
    """An access and a refresh token for ``user``, who has just proved who they are."""
    account = lock_account(user_id=user.pk)
    if account is None or not jwt_settings.USER_AUTHENTICATION_RULE(account):
        raise InvalidCredentials()
    refresh = RefreshToken.for_user(account)
    refresh[FAMILY_CLAIM] = refresh[jwt_settings.JTI_CLAIM]
    # for_user recorded the token before the claim was added: record it as it is given out.
    OutstandingToken.objects.filter(jti=refresh[jwt_settings.JTI_CLAIM]).update(token=str(refresh))
    if jwt_settings.UPDATE_LAST_LOGIN:
        update_last_login(None, account)
    return {"access": str(refresh.access_token), "refresh": str(refresh)}


def _token_account_lock(*, user_id: Any) -> AbstractBaseUser:
    """The token's account, locked for the rest of the transaction, if it may still sign in."""
    account = lock_account(user_id=user_id)
    if account is None or not jwt_settings.USER_AUTHENTICATION_RULE(account):
        raise TokenInvalid("No active account for this token")
    return account


@transaction.atomic
def _refresh_token_redeem(*, refresh: str) -> RefreshToken | None:
    """Check ``refresh`` and blacklist it, once; ``None`` if it had been used already, after
    blacklisting every token of its family (the caller refuses it, once this commits).
    Its account stays locked for the rest of the transaction."""
    try:
        token = token_read(refresh, RefreshToken)
        user_id = token_user_id(token)
    except InvalidToken as exc:
        # simplejwt's errors carry their message in a dict: {"detail": ..., "code": ...}.
        raise TokenInvalid(str(exc.detail["detail"])) from None
    account = _token_account_lock(user_id=user_id)
    if not token_password_current(token, account):
        raise TokenInvalid("The password has changed since this token was issued")
    # Requests sent at once with one token would all pass a plain read of the blacklist.
    # Locking the token's row makes them take turns, and only the one that adds it to the
    # blacklist goes on.
    outstanding = (
        OutstandingToken.objects.select_for_update()
        .filter(jti=token[jwt_settings.JTI_CLAIM])
        .first()
    )
    if outstanding is None:
        raise TokenInvalid("Token is not recognised")
    _, created = BlacklistedToken.objects.get_or_create(token=outstanding)
    if not created:
        _refresh_family_revoke(user_id=user_id, family=token.get(FAMILY_CLAIM))
        return None
    return token


def _refresh_family_revoke(*, user_id: int, family: str | None) -> None:
    """Blacklist every refresh token of ``family`` still outstanding for the account."""
    if family is None:
        return
    live = OutstandingToken.objects.filter(user_id=user_id, blacklistedtoken__isnull=True)
    BlacklistedToken.objects.bulk_create(
        [
            BlacklistedToken(token=outstanding)
            for outstanding in live
            if token_backend.decode(outstanding.token, verify=False).get(FAMILY_CLAIM) == family
        ]
    )


def _redeemed(refresh: str) -> RefreshToken:
    token = _refresh_token_redeem(refresh=refresh)
    if token is None:
        raise TokenInvalid("Token is blacklisted")
    return token


@transaction.atomic
def _refresh_rotate(*, token: RefreshToken) -> dict[str, str]:
    # The redeem has committed (a reused token's family must stay revoked), releasing the
    # account: it is locked again here, and may have been deleted in between.
    _token_account_lock(user_id=token_user_id(token))
    access = str(token.access_token)
    token.set_jti()
    token.set_exp()
    token.set_iat()
    token.outstand()
    return {"access": access, "refresh": str(token)}


def auth_refresh(*, refresh: str) -> dict[str, str]:
    """A new access token and a new refresh token for ``refresh``, which is then refused
    for good: rotation with blacklisting, always (simplejwt's ROTATE_REFRESH_TOKENS and
    BLACKLIST_AFTER_ROTATION only steer its own refresh view, which we do not use). A
    refresh token used a second time ends its whole family (``FAMILY_CLAIM``)."""
    return _refresh_rotate(token=_redeemed(refresh))


def auth_logout(*, refresh: str) -> None:
    """Blacklist ``refresh`` so neither it nor a refresh from it works again."""
    _redeemed(refresh)
