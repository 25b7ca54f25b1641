"""What a caller may do: AssumeRoot task policies restrict root sessions."""

from __future__ import annotations

from .registry import Request


def authorize(req: Request) -> None:
    """Raise AccessDenied when the caller may not run this request."""
    return None
