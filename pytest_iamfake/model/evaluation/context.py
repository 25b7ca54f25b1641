"""The request context: condition keys and their values, looked up case-insensitively.

Also builds the global keys each kind of caller carries on an IAM call (reference §3.1).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from datetime import datetime, timezone
from typing import TypeAlias

# What callers may pass for one key: a single value or several (multivalued keys).
ContextValue: TypeAlias = "str | bool | int | float | bytes | Iterable[str | bool | int | float] | None"


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode()
    return str(value)


class Context:
    """Condition keys of one request, keyed by lower-cased name (key names are case-insensitive, DOC)."""

    __slots__ = ("_multi", "_names", "_values")

    def __init__(self, keys: Mapping[str, ContextValue] | None = None) -> None:
        self._values: dict[str, tuple[str, ...]] = {}
        self._names: dict[str, str] = {}
        self._multi: set[str] = set()  # keys given as lists: multivalued even with one value
        for name, value in (keys or {}).items():
            if type(value) is str:  # the common case, first
                values: tuple[str, ...] = (value,)
            elif value is None:
                continue
            elif isinstance(value, (str, bool, int, float, bytes)):
                values = (_text(value),)
            else:
                values = tuple(_text(v) for v in value)
                self._multi.add(name.lower())
            lowered = name.lower()
            self._values[lowered] = values
            self._names[lowered] = name

    @classmethod
    def of(cls, keys: Context | Mapping[str, ContextValue] | None) -> Context:
        """`keys` as a Context (returned as is when it already is one)."""
        return keys if isinstance(keys, Context) else cls(keys)

    def with_values(self, keys: Mapping[str, ContextValue]) -> Context:
        """A copy with `keys` added or replaced (None removes): reuse a caller's keys, add per-call ones."""
        extra = Context(keys)
        out = Context()
        out._values = {**self._values, **extra._values}
        out._names = {**self._names, **extra._names}
        out._multi = (self._multi - set(extra._values)) | extra._multi
        for name, value in keys.items():
            if value is None:
                lowered = name.lower()
                out._values.pop(lowered, None)
                out._names.pop(lowered, None)
                out._multi.discard(lowered)
        return out

    def get(self, key: str) -> tuple[str, ...] | None:
        """All values of `key` (any case), or None when the request does not carry it."""
        return self._values.get(key.lower())

    def single(self, key: str) -> str | None:
        """The value of a single-valued key, for policy variables (a multivalued key has none, DOC)."""
        lowered = key.lower()
        values = self._values.get(lowered)
        if values is None or len(values) != 1 or lowered in self._multi:
            return None
        return values[0]

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        """(name as given, values) for every key, sorted by name."""
        return sorted((self._names[k], v) for k, v in self._values.items())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._values

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Context({dict(self.items())!r})"


@functools.lru_cache(maxsize=256)
def iso_time(now: datetime) -> str:
    """aws:CurrentTime's text (CHOSEN format: ISO 8601 in UTC with a Z; Date operators compare instants)."""
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.lru_cache(maxsize=256)
def _epoch(now: datetime) -> str:
    return str(int(now.replace(tzinfo=now.tzinfo or timezone.utc).timestamp()))


def _common(account_id: str, now: datetime, source_ip: str | None, user_agent: str | None) -> dict[str, ContextValue]:
    keys: dict[str, ContextValue] = {
        "aws:PrincipalAccount": account_id,
        "aws:PrincipalIsAWSService": False,
        "aws:ViaAWSService": False,
        "aws:SecureTransport": True,  # INFERRED: botocore calls IAM over HTTPS
        "aws:CurrentTime": iso_time(now),
        "aws:EpochTime": _epoch(now),
        "aws:RequestedRegion": "us-east-1",  # DOC: IAM calls are always made to us-east-1
        "aws:ResourceAccount": account_id,  # INFERRED for IAM
    }
    if source_ip is not None:
        keys["aws:SourceIp"] = source_ip
    if user_agent is not None:
        keys["aws:UserAgent"] = user_agent
    return keys


def _tags(prefix: str, tags: Mapping[str, str]) -> dict[str, ContextValue]:
    return {f"{prefix}{k}": v for k, v in tags.items()}


