"""Recorded calls: what the code under test sent to IAM/STS and what it got back."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

SECRET_KEYS = frozenset({"Password", "OldPassword", "NewPassword", "SecretAccessKey", "SessionToken"})
REDACTED = "***"


def redact(value: Any) -> Any:
    """A copy of `value` with passwords and secrets replaced by '***', at any depth."""
    if isinstance(value, dict):
        return {k: (REDACTED if k in SECRET_KEYS else redact(v)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v) for v in value]
    return value


@dataclass(frozen=True)
class Call:
    """One IAM/STS call made through botocore while the fake was active."""

    service: str
    operation: str
    params: dict[str, Any]
    response: dict[str, Any] | None
    error: str | None
    caller: str
    time: _dt.datetime
    unsupported: bool = field(default=False, repr=False)

    def __repr__(self) -> str:
        outcome = f"error={self.error!r}" if self.error else "ok"
        return f"Call({self.service}:{self.operation} {redact(self.params)!r} {outcome} caller={self.caller!r})"
