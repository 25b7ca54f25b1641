"""Argument checks for the public helpers: a wrong type is a UsageError saying what was expected.

One wording for every helper, so `add_user(123)` and `clock.advance("10")` read alike and
no bare TypeError or AttributeError escapes from deeper down.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .exceptions import UsageError

_DESCRIBED: dict[type, str] = {
    str: "a string",
    bool: "True or False",
    int: "a whole number",
    float: "a number",
    type(None): "None",
}


def _describe(kind: type) -> str:
    if issubclass(kind, Mapping):
        return "a dict"
    return _DESCRIBED.get(kind, f"a {kind.__name__}")


def expect(value: Any, kind: type | tuple[type, ...], where: str, wanted: str | None = None) -> None:
    """UsageError unless `value` is a `kind`; True/False never pass for a number.

    `where` names the argument as the caller wrote it ("add_user(name=...)"); `wanted`
    overrides the description of what is accepted.
    """
    __tracebackhide__ = True
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if isinstance(value, kinds) and (bool in kinds or not isinstance(value, bool)):
        return
    described = wanted or " or ".join(_describe(k) for k in kinds)
    raise UsageError(f"{where} takes {described}; got {value!r} ({type(value).__name__}).")


def names(value: Any, where: str) -> list[str]:
    """A name or an iterable of names, as a list of strings; UsageError otherwise."""
    __tracebackhide__ = True
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, (Mapping, bytes)):
        found = list(value)
        if all(isinstance(item, str) for item in found):
            return found
    raise UsageError(f"{where} takes a name or a list of names (strings); got {value!r}.")