def user_context(
    *,
    account_id: str,
    user_name: str,
    user_id: str,
    path: str = "/",
    tags: Mapping[str, str] | None = None,
    now: datetime,
    mfa_authenticated_at: datetime | None = None,
    token_issued_at: datetime | None = None,
    source_ip: str | None = None,
    user_agent: str | None = None,
) -> dict[str, ContextValue]:
    """Keys of an IAM user's call (DOC §3.1).

    Long-term access keys carry no aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge or
    aws:TokenIssueTime.  A GetSessionToken session made with MFA passes `token_issued_at` and
    `mfa_authenticated_at`: then MultiFactorAuthPresent is "true" and the age is counted from it.
    """
    keys = _common(account_id, now, source_ip, user_agent)
    keys.update(
        {
            "aws:username": user_name,
            "aws:userid": user_id,
            "aws:PrincipalType": "User",
            "aws:PrincipalArn": f"arn:aws:iam::{account_id}:user{path}{user_name}",
        }
    )
    keys.update(_tags("aws:PrincipalTag/", tags or {}))
    if token_issued_at is not None:
        keys["aws:TokenIssueTime"] = iso_time(token_issued_at)
        keys["aws:MultiFactorAuthPresent"] = mfa_authenticated_at is not None
        if mfa_authenticated_at is not None:
            keys["aws:MultiFactorAuthAge"] = str(max(0, int((now - mfa_authenticated_at).total_seconds())))
    return keys


def role_session_context(
    *,
    account_id: str,
    role_name: str,
    role_id: str,
    session_name: str,
    role_path: str = "/",
    tags: Mapping[str, str] | None = None,
    now: datetime,
    token_issued_at: datetime,
    mfa_authenticated_at: datetime | None = None,
    source_identity: str | None = None,
    source_ip: str | None = None,
    user_agent: str | None = None,
) -> dict[str, ContextValue]:
    """Keys of a role session's call (DOC §3.1): no aws:username; PrincipalArn is the role's ARN.

    `tags` are the role's tags merged with the session tags (session tags win).
    aws:MultiFactorAuthPresent is always present in a session: "true" only when made with MFA.
    """
    keys = _common(account_id, now, source_ip, user_agent)
    keys.update(
        {
            "aws:userid": f"{role_id}:{session_name}",
            "aws:PrincipalType": "AssumedRole",
            "aws:PrincipalArn": f"arn:aws:iam::{account_id}:role{role_path}{role_name}",
            "aws:TokenIssueTime": iso_time(token_issued_at),
            "aws:MultiFactorAuthPresent": mfa_authenticated_at is not None,
        }
    )
    if mfa_authenticated_at is not None:
        keys["aws:MultiFactorAuthAge"] = str(max(0, int((now - mfa_authenticated_at).total_seconds())))
    if source_identity is not None:
        keys["aws:SourceIdentity"] = source_identity
    keys.update(_tags("aws:PrincipalTag/", tags or {}))
    return keys


def root_context(
    *, account_id: str, now: datetime, source_ip: str | None = None, user_agent: str | None = None
) -> dict[str, ContextValue]:
    """Keys of a call with the root user's long-term keys (DOC §3.1)."""
    keys = _common(account_id, now, source_ip, user_agent)
    keys.update(
        {
            "aws:userid": account_id,
            "aws:PrincipalType": "Account",
            "aws:PrincipalArn": f"arn:aws:iam::{account_id}:root",
        }
    )
    return keys


def root_session_context(
    *,
    account_id: str,
    now: datetime,
    token_issued_at: datetime,
    source_ip: str | None = None,
    user_agent: str | None = None,
) -> dict[str, ContextValue]:
    """Keys of an AssumeRoot session's call.

    INFERRED/CHOSEN: like the root user (aws:userid the account id, PrincipalType "Account",
    PrincipalArn the root ARN), plus aws:TokenIssueTime and aws:AssumedRoot "true";
    aws:MultiFactorAuthPresent absent (UNKNOWN in the reference).
    """
    keys = root_context(account_id=account_id, now=now, source_ip=source_ip, user_agent=user_agent)
    keys["aws:TokenIssueTime"] = iso_time(token_issued_at)
    keys["aws:AssumedRoot"] = True
    return keys


def request_tag_keys(tags: Mapping[str, str]) -> dict[str, ContextValue]:
    """aws:RequestTag/<k> and aws:TagKeys for an operation that carries tags (§3.3)."""
    keys: dict[str, ContextValue] = _tags("aws:RequestTag/", tags)
    keys["aws:TagKeys"] = list(tags)
    return keys


def resource_tag_keys(tags: Mapping[str, str], *, iam_keys: bool = True) -> dict[str, ContextValue]:
    """aws:ResourceTag/<k> (and iam:ResourceTag/<k> for users and roles) of the target (§3.3)."""
    keys = _tags("aws:ResourceTag/", tags)
    if iam_keys:
        keys.update(_tags("iam:ResourceTag/", tags))
    return keys
