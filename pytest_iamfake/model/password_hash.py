"""Password storage: salted hashes, never plaintext."""

from __future__ import annotations

import hashlib
import hmac
import random
from dataclasses import dataclass


@dataclass(frozen=True)
class PasswordHash:
    """A salted SHA-256 of a password; the plaintext is not kept."""

    salt: bytes
    digest: bytes

    @classmethod
    def of(cls, password: str) -> PasswordHash:
        salt = random.randbytes(16)  # a salt, not a secret: the fast generator will do
        return cls(salt, _digest(salt, password))

    def matches(self, password: str) -> bool:
        return hmac.compare_digest(self.digest, _digest(self.salt, password))


def _digest(salt: bytes, password: str) -> bytes:
    return hashlib.sha256(salt + password.encode("utf-8")).digest()
