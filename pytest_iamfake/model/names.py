"""How IAM compares names: case-insensitively, and only in ASCII.

IAM's name patterns admit ASCII characters only, and its case-insensitive lookups fold only
ASCII letters (Java's default), so "\u212aate" (Kelvin sign) is not "kate".  Every table keyed
by a name files entries under `fold(name)`.
"""

from __future__ import annotations

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(name: str) -> str:
    """The key a case-insensitive IAM name is filed under."""
    return name.translate(_ASCII_LOWER) if not name.islower() else name
