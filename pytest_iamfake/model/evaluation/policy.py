"""Policy documents: normalized once (Statement, Action, Resource as lists), compiled, and cached by text."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .conditions import Clause, PolicyFormatError, compile_conditions
from .context import Context
from .patterns import NameSet, arn_regex, arn_source, compile_regex
from .variables import VARIABLES_VERSION, Template, Variable, has_variables, parse, resolve, text_of

# Lines and columns of a statement in the document text, 1-based, as IAM's simulator reports them.
Position = tuple[int, int]


def _strings(value: Any, element: str, where: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        raise PolicyFormatError(f"{where}: {element} must be a string or a list of strings")
    return tuple(items)


class ResourceSet:
    """Resource (or NotResource) ARN patterns: case-sensitive, wildcards per segment, variables resolved per request."""

    __slots__ = ("fixed", "patterns", "templates", "variable_templates", "wildcard")

    def __init__(self, patterns: tuple[str, ...], variables: bool) -> None:
        self.patterns = patterns
        self.wildcard = "*" in patterns
        # DOC D-VAR: variables only in the resource part, after the fifth colon.
        self.templates: tuple[Template, ...] = tuple(_resource_template(p, variables) for p in patterns)
        self.variable_templates = tuple(t for t in self.templates if has_variables(t))
        fixed = [t for t in self.templates if not has_variables(t)]
        sources = [arn_source(resolve(t, Context()) or ()) for t in fixed]
        self.fixed = compile_regex("|".join(f"(?:{s})" for s in sources)) if sources else None

    def matches(self, resource: str, context: Context) -> bool:
        """Whether `resource` matches any pattern."""
        if self.wildcard:
            return True
        if self.fixed is not None and self.fixed.fullmatch(resource) is not None:
            return True
        for template in self.variable_templates:
            resolved = resolve(template, context)
            if resolved is not None and arn_regex(resolved).fullmatch(resource):
                return True
        return False

    def describe(self, context: Context) -> str:
        """The patterns with their variables resolved."""
        shown = []
        for pattern, template in zip(self.patterns, self.templates, strict=True):
            if not has_variables(template):
                shown.append(pattern)
                continue
            resolved = resolve(template, context)
            shown.append(
                f"{pattern} (a variable has no value)" if resolved is None else f"{text_of(resolved)} (from {pattern})"
            )
        return ", ".join(shown)


def _resource_template(pattern: str, variables: bool) -> Template:
    if not variables or "${" not in pattern:
        return (pattern,)
    parts = pattern.split(":", 5)
    if len(parts) < 6:
        return (pattern,)
    head = ":".join(parts[:5]) + ":"
    return (head, *parse(parts[5], True))


@dataclass(frozen=True)
class PrincipalSet:
    """The Principal (or NotPrincipal) of a resource-based statement."""

    everyone: bool
    aws: tuple[str, ...]
    others: tuple[str, ...]  # Service, Federated, CanonicalUser values: never one of the fake's callers

    def strength(self, principal_arn: str, identity_arn: str, account_id: str) -> str | None:
        """How directly this names the caller: "direct", "role", "account", or None when it does not."""
        if self.everyone:
            return "direct"  # CHOSEN: "*" names every caller directly
        best: str | None = None
        for value in self.aws:
            if value == "*" or value == principal_arn:
                return "direct"
            if value == identity_arn and identity_arn != principal_arn:
                best = "role"
            elif best is None and value in (account_id, f"arn:aws:iam::{account_id}:root"):
                best = "account"
        return best


def _principals(value: Any, where: str) -> PrincipalSet:
    if value == "*":
        return PrincipalSet(True, (), ())
    if not isinstance(value, dict):
        raise PolicyFormatError(f'{where}: Principal must be "*" or an object')
    aws: tuple[str, ...] = ()
    others: list[str] = []
    for kind, names in value.items():
        listed = _strings(names, f"Principal {kind}", where)
        if kind == "AWS":
            aws = listed
        else:
            others.extend(listed)
    return PrincipalSet(False, aws, tuple(others))


@dataclass(frozen=True, eq=False)
class Statement:
    """One compiled statement."""

    index: int
    sid: str | None
    effect: str  # "Allow" | "Deny"
    actions: NameSet
    action_patterns: tuple[str, ...]
    not_action: bool
    resources: ResourceSet | None  # None: no Resource element (trust policies)
    not_resource: bool
    principals: PrincipalSet | None
    not_principal: bool
    conditions: tuple[Clause, ...]
    start: Position
    end: Position
    context_keys: frozenset[str]  # lower-cased keys its conditions and variables read

    def action_matches(self, action_lower: str) -> bool:
        return self.actions.matches(action_lower) != self.not_action

    def resource_matches(self, resource: str, context: Context) -> bool:
        if self.resources is None:
            return True
        return self.resources.matches(resource, context) != self.not_resource

    def conditions_hold(self, context: Context) -> bool:
        return all(clause.test(context) for clause in self.conditions)

    @property
    def name(self) -> str:
        """ "statement 2 (Sid AllowX)" or "statement 2"."""
        return f"statement {self.index}" + (f" (Sid {self.sid})" if self.sid else "")


@dataclass(frozen=True, eq=False)
class CompiledPolicy:
    """A policy document, normalized and compiled."""

    version: str | None
    statements: tuple[Statement, ...]
    text: str


def _line_column(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _statement_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of each element of the top-level Statement (best effort; empty when not found)."""
    decoder = json.JSONDecoder()
    spans: list[tuple[int, int]] = []

    def skip(i: int) -> int:
        while i < len(text) and text[i] in " \t\r\n":
            i += 1
        return i

    try:
        i = skip(0)
        if text[i] != "{":
            return []
        i = skip(i + 1)
        while i < len(text) and text[i] != "}":
            key, i = decoder.raw_decode(text, i)
            i = skip(i)
            i = skip(i + 1)  # the colon
            if key == "Statement":
                if text[i] == "[":
                    i = skip(i + 1)
                    while text[i] != "]":
                        _, end = decoder.raw_decode(text, i)
                        spans.append((i, end))
                        i = skip(end)
                        if text[i] == ",":
                            i = skip(i + 1)
                    i += 1
                else:
                    _, end = decoder.raw_decode(text, i)
                    spans.append((i, end))
                    i = end
            else:
                _, i = decoder.raw_decode(text, i)
            i = skip(i)
            if i < len(text) and text[i] == ",":
                i = skip(i + 1)
    except (ValueError, IndexError):
        return []
    return spans


