"""The application the examples test: onboard people as IAM users, reset their console password.

The single definition of the code under test that the README, every docs page and
examples/test_onboarding.py import (`from app import onboard`).
"""

from __future__ import annotations

import contextlib
import secrets
import string
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.exceptions import ClientError

SYMBOLS = "!@#$%^&*()_+-=[]{}|'"


def temporary_password(length: int = 16) -> str:
    """A password meeting IAM's default policy and any policy up to all four character classes."""
    pools = [string.ascii_uppercase, string.ascii_lowercase, string.digits, SYMBOLS]
    chars = [secrets.choice(pool) for pool in pools]
    alphabet = "".join(pools)
    chars += [secrets.choice(alphabet) for _ in range(length - len(chars))]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@dataclass
class Outcome:
    """What the person running the onboarding sees."""

    ok: bool
    message: str
    password: str | None = None


def onboard(username: str, *, iam: Any = None, password: str | None = None, groups: Sequence[str] = ()) -> Outcome:
    """Create the user if needed, add them to `groups`, and give them a temporary password
    they must change at first sign-in."""
    iam = iam or boto3.client("iam")
    # Re-running onboarding for an existing user only (re)issues the password.
    with contextlib.suppress(iam.exceptions.EntityAlreadyExistsException):
        iam.create_user(UserName=username, Tags=[{"Key": "onboarded-by", "Value": "onboarding-app"}])
    for group in groups:
        try:
            iam.add_user_to_group(GroupName=group, UserName=username)  # no-op for a member
        except iam.exceptions.NoSuchEntityException:
            return Outcome(False, f"There is no group {group}; ask the platform team to create it.")
    password = password or temporary_password()
    try:
        iam.create_login_profile(UserName=username, Password=password, PasswordResetRequired=True)
    except ClientError as err:
        return Outcome(False, explain(err))
    return Outcome(True, f"{username} can sign in with the temporary password and must change it.", password)


def explain(err: ClientError) -> str:
    """Map each IAM failure to what the operator should do."""
    code = err.response["Error"]["Code"]
    return {
        "EntityAlreadyExists": "This person already has a console password; reset it instead.",
        "NoSuchEntity": "The user vanished while onboarding; run it again.",
        "PasswordPolicyViolation": "The password breaks the account's password policy: "
        + err.response["Error"]["Message"],
        "LimitExceeded": "IAM is refusing more changes right now; try again later.",
        "ServiceFailure": "IAM failed; try again later.",
    }.get(code, f"Unexpected IAM error {code}; ask the platform team.")


def reset_password(username: str, password: str, *, iam: Any = None) -> None:
    """Give an existing user a new console password that they must change at their next sign-in."""
    iam = iam or boto3.client("iam")
    iam.update_login_profile(UserName=username, Password=password, PasswordResetRequired=True)
