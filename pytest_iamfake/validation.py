"""Server-side checks that botocore leaves to the service, run on the params as IAM receives them.

Two steps, each compiled once per operation from the installed botocore service model:

1. Normalise: each parameter becomes what IAM reads once botocore's query serializer has
   put it on the wire.  With `Config(parameter_validation=False)` botocore sends whatever
   it is given: `UserName=123` arrives as the text "123", `MaxItems="5"` as 5, a boolean
   member as "true" for any truthy value, a one-item list where a scalar goes as that item.
   What IAM cannot read as the member's type (a key sent twice, an integer member whose
   text is not a decimal integer) is a ValidationError.  The table is in
   docs/reference/validation.md.
2. Check the constraints: length, value range, enum and pattern.  Patterns are Java
   regexes, read with Java's meaning (see java_regex).

Wording comes from the model's error catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from .java_regex import compile_java
from .model import errors

if TYPE_CHECKING:
    from botocore.model import OperationModel, Shape

__all__ = ["ABSENT", "normalise", "validate"]

# A check appends the (memberName, constraint) pairs it found wrong, or the name of a member
# whose pattern failure IAM words with a sentence of its own (errors.SPECIAL_PATTERN_ERRORS).
Problem = tuple[str, str]
Check = Callable[[Any, str, list[Problem], list[str]], None]
# A normaliser returns the value as IAM receives it (the very object when nothing changes,
# ABSENT when nothing reaches the wire) and appends what IAM cannot read.
Normalise = Callable[[Any, str, list[Problem]], Any]
# Whether a value is already what IAM receives: the cheap test every well-typed call takes.
Clean = Callable[[Any], bool]
# A structure's members by name: (memberName in messages, clean, normalise).
Members = dict[str, tuple[str, Clean, Normalise]]


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()
"""A normaliser's answer for a value that puts nothing on the wire (an empty list where a scalar goes)."""

# How IAM reads an integer member's text (CHOSEN: ASCII digits, as Java's grammar with an optional sign).
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_SURROGATE = re.compile("[\ud800-\udfff]")


# --- step 1: the params as IAM receives them ------------------------------------------------


def _sendable(text: str) -> str:
    """`text`, if UTF-8 can carry it; else UnicodeEncodeError, as botocore raises preparing the body."""
    if not text.isascii():
        text.encode("utf-8")
    return text


def _wire_text(value: Any, where: str, problems: list[Problem]) -> Any:
    """The text a scalar member carries: what botocore's urlencode(doseq=True) makes of `value`."""
    if isinstance(value, str):
        return _sendable(str.__str__(value))  # a str subclass sends its characters, whatever its __str__
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")  # CHOSEN: IAM reads bytes that are not UTF-8 as U+FFFD
    try:
        len(value)
    except TypeError:
        return _sendable(str(value))  # 123 -> "123", None -> "None", True -> "True"
    items = list(value)  # a sized value (list, tuple, dict, set...) repeats the key once per item
    if not items:
        return ABSENT
    if len(items) > 1:
        problems.append((where, errors.several_values()))
        return ABSENT
    item = items[0]
    return item.decode("utf-8", "replace") if isinstance(item, bytes) else _sendable(str(item))


def _integer(value: Any, where: str, problems: list[Problem]) -> Any:
    if type(value) is int:
        return value
    text = _wire_text(value, where, problems)
    if text is ABSENT:
        return ABSENT
    # Past 4000 digits Python's int() refuses text too; no Java integer has that many anyway.
    if len(text) <= 4000 and _INTEGER.fullmatch(text):
        return int(text)
    problems.append((where, errors.not_of_type("integer")))
    return ABSENT


def _boolean(value: Any, where: str, problems: list[Problem]) -> Any:
    # botocore's serializer sends "true" for any truthy value and "false" for any other.
    return bool(value)


def _unchanged(value: Any, where: str, problems: list[Problem]) -> Any:
    return value


def _list(member: Normalise) -> Normalise:
    def normalise_list(value: Any, where: str, problems: list[Problem]) -> Any:
        if not value:  # botocore sends `Name=` (an empty list) for any falsy value
            return []
        try:
            elements = iter(value)
        except TypeError:  # botocore's serializer fails on it: only the fake's helpers get here
            problems.append((where, errors.not_of_type("list")))
            return ABSENT
        out: list[Any] = []
        ended = False  # CHOSEN: IAM reads members 1, 2, ... up to the first one missing from the wire
        present = False
        for index, element in enumerate(elements, start=1):
            item = member(element, f"{where}.{index}.member", problems)
            if item is ABSENT:
                ended = True
            elif not ended:
                out.append(item)
            present = present or item is not ABSENT
        return out if present else ABSENT

    return normalise_list


