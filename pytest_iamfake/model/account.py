"""One AWS account's IAM state."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from . import errors
from .identity import derived_id, root_arn, user_arn
from .passwords import PasswordHash, PasswordPolicy

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def ascii_fold(name: str) -> str:
    """The key a case-insensitive IAM name is filed under: A-Z folded to a-z, nothing else.

    IAM names (users here; groups, roles, policies, instance profiles likewise) are unique
    regardless of case (DOC), and IAM's patterns allow only ASCII in them, so IAM folds
    ASCII only.  `str.lower()` would also fold non-ASCII characters (the Kelvin sign
    U+212A to "k"), filing "\\u212aate" under "kate".  Key every case-insensitive name with
    this, and nothing else (paths, ids and tag keys are case-sensitive).
    """
    return name.lower() if name.isascii() else name.translate(_ASCII_LOWER)


class Clock(Protocol):
    """What the model needs of time: the current instant, and a nudge after each change."""

    def now(self) -> datetime: ...

    def after_change(self) -> None: ...


@dataclass
class LoginProfile:
    """A console password.  `created` never moves once set (DOC)."""

    created: datetime
    password: PasswordHash | None  # None for a root profile made in an AssumeRoot session
    password_set: datetime
    reset_required: bool = False
    max_session: int | None = None
    history: list[PasswordHash] = field(default_factory=list)  # newest last, current included


@dataclass
class AccessKey:
    """A long-term access key; `sequence` orders a user's keys by creation."""

    key_id: str
    secret: str
    created: datetime
    sequence: int
    status: str = "Active"


@dataclass
class User:
    """An IAM user, or (with `is_root`) the account's root user."""

    name: str
    path: str
    user_id: str
    arn: str
    created: datetime
    tags: list[dict[str, str]] = field(default_factory=list)
    permissions_boundary: str | None = None
    login_profile: LoginProfile | None = None
    access_keys: dict[str, AccessKey] = field(default_factory=dict)
    is_root: bool = False


class Account:
    """State of one account; `lock` makes each operation atomic."""

    def __init__(self, account_id: str, clock: Clock, created: datetime) -> None:
        self.account_id = account_id
        self.clock = clock
        self.lock = threading.RLock()
        self.users: dict[str, User] = {}  # keyed by ascii_fold(name): names are case-insensitive (DOC)
        self.password_policy: PasswordPolicy | None = None
        self.keys_issued = 0  # access keys ever created here: ids never repeat
        # CHOSEN: the root user's "name" in login-profile responses is the account id.
        self.root = User(account_id, "/", account_id, root_arn(account_id), created, is_root=True)

    def find_user(self, name: str) -> User | None:
        """The user named `name` in any ASCII case, or None (also for a name that is not a string)."""
        return self.users.get(ascii_fold(name)) if isinstance(name, str) else None

    def require_user(self, name: str) -> User:
        user = self.find_user(name)
        if user is None:
            raise errors.no_such_user(name)
        return user

    def new_user(self, name: str, path: str, **extra: Any) -> User:
        key = ascii_fold(name)
        if key in self.users:
            raise errors.user_exists(name)
        user = User(
            name=name,
            path=path,
            user_id=derived_id("AIDA", self.account_id, key),
            arn=user_arn(self.account_id, path, name),
            created=self.clock.now(),
            **extra,
        )
        self.users[key] = user
        return user
