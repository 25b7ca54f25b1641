"""STS: GetCallerIdentity, AssumeRoot, GetSessionToken and GetAccessKeyInfo."""

from __future__ import annotations

import dataclasses
import re
from datetime import timedelta
from typing import Any

from . import errors, mfa
from .authorization import TASK_POLICIES, TASK_POLICY_PREFIX
from .identity import Principal, derived_id, derived_secret, derived_token, root_arn
from .registry import Request, Result
from .timestamps import as_stored

DEFAULT_DURATION = 900  # seconds (BM)
# GetSessionToken (BM): an IAM user's session 900-129600 s, 43200 by default; the root's at
# most 3600, and 3600 by default or when a longer one is asked for.
USER_SESSION_DEFAULT = 43200
ROOT_SESSION_MAX = 3600
MAX_TOKEN_SIZE = 4096  # bytes (BM MinimumSessionTokenSize)
TOKEN_SIZE = 356  # CHOSEN: the usual size of a session token
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

    CHOSEN: any IAM user allowed sts:AssumeRoot may call it, for any account id (the fake models
    no Organizations).
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
            "root-session",
            target,
            root_arn(target),
            target,
            task_policy=policy,
            access_key_id=key_id,
            expires=expires,
            token_issued_at=as_stored(req.account.clock.now()),
        )
    )
    credentials = {
        "AccessKeyId": key_id,
        "SecretAccessKey": derived_secret(target, key_id),
        "SessionToken": derived_token(target, key_id),
        "Expiration": expires,
    }
    return {"Credentials": credentials}


def session_mfa(req: Request) -> bool:
    """Check GetSessionToken's SerialNumber and TokenCode against the caller's devices.

    Returns whether the session is made with MFA.  CHOSEN: a TokenCode without a SerialNumber
    gets the serial-number refusal, a SerialNumber without a TokenCode the wrong-code one.
    """
    serial, code = req.params.get("SerialNumber"), req.params.get("TokenCode")
    if serial is None and code is None:
        return False
    caller = req.caller
    owner = req.account.find_user(caller.user_name or "") if caller.kind == "user" else req.account.root
    device = mfa.enabled_device(owner, serial) if owner is not None and serial is not None else None
    if device is None:
        raise errors.mfa_serial_refused()
    if code is None or not mfa.accepts(device, code, req.account.clock.now()):
        raise errors.mfa_code_refused()
    return True


def get_session_token(req: Request) -> Result:
    """Temporary credentials that act as the caller (an IAM user or the root), with MFA if given.

    No permission is needed (DOC).  Temporary credentials cannot call it (REAL).
    """
    caller = req.caller
    if caller.expires is not None or caller.kind == "root-session":
        raise errors.session_credentials_refused("GetSessionToken")
    p = req.params
    if caller.kind == "root":
        duration = min(p.get("DurationSeconds", ROOT_SESSION_MAX), ROOT_SESSION_MAX)
    else:
        duration = p.get("DurationSeconds", USER_SESSION_DEFAULT)
    with_mfa = session_mfa(req)
    now = req.account.clock.now()
    expires = as_stored(now + timedelta(seconds=duration))
    account = caller.account_id
    key_id = derived_id("ASIA", account, caller.user_id, str(req.credentials.next_session()), length=20)
    req.credentials.issue(
        dataclasses.replace(
            caller,
            access_key_id=key_id,
            expires=expires,
            token_issued_at=now,
            mfa_authenticated_at=now if with_mfa else None,
        )
    )
    token = derived_token(account, key_id, length=max(TOKEN_SIZE, p.get("MinimumSessionTokenSize", 0)))
    credentials = {
        "AccessKeyId": key_id,
        "SecretAccessKey": derived_secret(account, key_id),
        "SessionToken": token,
        "Expiration": expires,
    }
    out: dict[str, Any] = {"Credentials": credentials}
    if "MinimumSessionTokenSize" in p:  # CHOSEN: the size figures only when a size was asked for
        out["SessionTokenSize"] = len(token)
        out["SessionTokenUtilization"] = min(100, len(token) * 100 // MAX_TOKEN_SIZE)
    return out


def get_access_key_info(req: Request) -> Result:
    """The account of an access key.

    Keys the fake issued (deleted ones too) name their account.  CHOSEN: any other key names
    the fake's default account, whose root such keys act as.
    """
    return {"Account": req.credentials.caller_for(req.params["AccessKeyId"]).account_id}