def _structure(members: Members) -> Normalise:
    def normalise_structure(value: Any, where: str, problems: list[Problem]) -> Any:
        if not isinstance(value, Mapping):  # botocore's serializer fails on it
            problems.append((where, errors.not_of_type("structure")))
            return ABSENT
        out = _members(members, value, where + ".", problems)
        if not any(key in members for key in out):  # no member on the wire: the structure is not sent
            return ABSENT
        return out

    return normalise_structure


def _map(key: Normalise, item: Normalise) -> Normalise:
    def normalise_map(value: Any, where: str, problems: list[Problem]) -> Any:
        try:  # botocore's serializer sends value[k] for each k it iterates, whatever `value` is
            entries = [(k, value[k]) for k in value]
        except (TypeError, LookupError):  # it fails there too: only the fake's helpers get here
            problems.append((where, errors.not_of_type("map")))
            return ABSENT
        out: dict[Any, Any] = {}
        for index, (k, v) in enumerate(entries, start=1):
            new_key = key(k, f"{where}.entry.{index}.key", problems)
            new_value = item(v, f"{where}.entry.{index}.value", problems)
            if new_key is not ABSENT and new_value is not ABSENT:
                out[new_key] = new_value
        return out or ABSENT

    return normalise_map


def _members(members: Members, value: Mapping[str, Any], prefix: str, problems: list[Problem]) -> Any:
    """The structure `value` as received: the very object if every member is clean (the common case)."""
    out: dict[str, Any] | None = None
    for name, original in value.items():
        entry = members.get(name)
        # Not a member: botocore refuses it client-side, and the model ignores it.
        item = original if entry is None or entry[1](original) else entry[2](original, prefix + entry[0], problems)
        if out is None:
            if item is original:
                continue
            out = {}
            for earlier, kept in value.items():  # first change: copy what came before it
                if earlier == name:
                    break
                out[earlier] = kept
        if item is not ABSENT:
            out[name] = item
    return value if out is None else out


def _clean_string(value: Any) -> bool:
    return type(value) is str and (value.isascii() or _SURROGATE.search(value) is None)


def _clean_list(member: Clean) -> Clean:
    return lambda value: type(value) is list and all(map(member, value))


def _clean_structure(members: Members) -> Clean:
    def clean_structure(value: Any) -> bool:
        if type(value) is not dict:
            return False
        known = False  # a structure with no member sends nothing
        for name, item in value.items():
            entry = members.get(name)
            if entry is not None:
                if not entry[1](item):
                    return False
                known = True
        return known

    return clean_structure


def _clean_map(key: Clean, item: Clean) -> Clean:
    return lambda value: type(value) is dict and bool(value) and all(key(k) and item(v) for k, v in value.items())


_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "list": (list, tuple),
    "structure": (Mapping,),
    "map": (Mapping,),
}


def _typed(kind: str, inner: Normalise) -> Normalise:
    """`inner`, after refusing a value whose Python type is not the member's."""
    allowed = _PYTHON_TYPES[kind]
    wrong = errors.not_of_type(kind)
    exact_int = kind in ("integer", "long")

    def normalise_typed(value: Any, where: str, problems: list[Problem]) -> Any:
        if not isinstance(value, allowed) or (exact_int and isinstance(value, bool)):
            problems.append((where, wrong))
            return ABSENT
        return inner(value, where, problems)

    return normalise_typed


def _compile_member(shape: Shape, typed: bool, seen: dict[str, tuple[Clean, Normalise]]) -> tuple[Clean, Normalise]:
    """(clean, normalise) for values of `shape`."""
    kind = shape.type_name
    clean: Clean
    found: Normalise
    if kind == "structure":
        name = shape.name
        if name in seen:  # a recursive shape: look it up when it runs

            def clean_later(value: Any) -> bool:
                return seen[name][0](value)

            def normalise_later(value: Any, where: str, problems: list[Problem]) -> Any:
                return seen[name][1](value, where, problems)

            return clean_later, normalise_later
        seen[name] = (lambda value: True), _unchanged
        members = _members_of(shape, typed, seen)
        clean, found = _clean_structure(members), _structure(members)
        seen[name] = clean, found
    elif kind == "list":
        item_clean, item = _compile_member(shape.member, typed, seen)  # type: ignore[attr-defined]
        clean, found = _clean_list(item_clean), _list(item)
    elif kind == "map":
        key_clean, key = _compile_member(shape.key, typed, seen)  # type: ignore[attr-defined]
        value_clean, value = _compile_member(shape.value, typed, seen)  # type: ignore[attr-defined]
        clean, found = _clean_map(key_clean, value_clean), _map(key, value)
    elif kind == "string":
        clean, found = _clean_string, _wire_text
    elif kind in ("integer", "long"):
        clean, found = (lambda value: type(value) is int), _integer
    elif kind == "boolean":
        clean, found = (lambda value: type(value) is bool), _boolean
    else:  # timestamps, blobs, floats: no IAM/STS input has them; botocore's serializer refuses wrong types
        return (lambda value: True), _unchanged
    return clean, (_typed(kind, found) if typed else found)


