"""The fake's options: one definition shared by the marker, fake_iam() and the ini file."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from .clock import CLOCK_MODES, ClockMode, parse_instant
from .exceptions import UsageError

UNMODELLED_MODES = ("error", "passthrough")
TRANSPORTS = ("call", "wire")


@dataclass(frozen=True)
class Options:
    """Settings of one fake; see the `iamfake` fixture's docstring for what each means."""

    account_id: str = "123456789012"
    start_time: _dt.datetime = _dt.datetime(2020, 1, 1, tzinfo=_dt.timezone.utc)
    tick: float = 0
    clock: ClockMode = "auto"
    password_policy: Mapping[str, Any] | None = None
    users: tuple[str, ...] = ()
    unmodelled: str = "error"
    strict: bool = True
    transport: str = "call"


NAMES: tuple[str, ...] = tuple(f.name for f in fields(Options))
DEFAULTS = Options()


def _choice(name: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise UsageError(f"{name}={value!r} is not valid; use one of: {', '.join(allowed)}.")
    return str(value)


def _convert(name: str, value: Any) -> Any:
    if name == "account_id":
        if not (isinstance(value, str) and re.fullmatch(r"\d{12}", value)):
            raise UsageError(f"account_id={value!r} is not valid; use a 12-digit string.")
        return value
    if name == "start_time":
        try:
            return parse_instant(value)
        except (TypeError, ValueError, AttributeError):
            raise UsageError(f"start_time={value!r} is not valid; use an ISO-8601 string or a datetime.") from None
    if name == "tick":
        try:
            seconds = float(value.total_seconds() if isinstance(value, _dt.timedelta) else value)
        except (TypeError, ValueError):
            seconds = -1.0
        if seconds < 0 or isinstance(value, bool):
            raise UsageError(f"tick={value!r} is not valid; use seconds >= 0 or a timedelta.")
        return seconds
    if name == "clock":
        return _choice(name, value, CLOCK_MODES)
    if name == "unmodelled":
        return _choice(name, value, UNMODELLED_MODES)
    if name == "transport":
        return _choice(name, value, TRANSPORTS)
    if name == "strict":
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
            return value.lower() in ("true", "1")
        if not isinstance(value, bool):
            raise UsageError(f"strict={value!r} is not valid; use True or False.")
        return value
    if name == "users":
        names = value.split() if isinstance(value, str) else value
        if not all(isinstance(n, str) for n in names):
            raise UsageError(f"users={value!r} is not valid; use a list of user names.")
        return tuple(names)
    if name == "password_policy":
        if value is not None and not isinstance(value, Mapping):
            raise UsageError(
                f"password_policy={value!r} is not valid; use a dict in UpdateAccountPasswordPolicy form, or None."
            )
        return value
    raise AssertionError(name)  # pragma: no cover - NAMES lists every field


def build(*layers: Mapping[str, Any], origin: str = "iamfake", base: Options = DEFAULTS) -> Options:
    """`base` overridden by layered mappings (later layers win), each key and value checked."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if key not in NAMES:
                raise UsageError(f"{origin} got an unknown option {key!r}; allowed options are: {', '.join(NAMES)}.")
            try:
                merged[key] = _convert(key, value)
            except UsageError as err:
                raise UsageError(f"{origin}: option {err}") from None
    return replace(base, **merged)
