"""Condition operators (DOC D-OPS, D-MULTI): every family, `...IfExists`, and the set operators.

Rules: several operators or keys AND together; several policy values for one key OR together;
negated operators (StringNotEquals, NotIpAddress, ...) are true when the request value matches
none of the policy values; a key missing from the request makes a condition false, its negated
form true, any `...IfExists` true; `ForAllValues` over an absent or empty set is true,
`ForAnyValue` false.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .context import Context
from .patterns import arn_regex, glob_regex
from .variables import Resolved, Template, has_variables, parse, resolve, text_of


class PolicyFormatError(ValueError):
    """A policy document the engine cannot read (IAM would have refused it as MalformedPolicyDocument)."""


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def parse_date(text: str) -> float | None:
    """Epoch seconds of an ISO 8601 date/time or of epoch seconds; None when neither (then no match)."""
    number = _number(text)
    if number is not None:
        return number
    value = text.strip()
    if value[-1:] in ("Z", "z"):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def _string_equals(policy: Resolved, request: str) -> bool:
    return text_of(policy) == request


def _string_equals_ignore_case(policy: Resolved, request: str) -> bool:
    return text_of(policy).casefold() == request.casefold()


def _string_like(policy: Resolved, request: str) -> bool:
    return glob_regex(policy).fullmatch(request) is not None


def _arn_like(policy: Resolved, request: str) -> bool:
    return arn_regex(policy).fullmatch(request) is not None


def _numeric(test: Callable[[float, float], bool]) -> Callable[[Resolved, str], bool]:
    def compare(policy: Resolved, request: str) -> bool:
        left, right = _number(request), _number(text_of(policy))
        # CHOSEN: a value that is not a number matches nothing.
        return left is not None and right is not None and test(left, right)

    return compare


def _date(test: Callable[[float, float], bool]) -> Callable[[Resolved, str], bool]:
    def compare(policy: Resolved, request: str) -> bool:
        left, right = parse_date(request), parse_date(text_of(policy))
        # CHOSEN: a value that is not a date matches nothing.
        return left is not None and right is not None and test(left, right)

    return compare


def _bool(policy: Resolved, request: str) -> bool:
    # CHOSEN: "True"/"TRUE" read as "true" (the reference leaves Bool's case rule UNKNOWN).
    return text_of(policy).lower() == request.lower()


def _binary(policy: Resolved, request: str) -> bool:
    return text_of(policy) == request


def _ip(policy: Resolved, request: str) -> bool:
    try:
        network = ipaddress.ip_network(text_of(policy).strip(), strict=False)  # no prefix means /32 (DOC)
        if "/" in request:
            other = ipaddress.ip_network(request.strip(), strict=False)
            return other.version == network.version and other.subnet_of(network)  # type: ignore[arg-type]
        address = ipaddress.ip_address(request.strip())
    except ValueError:
        return False  # CHOSEN: a malformed address or CIDR matches nothing
    return address.version == network.version and address in network


@dataclass(frozen=True)
class Operator:
    """A base condition operator: how one policy value compares with one request value."""

    name: str
    compare: Callable[[Resolved, str], bool]
    negated: bool = False
    variables: bool = False  # policy variables allowed in its values (String, Arn, Bool: DOC D-VAR)


def _family(names: Mapping[str, tuple[Callable[[Resolved, str], bool], bool]], variables: bool) -> dict[str, Operator]:
    return {name: Operator(name, compare, negated, variables) for name, (compare, negated) in names.items()}


OPERATORS: dict[str, Operator] = {
    **_family(
        {
            "StringEquals": (_string_equals, False),
            "StringNotEquals": (_string_equals, True),
            "StringEqualsIgnoreCase": (_string_equals_ignore_case, False),
            "StringNotEqualsIgnoreCase": (_string_equals_ignore_case, True),
            "StringLike": (_string_like, False),
            "StringNotLike": (_string_like, True),
            "ArnEquals": (_arn_like, False),  # DOC: ArnEquals and ArnLike behave identically
            "ArnLike": (_arn_like, False),
            "ArnNotEquals": (_arn_like, True),
            "ArnNotLike": (_arn_like, True),
            "Bool": (_bool, False),
        },
        variables=True,
    ),
    **_family(
        {
            "NumericEquals": (_numeric(lambda a, b: a == b), False),
            "NumericNotEquals": (_numeric(lambda a, b: a == b), True),
            "NumericLessThan": (_numeric(lambda a, b: a < b), False),
            "NumericLessThanEquals": (_numeric(lambda a, b: a <= b), False),
            "NumericGreaterThan": (_numeric(lambda a, b: a > b), False),
            "NumericGreaterThanEquals": (_numeric(lambda a, b: a >= b), False),
            "DateEquals": (_date(lambda a, b: a == b), False),
            "DateNotEquals": (_date(lambda a, b: a == b), True),
            "DateLessThan": (_date(lambda a, b: a < b), False),
            "DateLessThanEquals": (_date(lambda a, b: a <= b), False),
            "DateGreaterThan": (_date(lambda a, b: a > b), False),
            "DateGreaterThanEquals": (_date(lambda a, b: a >= b), False),
            "BinaryEquals": (_binary, False),
            "IpAddress": (_ip, False),
            "NotIpAddress": (_ip, True),
        },
        variables=False,
    ),
}
NULL = "Null"
# CHOSEN: operator names are looked up case-insensitively (IAM refuses unknown ones when storing).
_BY_LOWER = {name.lower(): op for name, op in OPERATORS.items()}
_SET_OPERATORS = {"forallvalues": "ForAllValues", "foranyvalue": "ForAnyValue"}


def _parse_operator(text: str) -> tuple[str, Operator | None, bool, bool]:
    """(set operator or "", base operator or None when unknown, IfExists, is Null)."""
    set_op = ""
    rest = text
    if ":" in text:
        prefix, rest = text.split(":", 1)
        set_op = _SET_OPERATORS.get(prefix.lower(), "?")
    lowered = rest.lower()
    if lowered == "null":
        return set_op, None, False, True
    if_exists = lowered.endswith("ifexists")
    if if_exists:
        lowered = lowered[: -len("ifexists")]
    operator = _BY_LOWER.get(lowered)
    if set_op == "?":
        operator = None
    return set_op, operator, if_exists, False


def _policy_values(raw: Any, where: str) -> tuple[str, ...]:
    items = raw if isinstance(raw, list) else [raw]
    out: list[str] = []
    for item in items:
        if isinstance(item, bool):
            out.append("true" if item else "false")
        elif isinstance(item, (str, int, float)):
            out.append(str(item))
        else:
            raise PolicyFormatError(f"{where}: condition values must be strings, numbers or booleans, not {item!r}")
    return tuple(out)


@dataclass(frozen=True)
class Clause:
    """One operator applied to one key with its policy values."""

    operator: str  # as written in the policy
    key: str  # as written
    values: tuple[Template, ...]
    base: Operator | None  # None: unknown operator (or Null)
    set_op: str  # "", "ForAllValues" or "ForAnyValue"
    if_exists: bool
    is_null: bool
    fixed: tuple[Resolved, ...] | None  # the values when they hold no variables

    def _resolved(self, context: Context) -> list[Resolved]:
        if self.fixed is not None:
            return list(self.fixed)
        out = []
        for template in self.values:
            value = resolve(template, context)
            if value is not None:  # DOC: a variable without a value matches nothing
                out.append(value)
        return out

    def test(self, context: Context) -> bool:
        """Whether this clause holds for the request."""
        request = context.get(self.key)
        if self.is_null:
            absent = not request
            return any(text_of(v).lower() == ("true" if absent else "false") for v in self._resolved(context))
        base = self.base
        if base is None:
            return False  # CHOSEN: an unknown operator never holds (IAM refuses it when storing)
        if not request:
            if self.if_exists:
                return True
            if self.set_op == "ForAllValues":
                return True
            if self.set_op == "ForAnyValue":
                return False
            return base.negated
        policy = self._resolved(context)
        compare = base.compare
        if not self.set_op:
            # CHOSEN: a plain operator over a multivalued key holds if any request value matches.
            hit = any(compare(p, r) for r in request for p in policy)
            return not hit if base.negated else hit
        outcomes = (any(compare(p, r) for p in policy) != base.negated for r in request)
        return all(outcomes) if self.set_op == "ForAllValues" else any(outcomes)

    def describe(self, context: Context) -> str:
        """The clause with its variables resolved and the request's values, for explanations."""
        shown = []
        for template in self.values:
            raw = "".join(p if isinstance(p, str) else p.text for p in template)
            value = resolve(template, context)
            if value is None:
                shown.append(f"{raw!r} (variable has no value)")
            elif has_variables(template):
                shown.append(f"{raw!r} = {text_of(value)!r}")
            else:
                shown.append(repr(raw))
        request = context.get(self.key)
        got = "absent" if request is None else ", ".join(repr(v) for v in request) or "empty"
        note = " (unknown operator)" if self.base is None and not self.is_null else ""
        return f"{self.operator}{note} {self.key}: policy [{', '.join(shown)}], request {got}"


def compile_conditions(block: Any, variables: bool, where: str) -> tuple[Clause, ...]:
    """The clauses of a statement's Condition element."""
    if block is None:
        return ()
    if not isinstance(block, dict):
        raise PolicyFormatError(f"{where}: Condition must be an object")
    clauses: list[Clause] = []
    for operator, keys in block.items():
        if not isinstance(keys, dict):
            raise PolicyFormatError(f"{where}: Condition {operator!r} must map keys to values")
        set_op, base, if_exists, is_null = _parse_operator(str(operator))
        substitute = variables and base is not None and base.variables
        for key, raw in keys.items():
            values = tuple(parse(v, substitute) for v in _policy_values(raw, where))
            fixed = (
                None if any(has_variables(t) for t in values) else tuple(resolve(t, Context()) or () for t in values)
            )
            clauses.append(Clause(str(operator), str(key), values, base, set_op, if_exists, is_null, fixed))
    return tuple(clauses)
