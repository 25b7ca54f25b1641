"""Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`, `${?}`, `${$}` (DOC D-VAR)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context

# Variables are recognised only in policies of this Version (DOC D-VER: else literal text).
VARIABLES_VERSION = "2012-10-17"

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_DEFAULT = re.compile(r"^(.*?)\s*,\s*'(.*)'\s*$", re.DOTALL)
# ${*}, ${?} and ${$} stand for the literal character (never a wildcard).
_SPECIALS = {"*": "*", "?": "?", "$": "$"}


@dataclass(frozen=True)
class Variable:
    """One `${...}` in a policy value: a context key (None for the special characters) and a default."""

    key: str | None
    default: str | None
    text: str


# A policy value split into pattern text (wildcards active) and variables.
Template = tuple["str | Variable", ...]


def parse(text: str, enabled: bool) -> Template:
    """Split `text` into literal pattern pieces and variables (none when `enabled` is false)."""
    if not enabled or "${" not in text:
        return (text,)
    parts: list[str | Variable] = []
    position = 0
    for found in _VARIABLE.finditer(text):
        if found.start() > position:
            parts.append(text[position : found.start()])
        inner = found.group(1).strip()
        if inner in _SPECIALS:
            parts.append(Variable(None, _SPECIALS[inner], found.group(0)))
        else:
            with_default = _DEFAULT.match(inner)
            if with_default:
                parts.append(Variable(with_default.group(1).strip(), with_default.group(2), found.group(0)))
            else:
                parts.append(Variable(inner, None, found.group(0)))
        position = found.end()
    if position < len(text):
        parts.append(text[position:])
    return tuple(parts)


def has_variables(template: Template) -> bool:
    return any(isinstance(part, Variable) for part in template)


# A resolved template: (text, is_value) pairs; values are literal, never wildcards.
Resolved = tuple[tuple[str, bool], ...]


def resolve(template: Template, context: Context) -> Resolved | None:
    """The template with every variable replaced, or None when one has no value (DOC: matches nothing)."""
    out: list[tuple[str, bool]] = []
    for part in template:
        if isinstance(part, str):
            out.append((part, False))
            continue
        value = context.single(part.key) if part.key is not None else None
        if value is None:
            value = part.default
        if value is None:
            return None
        out.append((value, True))
    return tuple(out)


def text_of(resolved: Resolved) -> str:
    """The resolved value as one string (for explanations and exact comparisons)."""
    return "".join(text for text, _ in resolved)
