"""STS AssumeRole: temporary credentials acting as a role session.

The permission checks (the caller's policies, the role's trust policy with its conditions) run
in model/authorization.py before this handler, as for every operation; this module checks the
request itself and issues the session.  A session acts as
`arn:aws:sts::<account>:assumed-role/<role>/<session>`, with the role's policies limited by
the session policies (Policy, PolicyArns), until its Expiration on the fake clock.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from . import errors, mfa
from .account import Account, Role
from .authorization import role_named
from .credentials import Credentials
from .identity import Principal, derived_id, derived_secret, derived_token
from .policy_document import PolicyKind, parse_policy_document
from .registry import Request, Result
from .timestamps import as_stored

DEFAULT_DURATION = 3600  # DOC: one hour unless DurationSeconds says otherwise
CHAINED_MAX = 3600  # DOC: a session assuming a role (role chaining) gets at most one hour
PACKED_LIMIT = 2048  # CHOSEN scale of PackedPolicySize: characters of the packed policies and tags
TOKEN_SIZE = 356


def assume_role(req: Request) -> Result:
    """AssumeRole: a session of the role for a user or role session its trust policy allows."""
    caller = req.caller
    if caller.kind == "root":
        raise errors.roles_not_assumable_by_root()
    params = req.params
    role = role_named(req.account, str(params["RoleArn"]))
    if role is None:  # authorization refuses an unknown role first; kept for the arrange path
        raise errors.access_denied_by_trust_policy(caller.arn, "sts:AssumeRole", str(params["RoleArn"]))
    duration = int(params.get("DurationSeconds", DEFAULT_DURATION))
    if caller.kind == "role-session" and duration > CHAINED_MAX:
        raise errors.role_chaining_duration()
    if duration > role.max_session:
        raise errors.duration_exceeds_max_session()
    with_mfa = _mfa(req)
    policy = params.get("Policy")
    if policy is not None:
        parse_policy_document(str(policy), PolicyKind.IDENTITY)  # MalformedPolicyDocument as IAM words it
    arns = tuple(str(entry.get("arn")) for entry in params.get("PolicyArns") or ())
    tags = tuple((str(t["Key"]), str(t["Value"])) for t in params.get("Tags") or ())
    packed = _packed_size(policy, arns, tags)
    if packed > 100:
        raise errors.packed_policy_too_large(packed)
    now = req.account.clock.now()
    mfa_at = now if with_mfa else caller.mfa_authenticated_at  # CHOSEN: a chained session keeps MFA
    session = issue_session(
        req.credentials,
        req.account,
        role,
        str(params["RoleSessionName"]),
        duration,
        policy=str(policy) if policy is not None else None,
        policy_arns=arns,
        tags=tags,
        source_identity=params.get("SourceIdentity") or caller.source_identity,
        mfa_authenticated_at=mfa_at,
    )
    if params.get("Policy") is not None or arns or tags:
        session["PackedPolicySize"] = packed
    if params.get("SourceIdentity") is not None:
        session["SourceIdentity"] = params["SourceIdentity"]
    return session


def issue_session(
    credentials: Credentials,
    account: Account,
    role: Role,
    session_name: str,
    duration: int,
    *,
    policy: str | None = None,
    policy_arns: tuple[str, ...] = (),
    tags: tuple[tuple[str, str], ...] = (),
    source_identity: str | None = None,
    mfa_authenticated_at: Any = None,
) -> Result:
    """Issue a session of `role`: AssumeRole's result (Credentials, AssumedRoleUser)."""
    now = account.clock.now()
    expires = as_stored(now + timedelta(seconds=duration))
    session_arn = f"arn:aws:sts::{account.account_id}:assumed-role/{role.name}/{session_name}"
    assumed_id = f"{role.role_id}:{session_name}"
    key_id = derived_id("ASIA", account.account_id, assumed_id, str(credentials.next_session()), length=20)
    credentials.issue(
        Principal(
            "role-session",
            account.account_id,
            session_arn,
            assumed_id,
            access_key_id=key_id,
            expires=expires,
            token_issued_at=now,
            mfa_authenticated_at=mfa_authenticated_at,
            role_name=role.name,
            session_name=session_name,
            session_policy=policy,
            session_policy_arns=policy_arns,
            session_tags=tags,
            source_identity=source_identity,
        )
    )
    return {
        "Credentials": {
            "AccessKeyId": key_id,
            "SecretAccessKey": derived_secret(account.account_id, key_id),
            "SessionToken": derived_token(account.account_id, key_id, length=TOKEN_SIZE),
            "Expiration": expires,
        },
        "AssumedRoleUser": {"AssumedRoleId": assumed_id, "Arn": session_arn},
    }


def _mfa(req: Request) -> bool:
    """Check SerialNumber and TokenCode against the calling user's devices (as GetSessionToken does)."""
    serial, code = req.params.get("SerialNumber"), req.params.get("TokenCode")
    if serial is None and code is None:
        return False
    caller = req.caller
    owner = req.account.find_user(caller.user_name or "") if caller.kind == "user" else None
    device = mfa.enabled_device(owner, serial) if owner is not None and serial is not None else None
    if device is None:
        raise errors.mfa_serial_refused()
    if code is None or not mfa.accepts(device, code, req.account.clock.now()):
        raise errors.mfa_code_refused()
    return True


def _packed_size(policy: Any, arns: tuple[str, ...], tags: tuple[tuple[str, str], ...]) -> int:
    """PackedPolicySize: percent of the packed limit used (CHOSEN measure: compact JSON, ARNs, tags)."""
    text = json.dumps(json.loads(policy), separators=(",", ":")) if policy is not None else ""
    used = len(text) + sum(len(arn) for arn in arns) + sum(len(k) + len(v) for k, v in tags)
    return -(-used * 100 // PACKED_LIMIT)  # rounded up
