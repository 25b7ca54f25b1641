"""Recorded calls: what the code under test sent to IAM/STS, what it got back, and matching them."""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SECRET_KEYS = frozenset({"Password", "OldPassword", "NewPassword", "SecretAccessKey", "SessionToken"})
REDACTED = "***"


class _Any:
    """The `ANY` sentinel: in a params pattern, matches any value that was passed."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()


def _is_any(value: Any) -> bool:
    """Our ANY, or unittest.mock's (without importing unittest.mock, which is slow to import)."""
    mock = sys.modules.get("unittest.mock")
    return value is ANY or (mock is not None and value is mock.ANY)


__all__ = ["ANY", "REDACTED", "SECRET_KEYS", "Call", "CallFilter", "call_log", "differences", "numbered", "redact"]


def redact(value: Any) -> Any:
    """A copy of `value` with passwords and secrets replaced by '***', at any depth."""
    if isinstance(value, Mapping):
        return {k: (REDACTED if k in SECRET_KEYS else redact(v)) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v) for v in value]
    return value


@dataclass(slots=True)  # one is built per call: no frozen-dataclass __init__ on the hot path
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
    injected: bool = field(default=False, repr=False)  # answered by a fault from IAMFake.fail()
    # For a call refused by policy evaluation: the decision explained (every policy and
    # statement considered, and why each did or did not match).
    explanation: str | None = field(default=None, repr=False)
    # unmodelled="passthrough": another fake (moto, say) answered it; the model never saw it
    answered_elsewhere: bool = field(default=False, repr=False)

    @property
    def outcome(self) -> str:
        """How the call ended, in words: "ok" or the error code, and who answered if not the model."""
        if self.unsupported:
            return "unsupported (UnsupportedOperation)"
        outcome = f"error={self.error!r}" if self.error else "ok"
        if self.injected:
            outcome += " (injected)"
        if self.answered_elsewhere:
            outcome += " (answered elsewhere)"
        return outcome

    def __repr__(self) -> str:
        return f"Call({self.service}:{self.operation} {redact(self.params)!r} {self.outcome} caller={self.caller!r})"


# --- matching ----------------------------------------------------------------------

_MISSING: Any = object()


def differences(expected: Any, actual: Any, path: str = "", *, hidden: bool = False) -> list[str]:
    """Where `actual` fails to contain `expected`, one line per differing key path; empty if it matches.

    Mappings match when every expected key matches (extra keys are fine), at any depth;
    lists match item by item and must have the same length; `ANY` matches any value that
    is present.  Secret values are never shown.
    """
    if actual is not _MISSING and _is_any(expected):
        return []
    if isinstance(expected, Mapping) and isinstance(actual, Mapping):
        found: list[str] = []
        for key, want in expected.items():
            where = f"{path}.{key}" if path else str(key)
            found += differences(want, actual.get(key, _MISSING), where, hidden=hidden or key in SECRET_KEYS)
        return found
    if _is_list(expected) and _is_list(actual) and len(expected) == len(actual):
        found = []
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            found += differences(want, got, f"{path}[{index}]", hidden=hidden)
        return found
    if actual is not _MISSING and _same_value(expected, actual):
        return []
    return [_difference(path, expected, actual, hidden)]


def _is_list(value: Any) -> bool:
    return isinstance(value, (list, tuple))


def _same_value(expected: Any, actual: Any) -> bool:
    # True == 1 in Python; a boolean parameter should not match an integer (or the reverse).
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and bool(expected == actual)
    return bool(expected == actual)


def _difference(path: str, expected: Any, actual: Any, hidden: bool) -> str:
    if actual is _MISSING:
        return f"{path}: expected {REDACTED if hidden else repr(redact(expected))}, not passed"
    if hidden:
        return f"{path}: differs (secret values are not shown)"
    return f"{path}: expected {redact(expected)!r}, got {redact(actual)!r}"


@dataclass(frozen=True)
class CallFilter:
    """Which calls to pick: a service and an operation (None: any) and a params subset."""

    service: str | None = None
    operation: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def same_operation(self, call: Call) -> bool:
        return (self.service is None or call.service == self.service) and (
            self.operation is None or call.operation == self.operation
        )

    def differences(self, call: Call) -> list[str]:
        return differences(self.params, call.params)

    def __call__(self, call: Call) -> bool:
        return self.same_operation(call) and not self.differences(call)

    def select(self, calls: Iterable[Call]) -> list[Call]:
        return [call for call in calls if self(call)]

    def __str__(self) -> str:
        if self.operation is not None:
            what = f"{self.service}:{self.operation} call"
        else:
            what = f"{self.service} call" if self.service else "IAM/STS call"
        if not self.params:
            return what
        shown = ", ".join(f"{key}={value!r}" for key, value in redact(self.params).items())
        return f"{what} with {shown}"


def numbered(calls: Sequence[Call], marked: Iterable[Call] = ()) -> str:
    """The calls one per line as `#n Call(...)`, those in `marked` flagged with '>'."""
    if not calls:
        return "Recorded calls: none."
    flagged = {id(call) for call in marked}
    lines = [f"{'>' if id(call) in flagged else ' '} #{n} {call!r}" for n, call in enumerate(calls, start=1)]
    return f"Recorded calls ({len(calls)}):\n" + "\n".join(lines)


def call_log(calls: Sequence[Call], *, last: int = 50, width: int = 240) -> str:
    """The calls for a failed test's report: numbered, one line each, secrets redacted.

    Only the `last` calls are listed, after a line counting the earlier ones; a line
    longer than `width` (a policy document, say) is cut.
    """
    if not calls:
        return "No IAM/STS calls were recorded."
    shown = calls[-last:] if last > 0 else []
    start = len(calls) - len(shown) + 1
    lines = [f"{len(calls) - len(shown)} earlier calls not shown (iamfake.calls has them all)"] if start > 1 else []
    for n, call in enumerate(shown, start=start):
        who = call.caller.rsplit(":", 1)[-1]  # root, user/bob, assumed-role/r/s
        line = f"#{n} {call.service}:{call.operation} {redact(call.params)!r} -> {call.outcome} [as {who}]"
        lines.append(line if len(line) <= width else line[: width - 3] + "...")
    return "\n".join(lines)
