"""The fake's options: one table (OPTIONS) from which everything about them is derived.

Each row gives an option's name, default, converter (checks a value from the marker,
`fake_iam()` or the ini file and returns it in its stored type) and help.  From the
table come the `Options` defaults, the ini options and their help (plugin.py), the
marker's signature line, the fixture's docstring and the docs' options table
(docs/_hooks.py).  A new option is one row here plus one field of `Options`.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple, get_args

from .clock import CLOCK_MODES, INSTANT_FORMAT, ClockMode, parse_instant
from .exceptions import UsageError

Transport = Literal["call", "wire"]
Unmodelled = Literal["error", "passthrough"]
Authorization = Literal["enforce", "off"]
TRANSPORTS: tuple[Transport, ...] = get_args(Transport)
UNMODELLED_MODES: tuple[Unmodelled, ...] = get_args(Unmodelled)
AUTHORIZATION_MODES: tuple[Authorization, ...] = get_args(Authorization)


# A NamedTuple rather than a frozen dataclass: as immutable, and its class costs every pytest
# start (the plugin imports this module) a tenth of the time to define.
class Options(NamedTuple):
    """Settings of one fake; OPTIONS (and the `iamfake` fixture's docstring) say what each means."""

    account_id: str
    start_time: _dt.datetime
    tick: float
    clock: ClockMode
    password_policy: Mapping[str, Any] | None
    users: tuple[str, ...]
    unmodelled: Unmodelled
    strict: bool
    transport: Transport
    authorization: Authorization
    record: bool | int


# --- converters: a value as given -> the stored value, or UsageError saying what to use ---


def _account_id(value: Any) -> str:
    if not (isinstance(value, str) and re.fullmatch(r"\d{12}", value, re.ASCII)):
        raise UsageError(f"account_id={value!r} is not valid; use a 12-digit string.")
    return value


def _start_time(value: Any) -> _dt.datetime:
    try:
        return parse_instant(value)
    except UsageError:
        raise UsageError(f"start_time={value!r} is not valid; use {INSTANT_FORMAT}.") from None


def _tick(value: Any) -> float:
    try:
        seconds = float(value.total_seconds() if isinstance(value, _dt.timedelta) else value)
    except (TypeError, ValueError):
        seconds = -1.0
    if seconds < 0 or isinstance(value, bool):
        raise UsageError(f"tick={value!r} is not valid; use seconds >= 0 or a timedelta.")
    return seconds


def _choice(name: str, allowed: tuple[str, ...]) -> Callable[[Any], Any]:
    def convert(value: Any) -> str:
        if value not in allowed:
            raise UsageError(f"{name}={value!r} is not valid; use one of: {', '.join(allowed)}.")
        return str(value)

    return convert


def _password_policy(value: Any) -> Mapping[str, Any] | None:
    if value is not None and not isinstance(value, Mapping):
        raise UsageError(
            f"password_policy={value!r} is not valid; use a dict in UpdateAccountPasswordPolicy form, or None."
        )
    return value


def _users(value: Any) -> tuple[str, ...]:
    names = value.split() if isinstance(value, str) else value
    if not all(isinstance(n, str) for n in names):
        raise UsageError(f"users={value!r} is not valid; use a list of user names.")
    return tuple(names)


def _strict(value: Any) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    if not isinstance(value, bool):
        raise UsageError(f"strict={value!r} is not valid; use True or False.")
    return value


def _record(value: Any) -> bool | int:
    if isinstance(value, str):  # from the ini file
        text = value.strip().lower()
        value = {"true": True, "false": False}.get(text, int(text) if text.isdigit() else value)
    if isinstance(value, bool) or (isinstance(value, int) and value >= 1):
        return value
    raise UsageError(
        f"record={value!r} is not valid; use True (record every call), False (record none) "
        "or a count >= 1 (keep the latest that many)."
    )


class Option(NamedTuple):  # a NamedTuple for the reason Options is one
    """One row of the table."""

    name: str
    default: Any
    convert: Callable[[Any], Any]
    help: str
    ini: bool = True  # settable as ini option iamfake_<name>
    # The default as the marker's signature shows it, when repr(default) will not do
    # (pytest cuts a marker line at its first colon, so no ISO time of day there).
    shown: str | None = None

    @property
    def literal(self) -> str:
        """The default as a Python literal, for signatures and docs."""
        return self.shown if self.shown is not None else repr(self.default)


OPTIONS: tuple[Option, ...] = (
    Option("account_id", "123456789012", _account_id, "12-digit account id of the fake"),
    Option(
        "start_time",
        _dt.datetime(2020, 1, 1, tzinfo=_dt.timezone.utc),
        _start_time,
        "ISO-8601 time (UTC unless it says otherwise) the fake clock starts at",
        shown="'2020-01-01'",
    ),
    Option("tick", 0, _tick, "seconds the clock moves after each state-changing call"),
    Option(
        "clock",
        "auto",
        _choice("clock", CLOCK_MODES),
        "auto (follow freezegun/time-machine when active, else fixed), fixed, or wall",
    ),
    Option(
        "password_policy",
        None,
        _password_policy,
        "dict in UpdateAccountPasswordPolicy form; None is IAM's default policy",
        ini=False,
    ),
    Option("users", (), _users, "user names to create up front (ini: space-separated)"),
    Option(
        "unmodelled",
        "error",
        _choice("unmodelled", UNMODELLED_MODES),
        "error (raise UnsupportedOperation) or passthrough (let other fakes, such as moto, answer) "
        "for IAM/STS operations the model lacks",
    ),
    Option("strict", True, _strict, "run verify() after each test body"),
    Option(
        "transport",
        "call",
        _choice("transport", TRANSPORTS),
        "call (answer before botocore signs or sends) or wire (answer with IAM's XML at before-send, "
        "so signing, botocore's parser and its retries run, back-off moving the fake clock)",
    ),
    Option(
        "authorization",
        "enforce",
        _choice("authorization", AUTHORIZATION_MODES),
        "enforce (IAM users and sessions may do only what their policies allow, refused with IAM's "
        "AccessDenied) or off (every caller may do anything)",
    ),
    Option(
        "record",
        True,
        _record,
        "True (record every call), False (record none: assertions on calls raise UsageError) "
        "or N (keep the latest N calls), for very long runs; a recorded call costs about 0.7 KB",
    ),
)

BY_NAME: dict[str, Option] = {option.name: option for option in OPTIONS}
NAMES: tuple[str, ...] = tuple(BY_NAME)
INI_NAMES: tuple[str, ...] = tuple(option.name for option in OPTIONS if option.ini)
if Options._fields != NAMES:  # pragma: no cover - caught by any import
    raise AssertionError("OPTIONS and the Options fields must list the same names in the same order")
DEFAULTS = Options(**{option.name: option.default for option in OPTIONS})


def build(*layers: Mapping[str, Any], origin: str = "iamfake", base: Options = DEFAULTS) -> Options:
    """`base` overridden by layered mappings (later layers win), each key and value checked."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            option = BY_NAME.get(key)
            if option is None:
                raise UsageError(f"{origin} got an unknown option {key!r}; allowed options are: {', '.join(NAMES)}.")
            try:
                merged[key] = option.convert(value)
            except UsageError as err:
                raise UsageError(f"{origin}: option {err}") from None
    return base._replace(**merged)


# --- texts derived from the table ----------------------------------------------------------


def ini_help(option: Option) -> str:
    return f"{option.help} (default {option.literal})"


def marker_line() -> str:
    """The marker's line for `pytest --markers` (pytest splits it at its first colon)."""
    signature = ", ".join(f"{option.name}={option.literal}" for option in OPTIONS)
    return (
        f"iamfake(*, {signature}): activate pytest-iamfake for this test with these options; the nearest marker wins."
    )


def fixture_doc() -> str:
    """The `iamfake` fixture's docstring, shown by `pytest --fixtures`."""
    lines = [
        "An active pytest-iamfake IAMFake: every boto3/botocore IAM and STS call in the process goes to it.",
        "Options, set with @pytest.mark.iamfake(...) or ini iamfake_<name> defaults:",
    ]
    lines += [f"{option.name} ({option.literal}): {option.help}." for option in OPTIONS]
    return "\n".join(lines)
