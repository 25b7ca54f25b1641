"""Errors of pytest-iamfake itself (as opposed to the IAM errors it fakes)."""

from __future__ import annotations

from typing import Any


class IAMFakeError(Exception):
    """Base class of every error pytest-iamfake raises on its own account."""


class UnsupportedOperation(IAMFakeError, NotImplementedError):
    """The code under test called an IAM/STS operation that the model does not cover."""


class UsageError(IAMFakeError, ValueError):
    """pytest-iamfake was configured or called the wrong way."""


class BlockedRequest(IAMFakeError):
    """A request would have left the process: while a fake was active, or from a client a stopped fake made."""


def ours(excinfo: Any) -> bool:
    """A `__tracebackhide__` value for the pipeline's frames: pytest hides such a frame when the
    exception is pytest-iamfake's own (its message says all), and shows it for anything else,
    which would be a bug of ours worth seeing."""
    return isinstance(getattr(excinfo, "value", None), IAMFakeError)
