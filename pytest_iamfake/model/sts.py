"""STS: GetCallerIdentity and AssumeRoot."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from . import errors
from .authorization import TASK_POLICIES, TASK_POLICY_PREFIX
from .identity import Principal, derived_id, derived_secret, derived_token, root_arn
from .registry import Request, Result
from .timestamps import as_stored

DEFAULT_DURATION = 900  # seconds (BM)
# An account id, or the account's root ARN (DOC: "member account principal ARN or account ID");
# ASCII digits only, as in IAM's own account id pattern.
_TARGET = re.compile(r"(\d{12})|arn:aws[\w-]*:iam::(\d{12}):root", re.ASCII)


def get_caller_identity(req: Request) -> Result:
    # Root and root sessions: UserId is the account id and Arn the root ARN (DOC/INFERRED).
    caller = req.caller
    return {"UserId": caller.user_id, "Account": caller.account_id, "Arn": caller.arn}


def target_account(value: Any) -> str:
    match = _TARGET.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise errors.invalid_target_principal()
    return match.group(1) or match.group(2)


def task_policy_name(descriptor: Any) -> str:
    arn = descriptor.get("arn") if isinstance(descriptor, dict) else None
    name = arn[len(TASK_POLICY_PREFIX) :] if isinstance(arn, str) and arn.startswith(TASK_POLICY_PREFIX) else ""
    if name not in TASK_POLICIES:
        raise errors.invalid_task_policy()
    return name


def assume_root(req: Request) -> Result:
    """Temporary credentials acting as another account's root, limited by a task policy.

    CHOSEN: any IAM user may call it, for any account id (the fake models no Organizations).
    """
    if req.caller.kind == "root":
        raise errors.root_cannot_assume_root()
    target = target_account(req.params.get("TargetPrincipal"))
    policy = task_policy_name(req.params.get("TaskPolicyArn"))
    duration = timedelta(seconds=req.params.get("DurationSeconds", DEFAULT_DURATION))
    expires = as_stored(req.account.clock.now() + duration)
    key_id = derived_id("ASIA", target, policy, str(req.credentials.next_session()), length=20)
    req.account_of(target)  # the target's state exists from now on
    req.credentials.issue(
        Principal(
            "root-session", target, root_arn(target), target, task_policy=policy, access_key_id=key_id, expires=expires
        )
    )
    credentials = {
        "AccessKeyId": key_id,
        "SecretAccessKey": derived_secret(target, key_id),
        "SessionToken": derived_token(target, key_id),
        "Expiration": expires,
    }
    return {"Credentials": credentials}
