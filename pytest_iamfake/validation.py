"""Server-side checks that botocore leaves to the service: max, pattern, ranges.

Constraints come from the installed botocore service model; wording from the
model's error catalogue.  Each operation's checks are compiled once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from botocore.model import OperationModel, Shape

from .model import errors

# A check appends the (memberName, constraint) pairs it found wrong, or the name of a member
# whose pattern failure IAM words with a sentence of its own (errors.SPECIAL_PATTERN_ERRORS).
Problem = tuple[str, str]
Check = Callable[[Any, str, list[Problem], list[str]], None]


class _UnicodeClassPattern:
    """A Java pattern `[...]+` / `[...]*` using \\p{L}-style classes, which Python's re lacks
    (the Tag key and value patterns: `[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+`)."""

    def __init__(self, categories: str, rest: re.Pattern[str] | None, empty_ok: bool) -> None:
        self._categories = categories  # first letters of Unicode general categories
        self._rest = rest
        self._empty_ok = empty_ok

    def fullmatch(self, value: str) -> bool:
        if not value:
            return self._empty_ok
        rest = self._rest
        return all(
            unicodedata.category(ch)[0] in self._categories or (rest is not None and rest.fullmatch(ch)) for ch in value
        )


_UNICODE_CLASS = re.compile(r"\\p\{([LZN])\}")
_BRACKETED = re.compile(r"\[(.*)\]([+*])")


def _compile_pattern(text: str) -> re.Pattern[str] | _UnicodeClassPattern | None:
    whole = _BRACKETED.fullmatch(text) if "\\p{" in text else None
    if whole is not None:
        inner = whole.group(1)
        categories = "".join(_UNICODE_CLASS.findall(inner))
        rest = _UNICODE_CLASS.sub("", inner)
        try:
            rest_pattern = re.compile(f"[{rest}]") if rest else None
        except re.error:
            return None
        return _UnicodeClassPattern(categories, rest_pattern, whole.group(2) == "*")
    try:
        # AWS patterns are Java regexes: \w means ASCII word characters.
        return re.compile(text, re.ASCII)
    except re.error:  # a pattern Python cannot express is left to the real service
        return None


def _constraints_of(shape: Shape) -> list[str]:
    """Every constraint of a string shape, as IAM lists them for a bad item of a list."""
    meta = shape.metadata
    phrases = []
    if "max" in meta:
        phrases.append(errors.max_length(meta["max"]))
    if "min" in meta:
        phrases.append(errors.min_length(meta["min"]))
    if "pattern" in meta:
        phrases.append(errors.pattern(meta["pattern"]))
    phrases.append(errors.not_null())
    return phrases


def _checks_for_shape(shape: Shape, special: str | None) -> Check:
    # `special`: the member's name when IAM words its pattern failure itself.
    """A function checking one value of `shape`, appending problems found."""
    meta = shape.metadata
    kind = shape.type_name
    if kind == "string":
        low, high = meta.get("min"), meta.get("max")
        regex = _compile_pattern(meta["pattern"]) if "pattern" in meta else None
        source = meta.get("pattern", "")
        allowed = frozenset(getattr(shape, "enum", ()) or ())

        def check_string(value: Any, where: str, problems: list[Problem], specials: list[str]) -> None:
            if not isinstance(value, str):
                return
            if high is not None and len(value) > high:
                problems.append((where, errors.max_length(high)))
            if low is not None and len(value) < low:
                problems.append((where, errors.min_length(low)))
            if allowed and value not in allowed:
                problems.append((where, errors.enum_value()))
            if regex is not None and value and not regex.fullmatch(value):
                if special is not None:
                    specials.append(special)
                else:
                    problems.append((where, errors.pattern(source)))

        return check_string
    if kind in ("integer", "long"):
        low, high = meta.get("min"), meta.get("max")

        def check_number(value: Any, where: str, problems: list[Problem], specials: list[str]) -> None:
            if isinstance(value, bool) or not isinstance(value, int):
                return
            if high is not None and value > high:
                problems.append((where, errors.max_value(high)))
            if low is not None and value < low:
                problems.append((where, errors.min_value(low)))

        return check_number
    if kind == "list":
        high = meta.get("max")
        member: Shape = shape.member  # type: ignore[attr-defined]
        item = _checks_for_shape(member, None)
        # A bad string item is reported at the list, with every constraint of the item shape.
        summary = errors.member_constraints(_constraints_of(member)) if member.type_name == "string" else None

        def check_list(value: Any, where: str, problems: list[Problem], specials: list[str]) -> None:
            if not isinstance(value, list):
                return
            if high is not None and len(value) > high:
                problems.append((where, errors.max_length(high)))
            if summary is not None:
                found: list[Problem] = []
                for element in value:
                    item(element, where, found, specials)
                if found:
                    problems.append((where, summary))
                return
            for index, element in enumerate(value, start=1):
                item(element, f"{where}.{index}.member", problems, specials)

        return check_list
    if kind == "structure":
        members = _member_checks(shape)

        def check_structure(value: Any, where: str, problems: list[Problem], specials: list[str]) -> None:
            if isinstance(value, Mapping):
                _run(members, value, f"{where}.", problems, specials)

        return check_structure
    return lambda value, where, problems, specials: None


# (member, memberName in messages, required, check)
MemberChecks = list[tuple[str, str, bool, Check]]


def _member_checks(shape: Shape) -> MemberChecks:
    required = set(shape.required_members)
    return [
        (
            name,
            errors.member_name(name),
            name in required,
            _checks_for_shape(member, name if name in errors.SPECIAL_PATTERN_ERRORS else None),
        )
        for name, member in shape.members.items()  # type: ignore[attr-defined]
    ]


def _run(
    checks: MemberChecks, params: Mapping[str, Any], prefix: str, problems: list[Problem], specials: list[str]
) -> None:
    for name, wire_name, required, check in checks:
        if name in params:
            check(params[name], prefix + wire_name, problems, specials)
        elif required:
            # Only reachable when the client turned botocore's own validation off.
            problems.append((prefix + wire_name, errors.not_null()))


_COMPILED: dict[tuple[str, str], MemberChecks] = {}


def validate(operation: OperationModel, params: Mapping[str, Any]) -> None:
    """Raise the IAMError real IAM gives for a request botocore let through, if any."""
    key = (operation.service_model.service_name, operation.name)
    checks = _COMPILED.get(key)
    if checks is None:
        shape = operation.input_shape
        checks = _COMPILED[key] = _member_checks(shape) if shape is not None else []
        order = errors.VALIDATION_ORDER.get(operation.name)
        if order:
            rank = {name: i for i, name in enumerate(order)}
            checks.sort(key=lambda c: rank.get(c[0], len(rank)))
    if not checks:
        return
    problems: list[Problem] = []
    specials: list[str] = []
    _run(checks, params, "", problems, specials)
    if problems:
        raise errors.validation_error(problems)
    if specials:
        raise errors.SPECIAL_PATTERN_ERRORS[specials[0]]()
