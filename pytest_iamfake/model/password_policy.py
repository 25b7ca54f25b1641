"""The account password policy: IAM's default policy, a custom policy, and the password checks.

Everything about password rules is here: which characters count as which class, the
default policy that applies while no custom one is set, a custom policy's fields (the
PasswordPolicy dataclass, the one place they are listed), the check of a new password
and the reuse rule.  The operations that set and read it are in account_password_policy.py.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from . import errors

if TYPE_CHECKING:
    from .password_hash import PasswordHash

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

# IAM's default policy, in force while the account has no custom policy (DOC).
DEFAULT_MIN_LENGTH = 8
DEFAULT_REQUIRED_CLASSES = 3
# IAM remembers at most this many previous passwords (PasswordReusePrevention's maximum).
HISTORY_LIMIT = 24


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
        known = {k: v for k, v in params.items() if k in FIELD_TYPES}
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


# Each settable field and the Python type its value must have ("bool | None" -> bool).
FIELD_TYPES: dict[str, type] = {
    f.name: bool if str(f.type).startswith("bool") else int for f in fields(PasswordPolicy) if f.name != "supplied"
}


def classes_in(password: str) -> set[str]:
    return {name for name, chars in _CLASS_CHARS.items() if not chars.isdisjoint(password)}


_CLASS_SETS = tuple(_CLASS_CHARS.values())


def check_password(password: str, policy: PasswordPolicy | None) -> None:
    """Raise PasswordPolicyViolation if `password` breaks `policy` (None: IAM's default policy)."""
    if policy is None and len(password) >= DEFAULT_MIN_LENGTH:
        # The common case, on every CreateLoginProfile: passed, told without building the report.
        chars = _CLASS_SETS
        found = (
            (not chars[0].isdisjoint(password))
            + (not chars[1].isdisjoint(password))
            + (not chars[2].isdisjoint(password))
            + (not chars[3].isdisjoint(password))
        )
        if found >= DEFAULT_REQUIRED_CLASSES:
            return
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


def check_reuse(password: str, history: list[PasswordHash], policy: PasswordPolicy | None) -> None:
    """Raise PasswordPolicyViolation if the policy's reuse prevention forbids `password`."""
    reuse = policy.PasswordReusePrevention if policy else None
    if reuse and any(old.matches(password) for old in history[-reuse:]):
        raise errors.password_policy_violation([errors.reuse_rule(reuse)])
