"""Assertions on recorded calls, with messages that show what was called and how it differs.

Each failure reads: a headline naming the wanted call, every recorded call (matches
flagged '>'), the per-key difference from the closest call of that operation, and one
line on what to do.  Passwords and secrets never appear.
"""

from __future__ import annotations

from collections.abc import Sequence

from .calls import Call, CallFilter, numbered
from .exceptions import UsageError

_CHECK = "Compare the params with the calls above, or check that the code under test reached this call."


def get_call(calls: Sequence[Call], wanted: CallFilter) -> Call:
    """The one call matching `wanted`; AssertionError if there are none or several."""
    __tracebackhide__ = True
    found = wanted.select(calls)
    if len(found) == 1:
        return found[0]
    if not found:
        raise _failure(f"Expected exactly one {wanted}, found none.", calls, found, wanted, _CHECK)
    raise _failure(
        f"Expected exactly one {wanted}, found {len(found)} (marked >).",
        calls,
        found,
        wanted,
        "Add params to tell them apart, or use get_calls() to get them all.",
    )


def assert_called(calls: Sequence[Call], wanted: CallFilter, times: object = None) -> None:
    """At least one call matches `wanted`, or exactly `times` calls do."""
    __tracebackhide__ = True
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 0):
        raise UsageError(f"assert_called(times=...) takes a count >= 0, or None for 'at least once'; got {times!r}.")
    found = wanted.select(calls)
    if times is None and found:
        return
    if times is not None and len(found) == times:
        return
    how_often = "at least once" if times is None else f"exactly {_times(times)}"
    raise _failure(f"Expected {wanted} {how_often}, found {_count(found)}.", calls, found, wanted, _CHECK)


def assert_not_called(calls: Sequence[Call], wanted: CallFilter) -> None:
    """No call matches `wanted`."""
    __tracebackhide__ = True
    found = wanted.select(calls)
    if found:
        raise _failure(
            f"Expected no {wanted}, found {_count(found)}.",
            calls,
            found,
            wanted,
            "Narrow the params, or stop the code under test from making the call.",
        )


def _times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def _count(found: Sequence[Call]) -> str:
    return f"{len(found)} (marked >)" if found else "none"


def _failure(headline: str, calls: Sequence[Call], found: Sequence[Call], wanted: CallFilter, remedy: str) -> Exception:
    parts = [headline, numbered(calls, found)]
    if not found:
        parts.append(_closest(calls, wanted))
    return AssertionError("\n".join(part for part in parts if part) + "\n" + remedy)


def _closest(calls: Sequence[Call], wanted: CallFilter) -> str:
    """The per-key difference from the nearest call of the wanted operation, if any was made."""
    if wanted.operation is None or not wanted.params:
        return ""
    candidates = [
        (len(wanted.differences(call)), n, call) for n, call in enumerate(calls, 1) if wanted.same_operation(call)
    ]
    if not candidates:
        return f"No {wanted.service}:{wanted.operation} call was made at all."
    _, n, call = min(candidates, key=lambda item: item[0])
    lines = "\n".join(f"    {line}" for line in wanted.differences(call))
    return f"Closest is #{n}, which differs in:\n{lines}"


def swallowed_problem(calls: Sequence[Call]) -> str | None:
    """verify()'s complaint about unsupported calls the code under test carried on after, or None."""
    swallowed = [c for c in calls if c.unsupported]
    if not swallowed:
        return None
    names = ", ".join(f"{c.service}:{c.operation}" for c in swallowed)
    return (
        f"pytest-iamfake: the code under test called operations the fake does not model ({names}) "
        "and carried on after UnsupportedOperation.\n"
        "Model them, avoid them, or pass strict=False to accept it."
    )
