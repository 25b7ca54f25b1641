"""Update/Get/DeleteAccountPasswordPolicy: the account's custom password policy (rules in password_policy.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import errors
from .password_policy import FIELD_TYPES, PasswordPolicy
from .registry import Request, Result


def checked_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """The policy fields of a request, refusing unknown names and wrong types.

    botocore refuses both client-side; only the fake's own arrange helpers can send them.
    """
    unknown = sorted(set(params) - set(FIELD_TYPES))
    if unknown:
        raise errors.unknown_policy_fields(unknown, FIELD_TYPES)
    wrong = [
        (errors.member_name(name), errors.wrong_type(FIELD_TYPES[name]))
        for name, value in params.items()
        if isinstance(value, bool) != (FIELD_TYPES[name] is bool) or not isinstance(value, int)
    ]
    if wrong:
        raise errors.validation_error(wrong)
    return dict(params)


def update_account_password_policy(req: Request) -> Result:
    # Full replace (DOC); existing passwords are not re-checked, the rules apply at the next set.
    req.account.password_policy = PasswordPolicy.from_params(checked_params(req.params))
    return {}


def get_account_password_policy(req: Request) -> Result:
    policy = req.account.password_policy
    if policy is None:
        raise errors.no_password_policy(req.account.account_id)
    return {"PasswordPolicy": policy.as_output()}


def delete_account_password_policy(req: Request) -> Result:
    if req.account.password_policy is None:
        raise errors.no_password_policy_to_delete()
    req.account.password_policy = None  # back to IAM's default policy (DOC)
    return {}
