"""Who is calling: principals, and AWS-shaped identifiers derived deterministically."""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

PrincipalKind = Literal["root", "user", "root-session", "role-session"]


@dataclass(frozen=True)
class Principal:
    """The identity behind a call's credentials."""

    kind: PrincipalKind
    account_id: str
    arn: str
    user_id: str
    user_name: str | None = None  # for kind "user"
    task_policy: str | None = None  # for kind "root-session": the root-task policy name
    access_key_id: str | None = None  # the key that signed, when the fake issued it
    expires: datetime | None = None  # for temporary credentials
    # --- GetSessionToken sessions (model/sts.py); read by authorization for aws:MultiFactorAuth* ---
    token_issued_at: datetime | None = None  # when the session was issued (aws:TokenIssueTime)
    mfa_authenticated_at: datetime | None = None  # made with an MFA code: when (aws:MultiFactorAuthAge)
    # --- role sessions (AssumeRole, model/sts.py); read by model/authorization.py ---
    role_name: str | None = None  # for kind "role-session"
    session_name: str | None = None
    session_policy: str | None = None  # AssumeRole's Policy, as submitted
    session_policy_arns: tuple[str, ...] = ()  # AssumeRole's PolicyArns
    session_tags: tuple[tuple[str, str], ...] = ()
    source_identity: str | None = None

    @property
    def is_user(self) -> bool:
        return self.kind == "user"


@functools.lru_cache(maxsize=64)
def root_principal(account_id: str) -> Principal:
    return Principal("root", account_id, root_arn(account_id), account_id)


def root_arn(account_id: str) -> str:
    return f"arn:aws:iam::{account_id}:root"


def user_arn(account_id: str, path: str, name: str) -> str:
    return f"arn:aws:iam::{account_id}:user{path}{name}"


def derived_id(prefix: str, *parts: str, length: int = 21) -> str:
    """An id such as AIDA... that is the same for the same inputs (base32 alphabet, as AWS's)."""
    digest = hashlib.sha256("\x00".join(parts).encode()).digest()
    body = base64.b32encode(digest).decode().rstrip("=")
    return (prefix + body)[:length]


def derived_secret(*parts: str) -> str:
    """A 40-character secret access key, deterministic for the same inputs."""
    digest = hashlib.sha256(("secret\x00" + "\x00".join(parts)).encode()).digest()
    return base64.b64encode(digest).decode()[:40].replace("+", "/")


def derived_token(*parts: str, length: int = 356) -> str:
    """An opaque session token of `length` characters, deterministic for the same inputs."""
    chunks: list[str] = []
    seed = "token\x00" + "\x00".join(parts)
    while sum(map(len, chunks)) < length:
        seed = hashlib.sha256(seed.encode()).hexdigest()
        chunks.append(base64.b64encode(bytes.fromhex(seed)).decode().rstrip("="))
    return "".join(chunks)[:length]
