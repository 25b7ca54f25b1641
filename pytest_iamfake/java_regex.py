"""Java regular expressions (the service model's `pattern` constraints) as Python `re` patterns.

IAM checks its patterns with Java's `java.util.regex`, whose reading differs from Python's
`re` in places: `\\p{L}`-style property classes (which `re` cannot compile), `.` and `$`
(Java knows more line terminators), and `\\d`/`\\w`/`\\s` and case-insensitive matching,
which are ASCII in Java (compile the translation with `re.ASCII`, as `compile_java` does).
`translate` rewrites each construct it knows into an exact `re` equivalent and raises
`UnsupportedPattern` for any other, so no constraint is ever skipped or misread in silence.

Property classes are built from `unicodedata` when a pattern using them is first
translated (one pass over the code points, about 0.2 s, once per process).  Their
Unicode version is Python's (`unicodedata.unidata_version`), which may differ from the
JVM's serving IAM for characters assigned in between.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from .exceptions import IAMFakeError

__all__ = ["UnsupportedPattern", "compile_java", "translate"]


class UnsupportedPattern(IAMFakeError):
    """A Java pattern using a construct the translation does not cover (a pytest-iamfake bug to report)."""


# Java's line terminators (no UNIX_LINES flag): what `.` never matches and `$` looks past.
_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]"
_DOLLAR = "(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?\\Z)"
# Escapes with the same meaning in Java and in Python's `re` compiled with re.ASCII.
_SAME_CLASS_ESCAPES = frozenset("dDwWsS")
_CONTROL_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "a": "\a", "e": "\x1b"}
# POSIX classes: ASCII-only in Java unless UNICODE_CHARACTER_CLASS is set (it is not).
_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_POSIX: dict[str, str] = {
    "Lower": "a-z",
    "Upper": "A-Z",
    "ASCII": "\\x00-\\x7f",
    "Alpha": "a-zA-Z",
    "Digit": "0-9",
    "Alnum": "a-zA-Z0-9",
    "Punct": re.escape(_PUNCT),
    "Graph": "a-zA-Z0-9" + re.escape(_PUNCT),
    "Print": "\\x20-\\x7e",
    "Blank": " \\t",
    "Cntrl": "\\x00-\\x1f\\x7f",
    "XDigit": "0-9a-fA-F",
    "Space": " \\t\\n\\x0b\\f\\r",
}
# Java's general-category groups beyond the one-letter ones.
_GROUPS = {"LC": ("Lu", "Ll", "Lt"), "LD": ("Lu", "Ll", "Lt", "Lm", "Lo", "Nd")}


def _char(code: int) -> str:
    """One code point as a pattern atom that means exactly itself, in or out of a class."""
    if code < 0x80 and chr(code).isalnum():
        return chr(code)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _ranges_text(ranges: list[tuple[int, int]]) -> str:
    return "".join(_char(a) if a == b else f"{_char(a)}-{_char(b)}" for a, b in ranges)


@functools.cache
def _category_ranges() -> dict[str, list[tuple[int, int]]]:
    """Every two-letter general category -> its code point ranges (one pass, built once)."""
    out: dict[str, list[tuple[int, int]]] = {}
    category = unicodedata.category
    start, current = 0, category("\x00")
    for code in range(1, sys.maxunicode + 1):
        found = category(chr(code))
        if found != current:
            out.setdefault(current, []).append((start, code - 1))
            start, current = code, found
    out.setdefault(current, []).append((start, sys.maxunicode))
    return out


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _complement(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, next_start = [], 0
    for a, b in ranges:
        if a > next_start:
            out.append((next_start, a - 1))
        next_start = b + 1
    if next_start <= sys.maxunicode:
        out.append((next_start, sys.maxunicode))
    return out


@functools.cache
def _property_class(name: str, negated: bool) -> str:
    """Class content (no brackets) for Java's `\\p{name}` (or `\\P{name}`)."""
    if name in _POSIX and not negated:
        return _POSIX[name]
    category = name
    for prefix in ("general_category=", "gc=", "Is"):
        if category.startswith(prefix):
            category = category[len(prefix) :]
            break
    table = _category_ranges()
    if category in _GROUPS:
        parts = _GROUPS[category]
    elif len(category) == 1 and category.isupper():
        parts = tuple(key for key in table if key[0] == category)
    elif category in table:
        parts = (category,)
    else:
        raise UnsupportedPattern(f"the property class \\p{{{name}}}")
    if not parts:
        raise UnsupportedPattern(f"the property class \\p{{{name}}}")
    ranges = _merge([r for part in parts for r in table.get(part, [])])
    return _ranges_text(_complement(ranges) if negated else ranges)


