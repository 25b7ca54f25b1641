"""Wildcards `*` and `?` in actions, ARNs and StringLike values, compiled to regular expressions once."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .variables import Resolved


@functools.lru_cache(maxsize=4096)
def compile_regex(source: str, ignore_case: bool = False) -> re.Pattern[str]:
    """One compiled pattern per distinct source (variables make sources per caller, hence the cache)."""
    return re.compile(source, re.DOTALL | (re.IGNORECASE if ignore_case else 0))


def glob_source(pieces: Resolved) -> str:
    """StringLike / action semantics: `*` any run of characters, `?` exactly one, in pattern pieces only."""
    out: list[str] = []
    for text, is_value in pieces:
        if is_value:
            out.append(re.escape(text))
            continue
        for char in text:
            out.append(".*" if char == "*" else "." if char == "?" else re.escape(char))
    return "".join(out)


def arn_source(pieces: Resolved) -> str:
    """ARN semantics: wildcards stay inside their colon-separated segment, except in the resource part.

    The resource part (after the fifth colon) may hold colons and slashes, which `*` spans
    (DOC D-RES).  A pattern with fewer than six segments whose last character is `*` matches
    beyond the colon (current D-RES: "a * that is the last character of a segment can match
    beyond the colon boundary"), so `arn:aws:iam::*` covers every IAM ARN.
    """
    total_colons = sum(text.count(":") for text, _ in pieces)
    out: list[str] = []
    colons = 0
    last_piece = len(pieces) - 1
    for index, (text, is_value) in enumerate(pieces):
        if is_value:
            out.append(re.escape(text))
            colons += text.count(":")
            continue
        last_char = len(text) - 1
        for position, char in enumerate(text):
            if char == ":":
                colons += 1
                out.append(":")
            elif char in "*?":
                spans = colons >= 5 or (
                    char == "*" and total_colons < 5 and index == last_piece and position == last_char
                )
                if char == "*":
                    out.append(".*" if spans else "[^:]*")
                else:
                    out.append("." if spans else "[^:]")
            else:
                out.append(re.escape(char))
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def arn_regex(pieces: Resolved) -> re.Pattern[str]:
    """The compiled ARN pattern of resolved pieces (per caller when variables are involved)."""
    return compile_regex(arn_source(pieces))


@functools.lru_cache(maxsize=4096)
def glob_regex(pieces: Resolved) -> re.Pattern[str]:
    """The compiled StringLike pattern of resolved pieces."""
    return compile_regex(glob_source(pieces))


class NameSet:
    """Wildcard patterns matched case-insensitively (action names): exact names in a set, the rest one regex."""

    __slots__ = ("any", "exact", "regex")

    def __init__(self, patterns: Iterable[str]) -> None:
        exact: set[str] = set()
        wild: list[str] = []
        self.any = False
        for pattern in patterns:
            lowered = pattern.lower()
            if lowered == "*":
                self.any = True
            elif "*" in lowered or "?" in lowered:
                wild.append(glob_source(((lowered, False),)))
            else:
                exact.add(lowered)
        self.exact = frozenset(exact)
        self.regex = compile_regex("|".join(f"(?:{w})" for w in wild)) if wild else None

    def matches(self, name_lower: str) -> bool:
        """Whether the lower-cased name matches any pattern."""
        if self.any or name_lower in self.exact:
            return True
        return self.regex is not None and self.regex.fullmatch(name_lower) is not None