def _members_of(shape: Shape, typed: bool, seen: dict[str, tuple[Clean, Normalise]]) -> Members:
    out: Members = {}
    for name, member in shape.members.items():  # type: ignore[attr-defined]
        clean, normalise_member = _compile_member(member, typed, seen)
        out[name] = (errors.member_name(name), clean, normalise_member)
    return out


# --- step 2: the constraints ------------------------------------------------------------------


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
    """A function checking one (normalised) value of `shape`, appending problems found.

    `special`: the member's name when IAM words its pattern failure itself.
    """
    meta = shape.metadata
    kind = shape.type_name
    if kind == "string":
        low, high = meta.get("min"), meta.get("max")
        source: str | None = meta.get("pattern")
        regex: re.Pattern[str] | None = None  # compiled when first needed
        allowed = frozenset(getattr(shape, "enum", ()) or ())

        def check_string(value: Any, where: str, problems: list[Problem], specials: list[str]) -> None:
            nonlocal regex
            if not isinstance(value, str):
                return
            if high is not None and len(value) > high:
                problems.append((where, errors.max_length(high)))
            if low is not None and len(value) < low:
                problems.append((where, errors.min_length(low)))
            if allowed and value not in allowed:
                problems.append((where, errors.enum_value()))
            if source is not None and value:
                if regex is None:
                    regex = compile_java(source)  # UnsupportedPattern says so if it cannot be read
                if not regex.fullmatch(value):
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


# --- per operation ------------------------------------------------------------------------------

# (service, operation, typed) -> (member table, checks)
_COMPILED: dict[tuple[str, str, bool], tuple[Members, MemberChecks]] = {}


def _compiled(operation: OperationModel, typed: bool) -> tuple[Members, MemberChecks]:
    key = (operation.service_model.service_name, operation.name, typed)
    found = _COMPILED.get(key)
    if found is None:
        shape = operation.input_shape
        if shape is None:
            found = ({}, [])
        else:
            checks = _member_checks(shape)
            order = errors.VALIDATION_ORDER.get(operation.name)
            if order:
                rank = {name: i for i, name in enumerate(order)}
                checks.sort(key=lambda c: rank.get(c[0], len(rank)))
            found = (_members_of(shape, typed, {}), checks)
        _COMPILED[key] = found
    return found


def normalise(operation: OperationModel, params: Mapping[str, Any], *, typed: bool = False) -> Mapping[str, Any]:
    """`params` as IAM receives them (the very mapping if nothing changes); ValidationError if unreadable.

    `typed`: refuse values of the wrong Python type instead of coercing them as the wire
    would (what the fake's own helpers want: a default boto3 client refuses them too).
    UnicodeEncodeError for a string UTF-8 cannot carry (a lone surrogate), as botocore raises.
    """
    return _normalised(_compiled(operation, typed)[0], params)


def _normalised(table: Members, params: Mapping[str, Any]) -> Mapping[str, Any]:
    problems: list[Problem] = []
    received: Mapping[str, Any] = _members(table, params, "", problems)
    if problems:
        raise errors.validation_error(problems)
    return received


def validate(operation: OperationModel, params: Mapping[str, Any], *, typed: bool = False) -> Mapping[str, Any]:
    """Normalise `params` and raise the IAMError real IAM gives for them, if any; returns them as received.

    A dict `params` is updated in place to what IAM receives, so that the model and the
    recorded call see the values validation saw.
    """
    table, checks = _compiled(operation, typed)
    received = params
    for name, original in params.items():  # the hot path: well-typed params pass this test alone
        entry = table.get(name)
        if entry is not None and not entry[1](original):
            received = _normalised(table, params)
            break
    if received is not params and isinstance(params, dict):
        params.clear()
        params.update(received)
        received = params
    if not checks:
        return received
    problems: list[Problem] = []
    specials: list[str] = []
    _run(checks, received, "", problems, specials)
    if problems:
        raise errors.validation_error(problems)
    if specials:
        raise errors.SPECIAL_PATTERN_ERRORS[specials[0]]()
    return received
