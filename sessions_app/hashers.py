"""A stored password hash wrapped when an account's sign-ins are ended (deactivation):
the stored text changes, so every access token (its password digest claim) and every
browser login (its session hash) tied to the old text ends for good, even if the account
is activated again, while the password itself keeps working; its next successful check
stores a plain hash again (``must_update``)."""

from django.contrib.auth.hashers import BasePasswordHasher, identify_hasher


class SignInsEndedHasher(BasePasswordHasher):
    algorithm = "signins_ended"

    def wrap(self, encoded: str) -> str:
        return f"{self.algorithm}${encoded}"

    def _inner(self, encoded: str) -> str:
        return encoded.removeprefix(f"{self.algorithm}$")

    def encode(self, password: str, salt: str) -> str:
        raise NotImplementedError("only wraps an existing hash: see wrap()")

    def decode(self, encoded: str) -> dict:
        inner = self._inner(encoded)
        return identify_hasher(inner).decode(inner)

    def verify(self, password: str, encoded: str) -> bool:
        inner = self._inner(encoded)
        return identify_hasher(inner).verify(password, inner)

    def safe_summary(self, encoded: str) -> dict:
        inner = self._inner(encoded)
        return identify_hasher(inner).safe_summary(inner)

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        inner = self._inner(encoded)
        identify_hasher(inner).harden_runtime(password, inner)