def _compile_statement(raw: Any, index: int, variables: bool, span: tuple[Position, Position]) -> Statement:
    where = f"statement {index}"
    if not isinstance(raw, dict):
        raise PolicyFormatError(f"{where}: a statement must be an object")
    effect = raw.get("Effect")
    if effect not in ("Allow", "Deny"):
        raise PolicyFormatError(f'{where}: Effect must be "Allow" or "Deny", not {effect!r}')
    if ("Action" in raw) == ("NotAction" in raw):
        raise PolicyFormatError(f"{where}: exactly one of Action and NotAction is required")
    not_action = "NotAction" in raw
    action_patterns = _strings(raw["NotAction" if not_action else "Action"], "Action", where)
    if "Resource" in raw and "NotResource" in raw:
        raise PolicyFormatError(f"{where}: Resource and NotResource cannot both be given")
    not_resource = "NotResource" in raw
    resource_value = raw.get("NotResource" if not_resource else "Resource")
    resources = None if resource_value is None else ResourceSet(_strings(resource_value, "Resource", where), variables)
    not_principal = "NotPrincipal" in raw
    principal_value = raw.get("NotPrincipal" if not_principal else "Principal")
    principals = None if principal_value is None else _principals(principal_value, where)
    sid = raw.get("Sid")
    conditions = compile_conditions(raw.get("Condition"), variables, where)
    templates = [t for clause in conditions for t in clause.values]
    if resources is not None:
        templates.extend(resources.templates)
    read = {clause.key.lower() for clause in conditions}
    read.update(part.key.lower() for t in templates for part in t if isinstance(part, Variable) and part.key)
    return Statement(
        index=index,
        sid=str(sid) if sid is not None else None,
        effect=effect,
        actions=NameSet(action_patterns),
        action_patterns=action_patterns,
        not_action=not_action,
        resources=resources,
        not_resource=not_resource,
        principals=principals,
        not_principal=not_principal,
        conditions=conditions,
        start=span[0],
        end=span[1],
        context_keys=frozenset(read),
    )


def compile_document(document: str | Mapping[str, Any]) -> CompiledPolicy:
    """Compile a policy given as JSON text or as a parsed dict (cached by its text)."""
    if isinstance(document, str):
        return _compile_text(document)
    if not isinstance(document, Mapping):
        raise PolicyFormatError(f"a policy document must be JSON text or a dict, not {type(document).__name__}")
    return _compile_text(json.dumps(document, indent=2))


@functools.lru_cache(maxsize=1024)
def _compile_text(text: str) -> CompiledPolicy:
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        raise PolicyFormatError(f"the policy document is not valid JSON: {exc}") from None
    if not isinstance(parsed, dict) or "Statement" not in parsed:
        raise PolicyFormatError("a policy document must be an object with a Statement")
    version = parsed.get("Version")
    variables = version == VARIABLES_VERSION  # DOC D-VER: literal text in 2008-10-17 or without Version
    raw_statements = parsed["Statement"]
    if not isinstance(raw_statements, list):
        raw_statements = [raw_statements]
    spans = _statement_spans(text)
    if len(spans) != len(raw_statements):
        spans = [(0, len(text))] * len(raw_statements)
    statements = tuple(
        _compile_statement(raw, index, variables, (_line_column(text, s), _line_column(text, e)))
        for index, (raw, (s, e)) in enumerate(zip(raw_statements, spans, strict=True))
    )
    return CompiledPolicy(version if isinstance(version, str) else None, statements, text)
