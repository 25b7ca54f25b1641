"""Permissions boundaries: which ARNs IAM accepts as a user's (or role's) boundary (§2.3)."""

from __future__ import annotations

import re

from . import errors, policies
from .account import Account

# A managed policy's ARN: AWS managed ("aws") or customer managed (an account id).
# ASCII digits and word characters, as in IAM's own patterns.
POLICY_ARN = re.compile(r"arn:aws[a-z-]*:iam::(aws|\d{12}):policy/(?:[\x21-\x7e]*/)?[\w+=,.@-]+", re.ASCII)


def policy_exists(account: Account, arn: str, owner: str) -> bool:
    """Whether the managed policy `arn` (AWS managed, or one of `account`'s own) exists."""
    del owner  # find_policy reads it from the ARN
    return policies.find_policy(account, arn) is not None


def checked_boundary(account: Account, arn: str) -> str:
    """`arn` if IAM accepts it as a permissions boundary, else its InvalidInput / NoSuchEntity."""
    matched = POLICY_ARN.fullmatch(arn)
    if matched is None:
        raise errors.boundary_arn_invalid(arn)
    owner = matched.group(1)
    # CHOSEN: another account's customer managed policy is "not attachable" (NoSuchEntity).
    if owner not in ("aws", account.account_id) or not policy_exists(account, arn, owner):
        raise errors.boundary_not_found(arn)
    return arn
