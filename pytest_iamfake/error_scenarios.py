"""Declared errors of an operation, ready for @pytest.mark.parametrize."""

from __future__ import annotations

from typing import Any

from . import services


def error_codes(operation: str, service: str = "iam") -> tuple[str, ...]:
    """The error codes the installed botocore model declares for `operation`, in the model's order.

    `operation` is spelled "CreateLoginProfile" or "create_login_profile".
    """
    return services.declared_codes(services.resolve(operation, service, services.faked_models()))


def error_cases(operation: str, service: str = "iam") -> list[Any]:
    """One `pytest.param(code, id=code)` per error the model declares for `operation`.

    Use with ``@pytest.mark.parametrize("code", error_cases("create_login_profile"))``.
    """
    import pytest  # only here: the rest of the package works without pytest

    return [pytest.param(code, id=code) for code in error_codes(operation, service)]
