"""Password storage (salted hashes, never plaintext) and password-policy checks."""

from __future__ import annotations

import hashlib
import hmac
import random
import string
from dataclasses import dataclass, field
from typing import Any

from . import errors

# IAM's symbol class: exactly these 20 characters (DOC).  Other printable
# characters are allowed in a password but count as no class (CHOSEN: DOC-literal).
SYMBOLS = frozenset("!@#$%^&*()_+-=[]{}|'")
# Character sets, not per-character predicates: isdisjoint() scans a password in C (hot path).
_CLASS_CHARS: dict[str, frozenset[str]] = {
    "uppercase": frozenset(string.ascii_uppercase),
    "lowercase": frozenset(string.ascii_lowercase),
    "number": frozenset(string.digits),
    "symbol": SYMBOLS,
}
# Order in which the default policy lists missing classes (REAL: uppercase before symbol).
_CLASS_ORDER = ("uppercase", "lowercase", "number", "symbol")

DEFAULT_MIN_LENGTH = 8  # the default policy (no custom policy set)
DEFAULT_REQUIRED_CLASSES = 3


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


@dataclass
class PasswordPolicy:
    """A custom account password policy, in UpdateAccountPasswordPolicy's terms."""

    MinimumPasswordLength: int = 6
    RequireSymbols: bool = False
    RequireNumbers: bool = False
    RequireUppercaseCharacters: bool = False
    RequireLowercaseCharacters: bool = False
    AllowUsersToChangePassword: bool = False
    MaxPasswordAge: int | None = None
    PasswordReusePrevention: int | None = None
    HardExpiry: bool | None = None
    supplied: frozenset[str] = field(default=frozenset())

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> PasswordPolicy:
        """Full replace: every omitted field takes its default (DOC)."""
        known = {k: v for k, v in params.items() if k in _POLICY_FIELDS}
        return cls(**known, supplied=frozenset(known))

    def as_output(self) -> dict[str, Any]:
        """GetAccountPasswordPolicy's PasswordPolicy: unset boxed fields are left out (REAL)."""
        out: dict[str, Any] = {
            "MinimumPasswordLength": self.MinimumPasswordLength,
            "RequireSymbols": self.RequireSymbols,
            "RequireNumbers": self.RequireNumbers,
            "RequireUppercaseCharacters": self.RequireUppercaseCharacters,
            "RequireLowercaseCharacters": self.RequireLowercaseCharacters,
            "AllowUsersToChangePassword": self.AllowUsersToChangePassword,
            "ExpirePasswords": bool(self.MaxPasswordAge),
        }
        if self.MaxPasswordAge is not None:
            out["MaxPasswordAge"] = self.MaxPasswordAge
        if self.PasswordReusePrevention is not None:
            out["PasswordReusePrevention"] = self.PasswordReusePrevention
        # CHOSEN (INFERRED from the AWS sample): HardExpiry is echoed when it was supplied.
        if self.HardExpiry is not None:
            out["HardExpiry"] = self.HardExpiry
        return out

    def required_classes(self) -> list[str]:
        flags = {
            "uppercase": self.RequireUppercaseCharacters,
            "lowercase": self.RequireLowercaseCharacters,
            "number": self.RequireNumbers,
            "symbol": self.RequireSymbols,
        }
        return [name for name in _CLASS_ORDER if flags[name]]


_POLICY_FIELDS = frozenset(
    {
        "MinimumPasswordLength",
        "RequireSymbols",
        "RequireNumbers",
        "RequireUppercaseCharacters",
        "RequireLowercaseCharacters",
        "AllowUsersToChangePassword",
        "MaxPasswordAge",
        "PasswordReusePrevention",
        "HardExpiry",
    }
)


def classes_in(password: str) -> set[str]:
    return {name for name, chars in _CLASS_CHARS.items() if not chars.isdisjoint(password)}


def check_password(password: str, policy: PasswordPolicy | None) -> None:
    """Raise PasswordPolicyViolation if `password` breaks `policy` (None: IAM's default policy)."""
    present = classes_in(password)
    if policy is None:
        if len(password) < DEFAULT_MIN_LENGTH:
            raise errors.password_policy_violation([errors.min_length_rule(DEFAULT_MIN_LENGTH)])
        missing = [name for name in _CLASS_ORDER if name not in present]
        short = DEFAULT_REQUIRED_CLASSES - (len(_CLASS_ORDER) - len(missing))
        if short > 0:
            raise errors.password_policy_violation([errors.needs_more_classes(short, missing)])
        return
    # CHOSEN: a custom policy reports every failing rule, length first, joined by ", ".
    failures = []
    if len(password) < policy.MinimumPasswordLength:
        failures.append(errors.min_length_rule(policy.MinimumPasswordLength))
    failures += [errors.class_rule(name) for name in policy.required_classes() if name not in present]
    if failures:
        raise errors.password_policy_violation(failures)