class _Reader:
    """A cursor over the Java pattern, with the escapes both contexts share."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def more(self) -> bool:
        return self.at < len(self.text)

    def peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.text[index] if index < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise UnsupportedPattern("a pattern that ends inside a construct")
        self.at += 1
        return char

    def hex_digits(self, count: int) -> int:
        digits = self.text[self.at : self.at + count]
        if len(digits) != count or not all(c in "0123456789abcdefABCDEF" for c in digits):
            raise UnsupportedPattern(f"a malformed hex escape at offset {self.at}")
        self.at += count
        return int(digits, 16)

    def property_name(self) -> str:
        if self.peek() != "{":
            return self.take()  # \pL
        end = self.text.find("}", self.at)
        if end < 0:
            raise UnsupportedPattern("an unclosed \\p{...}")
        name = self.text[self.at + 1 : end]
        self.at = end + 1
        return name

    def escape(self) -> tuple[str, int | str]:
        """After a backslash: ("char", code point), ("class", re text) or ("other", letter)."""
        char = self.take()
        if char in _SAME_CLASS_ESCAPES:
            return "class", "\\" + char
        if char in "pP":
            return "class", "[" + _property_class(self.property_name(), char == "P") + "]"
        if char == "u":
            return "char", self.hex_digits(4)  # exactly four digits, as in Java: \u10000 is \u1000 then 0
        if char == "x":
            if self.peek() == "{":
                end = self.text.find("}", self.at)
                if end < 0:
                    raise UnsupportedPattern("an unclosed \\x{...}")
                self.at += 1
                code = self.hex_digits(end - self.at)
                self.at += 1
                return "char", code
            return "char", self.hex_digits(2)
        if char in _CONTROL_ESCAPES:
            return "char", ord(_CONTROL_ESCAPES[char])
        if char == "c":
            return "char", ord(self.take()) ^ 0x40
        if char == "0":
            digits = ""
            while len(digits) < 3 and self.peek() in "01234567" and self.peek():
                digits += self.take()
            if not digits or (len(digits) == 3 and digits[0] > "3"):
                raise UnsupportedPattern("a malformed octal escape")
            return "char", int(digits, 8)
        if char.isascii() and char.isalnum():
            return "other", char
        return "char", ord(char)  # an escaped metacharacter stands for itself


def _class(reader: _Reader) -> str:
    """Translate a character class; the reader is just past its `[`."""
    negated = reader.peek() == "^"
    if negated:
        reader.take()
    if reader.peek() == "]":
        raise UnsupportedPattern("a class opening with ']'")
    pieces: list[str] = []
    # The previous item, when it is a single character that may start a range.
    last: int | None = None
    while True:
        char = reader.take()
        if char == "]":
            break
        if char == "[":
            raise UnsupportedPattern("a nested character class (union)")
        if char == "&" and reader.peek() == "&":
            raise UnsupportedPattern("a class intersection (&&)")
        if char == "-" and last is not None and reader.peek() not in ("]", "["):
            end_char = reader.take()
            if end_char == "\\":
                kind, value = reader.escape()
                if kind != "char":
                    raise UnsupportedPattern(f"a range ending in a class escape at offset {reader.at}")
                end = int(value)
            else:
                end = ord(end_char)
            if end < last:
                raise UnsupportedPattern(f"an illegal range at offset {reader.at}")
            pieces[-1] = f"{_char(last)}-{_char(end)}"
            last = None
            continue
        if char == "\\":
            kind, value = reader.escape()
            if kind == "other":
                raise UnsupportedPattern(f"the escape \\{value} inside a class")
            if kind == "class":
                text = str(value)
                pieces.append(text[1:-1] if text.startswith("[") else text)
                last = None
                continue
            code = int(value)
        else:
            code = ord(char)
        pieces.append(_char(code))
        last = code
    return "[" + ("^" if negated else "") + "".join(pieces) + "]"


def _group_opening(reader: _Reader) -> str:
    """Translate what follows `(`; the reader is just past it."""
    if reader.peek() != "?":
        return "("
    reader.take()
    head = reader.take()
    if head in ":=!>":
        return "(?" + head
    if head == "<":
        if reader.peek() in "=!":
            return "(?<" + reader.take()
        return "(?P<"  # a named group: Java (?<name>...) is Python's (?P<name>...)
    if head == "i":  # inline case-insensitivity: ASCII-only in Java and under re.ASCII
        following = reader.take()
        if following in "):":
            return "(?i" + following
    raise UnsupportedPattern(f"the group or inline flag at offset {reader.at - 1}")


def translate(pattern: str) -> str:
    """The Python `re` pattern (for use with re.ASCII) that means what `pattern` means to Java."""
    reader = _Reader(pattern)
    out: list[str] = []
    while reader.more():
        char = reader.take()
        if char == "\\":
            if reader.peek() == "Q":  # \Q...\E quotes literally
                reader.take()
                end = pattern.find("\\E", reader.at)
                end = len(pattern) if end < 0 else end
                out.append(re.escape(pattern[reader.at : end]))
                reader.at = min(end + 2, len(pattern))
                continue
            if reader.peek() in "123456789" and reader.peek(1) not in "0123456789":
                out.append("\\" + reader.take())  # a one-digit back reference reads the same
                continue
            if reader.peek() in "Az":
                out.append("\\A" if reader.take() == "A" else "\\Z")
                continue
            kind, value = reader.escape()
            if kind == "other":
                raise UnsupportedPattern(f"the escape \\{value}")
            out.append(str(value) if kind == "class" else _char(int(value)))
        elif char == "[":
            out.append(_class(reader))
        elif char == "(":
            out.append(_group_opening(reader))
        elif char == ".":
            out.append(_DOT)
        elif char == "$":
            out.append(_DOLLAR)
        elif char in "^)|*+?{}," or (char.isascii() and char.isalnum()):
            out.append(char)
        else:
            out.append(_char(ord(char)))
    return "".join(out)


@functools.cache
def compile_java(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled with Java's meaning (cached); UnsupportedPattern if that cannot be done."""
    try:
        return re.compile(translate(pattern), re.ASCII)
    except UnsupportedPattern as err:
        raise UnsupportedPattern(f"cannot read the pattern {pattern!r}: it uses {err}") from None
    except re.error as err:
        raise UnsupportedPattern(f"cannot compile the pattern {pattern!r}: Python's re says {err}") from None
