"""What a caller may do: valid credentials first, then IAM's policy evaluation (reference §1, §3, §9).

`authorize(req)` runs before every handler.  The account root and credentials the fake never
issued may do anything; IAM users, role sessions and AssumeRoot sessions are evaluated by the
engine (model/evaluation) against the policies that apply to them, and a refusal raises IAM's
AccessDenied with the Decision attached (`IAMError.decision`) for the recorded Call.

Cost: per caller, the PolicySet and the context's fixed keys are built once and kept while the
account's `version` is unchanged (the backend bumps it after every state-changing operation);
after a bump they are rebuilt only if the caller's policy sources actually changed, so the
engine's remembered decisions survive unrelated changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, NamedTuple

from . import actions, errors, policies
from .access_keys import signing_key
from .account import Account, Group, InlinePolicy, Role, User
from .evaluation import Context, Decision, Policy, PolicySet, decide, request_tag_keys, resource_tag_keys
from .evaluation import Request as Question
from .evaluation.context import ContextValue, iso_time, role_session_context, root_session_context, user_context
from .evaluation.inputs import CallerKind
from .identity import Principal, root_arn, root_principal
from .names import fold
from .paging import Index
from .registry import Request

Mode = Literal["enforce", "off"]

TASK_POLICY_PREFIX = "arn:aws:iam::aws:policy/root-task/"

# The actions each root-task policy leaves allowed, on the root user only (DOC, reference 5.2).
# The S3 and SQS policies allow no IAM or STS action.
TASK_POLICIES: dict[str, frozenset[str]] = {
    "IAMAuditRootUserCredentials": frozenset(
        {
            "iam:ListAccessKeys",
            "iam:ListSigningCertificates",
            "iam:GetLoginProfile",
            "iam:ListMFADevices",
            "iam:GetAccountSummary",
            "iam:GetUser",
            "iam:GetAccessKeyLastUsed",
        }
    ),
    "IAMCreateRootUserPassword": frozenset({"iam:CreateLoginProfile", "iam:GetLoginProfile"}),
    "IAMDeleteRootUserCredentials": frozenset(
        {
            "iam:DeleteAccessKey",
            "iam:DeleteSigningCertificate",
            "iam:DeleteLoginProfile",
            "iam:DeactivateMFADevice",
            "iam:ListAccessKeys",
            "iam:ListSigningCertificates",
            "iam:GetLoginProfile",
            "iam:ListMFADevices",
            "iam:GetUser",
            "iam:GetAccessKeyLastUsed",
        }
    ),
    "S3UnlockBucketPolicy": frozenset(),
    "SQSUnlockQueuePolicy": frozenset(),
}

# Operations no policy governs: GetCallerIdentity "works even if explicitly denied" (DOC);
# GetSessionToken needs no permission, "You cannot use policies to control authentication
# operations" (DOC D-GST).
NOT_EVALUATED = frozenset({("sts", "GetCallerIdentity"), ("sts", "GetSessionToken")})


def authorize(req: Request, mode: Mode = "enforce") -> None:
    """Raise AccessDenied, with the Decision attached, for a caller its policies do not allow.

    Run after `check_credentials`.  With mode "off" nothing is evaluated (CHOSEN: "off" skips
    every policy, task policies and trust policies included).
    """
    caller = req.caller
    if mode == "off" or caller.kind == "root" or (req.service, req.operation) in NOT_EVALUATED:
        return
    state = caller_state(req.account, caller)
    account = req.account
    target = actions.target(
        req.service,
        req.operation,
        req.params,
        account_id=account.account_id,
        caller_user_name=caller.user_name if caller.kind == "user" else None,
        path_of=_path_lookup(account),
    )
    policies = state.policies
    if req.service == "sts" and req.operation == "AssumeRole":
        policies = _with_trust(req, state)
    for needed in (target, *target.also):
        resource, text = needed.resource, needed.resource_text
        if caller.kind == "root-session" and resource == "*":
            # CHOSEN: a root session acts on its root user when the call names no other.
            resource = text = root_arn(account.account_id)
        context = _context(req, state, policies, needed.action, resource)
        if policies is not state.policies:  # sts:AssumeRole: the request's own keys, for the trust policy
            context = context.with_values(assume_role_context(req))
        memo = state.decisions if policies is state.policies else None
        key = (needed.action, resource if memo is None or _reads_resource(state, needed.action) else "")
        known = memo.get(key) if memo is not None else None
        if known is not None and known[0] is context:
            decision = known[1]  # same caller, policies, action, context object (and resource, if read)
        else:
            decision = decide(Question(state.principal_arn, needed.action, resource, context, state.kind), policies)
            if memo is not None and (decision.allowed or key[1]):  # a refusal keeps its own resource
                if len(memo) >= 4096:
                    memo.clear()
                memo[key] = (context, decision)
        if not decision.allowed:
            error = decision.access_denied(text)
            error.decision = decision
            raise error


def check_credentials(req: Request) -> None:
    """Deleted or Inactive keys are refused; so are temporary credentials past Expiration."""
    caller = req.caller
    if caller.access_key_id is None:
        return
    if not req.credentials.is_live(caller.access_key_id):
        raise errors.invalid_client_token()
    key = signing_key(caller, req.account)
    # CHOSEN: an Inactive key is refused like an invalid one (InvalidClientTokenId, 403).
    if key is not None and key.status != "Active":
        raise errors.invalid_client_token()
    if caller.expires is not None and req.account.clock.now() >= caller.expires:
        raise errors.expired_token()
    if caller.token_issued_at is not None and caller.kind in ("user", "root"):
        check_session_token(req)


# What GetSessionToken credentials may call of STS (DOC, botocore's GetSessionToken docs);
# GetSessionToken itself answers with its own REAL refusal.
SESSION_TOKEN_STS = frozenset(
    {"GetCallerIdentity", "AssumeRole", "GetScopedCredentials", "GetWebIdentityToken", "GetDelegatedAccessToken"}
)


def check_session_token(req: Request) -> None:
    """GetSessionToken credentials call IAM only if made with MFA (REAL), and STS only for a few actions.

    CHOSEN: a session of a user who was deleted since is refused like an invalid key.
    """
    caller = req.caller
    if caller.kind == "user":
        user = req.account.find_user(caller.user_name or "")
        if user is None or user.user_id != caller.user_id:
            raise errors.invalid_client_token()
    if req.service == "iam":
        if caller.mfa_authenticated_at is None:
            raise errors.session_token_not_for_iam()
    elif req.operation not in SESSION_TOKEN_STS:
        raise errors.session_credentials_refused(req.operation)


# --- who the caller is, for the engine ---------------------------------------------------------


class Source(NamedTuple):  # a tuple: built for every policy each time a caller is re-checked
    """One policy as read from the account: enough to build the engine's Policy and to compare."""

    document: str
    name: str
    attached_to: str | None = None
    arn: str | None = None
    version_id: str | None = None

    def policy(self) -> Policy:
        if self.arn is not None:
            return Policy.managed(self.document, self.arn, self.attached_to, self.version_id)
        return Policy.inline(self.document, self.name, self.attached_to)


class Sources(NamedTuple):
    """Everything a caller's decisions depend on besides the request: policies and fixed context keys."""

    kind: CallerKind
    principal_arn: str
    identity: tuple[Source, ...] = ()
    boundary: Source | None = None
    session: tuple[Source, ...] | None = None
    context: tuple[tuple[str, Any], ...] = ()  # the *_context builder's arguments, `now` left out


@dataclass
class CallerState:
    """A caller's PolicySet and fixed context, valid for the account version it was checked at."""

    version: int
    sources: Sources
    policies: PolicySet
    base: Context  # keys that do not move with the clock
    mfa_at: datetime | None  # aws:MultiFactorAuthAge counts from here
    trusts: dict[str, tuple[str, PolicySet]] = field(default_factory=dict)  # AssumeRole: role ARN -> (trust, set)
    # The last context built, and the instant it was built for: a fixed clock reuses it.  Decisions
    # made with such a context, by (action, resource): valid while that context object is current.
    decisions: dict[tuple[str, str], tuple[Context, Decision]] = field(default_factory=dict)
    resource_read: dict[str, bool] = field(default_factory=dict)  # by action: see _reads_resource
    last_now: datetime | None = None
    last_context: Context | None = None

    @property
    def kind(self) -> CallerKind:
        return self.sources.kind

    @property
    def principal_arn(self) -> str:
        return self.sources.principal_arn


def caller_state(account: Account, caller: Principal) -> CallerState:
    """The caller's cached state, rebuilt when the account changed in a way that matters to it."""
    cache: dict[Principal, CallerState] = account.authorization_cache
    state = cache.get(caller)
    if state is not None and state.version == account.version:
        return state
    sources = sources_for(account, caller)
    if state is not None and state.sources == sources:
        state.version = account.version
        return state
    state = _build(account, sources)
    if len(cache) >= 1024:
        cache.clear()  # bounded: many short-lived sessions start afresh
    cache[caller] = state
    return state


def policy_set_for(account: Account, principal: Principal) -> PolicySet:
    """Every policy that applies to `principal`'s calls, by kind (cached per account version)."""
    return caller_state(account, principal).policies


def sources_for(account: Account, caller: Principal) -> Sources:
    """What `caller`'s decisions depend on, read from the account (the one place policies are collected)."""
    if caller.kind == "root-session":
        task = caller.task_policy or ""
        return Sources(
            "root-session",
            caller.arn,
            session=(Source(task_policy_document(task), f"root-task policy {task}", arn=TASK_POLICY_PREFIX + task),),
            context=(("token_issued_at", caller.token_issued_at),),
        )
    if caller.kind == "user":
        user = account.find_user(caller.user_name or "")
        if user is None:  # deleted: its keys were revoked, so only a racing call gets here
            return Sources("user", caller.arn)
        return _user_sources(account, user, caller)
    if caller.kind == "role-session":
        return _role_session_sources(account, caller)
    return Sources(caller.kind, caller.arn)


EMPTY_POLICY = '{"Version": "2012-10-17", "Statement": []}'


def _role_session_sources(account: Account, caller: Principal) -> Sources:
    """A role session: the role's policies and boundary, the session policies, the session's keys."""
    role = account.roles.find(fold(caller.role_name or ""))
    role_id = caller.user_id.split(":", 1)[0]
    identity: tuple[Source, ...] = ()
    boundary = None
    path: str = "/"
    tags: tuple[tuple[str, str], ...] = ()
    if role is not None and role.role_id == role_id:  # else deleted or replaced: no permissions (INFERRED)
        identity, boundary = role_policies(account, role)
        path, tags = role.path, tuple((t["Key"], t["Value"]) for t in role.tags)
    session: list[Source] = []
    if caller.session_policy is not None:
        session.append(Source(caller.session_policy, "session policy (AssumeRole Policy)", "the session"))
    for arn in caller.session_policy_arns:
        # CHOSEN: a PolicyArns entry naming no managed policy (any more) allows nothing.
        found = _managed_source(account, arn, "the session")
        session.append(found or Source(EMPTY_POLICY, arn, "the session", arn))
    merged: dict[str, str] = dict(tags)
    merged.update(caller.session_tags)  # DOC: session tags win over the role's tags
    context = (
        ("role_name", caller.role_name),
        ("role_id", role_id),
        ("session_name", caller.session_name),
        ("role_path", path),
        ("tags", tuple(merged.items())),
        ("token_issued_at", caller.token_issued_at),
        ("mfa_authenticated_at", caller.mfa_authenticated_at),
        ("source_identity", caller.source_identity),
    )
    return Sources("role-session", caller.arn, identity, boundary, tuple(session) or None, context)


def _user_sources(account: Account, user: User, caller: Principal) -> Sources:
    identity, boundary = user_policies(account, user)
    context = (
        ("user_name", user.name),
        ("user_id", user.user_id),
        ("path", user.path),
        ("tags", tuple([(t["Key"], t["Value"]) for t in user.tags]) if user.tags else ()),
        ("token_issued_at", caller.token_issued_at),
        ("mfa_authenticated_at", caller.mfa_authenticated_at),
    )
    return Sources("user", caller.arn, identity, boundary=boundary, context=context)


def user_policies(account: Account, user: User) -> tuple[tuple[Source, ...], Source | None]:
    """A user's identity policies (its own inline and attached, then each group's, then the
    account-level AllowUsersToChangePassword grant) and its permissions boundary."""
    # Re-read after every state-changing call: kept to plain loops over what is there.
    label = f"user {user.name}"
    identity = _inline(user.inline_policies, label)
    if user.attached_policies:
        identity += _attached(account, user.attached_policies, label)
    for key in sorted(user.groups) if user.groups else ():
        identity += group_policies(account, user.groups[key])
    password_policy = account.password_policy
    if password_policy is not None and password_policy.AllowUsersToChangePassword:
        grant = Policy.change_password_grant()
        identity.append(Source(str(grant.document), grant.name, grant.attached_to))
    return tuple(identity), _managed_source(account, user.permissions_boundary, None)


def group_policies(account: Account, group: Group) -> list[Source]:
    """A group's identity policies: inline, then attached."""
    label = f"group {group.name}"
    inline = _inline(group.inline_policies, label)
    return inline + _attached(account, group.attached_policies, label) if group.attached_policies else inline


def role_policies(account: Account, role: Role) -> tuple[tuple[Source, ...], Source | None]:
    """A role's identity policies (inline, then attached) and its permissions boundary."""
    label = f"role {role.name}"
    identity = _inline(role.inline_policies, label)
    identity += _attached(account, role.attached_policies, label)
    return tuple(identity), _managed_source(account, role.permissions_boundary, None)


def _inline(table: Index[InlinePolicy], label: str) -> list[Source]:
    # Index.get and its sorted keys: Mapping.values() on an Index is several times slower.
    return [Source(p.document.text, p.name, label) for p in map(table.get, table.sorted_keys())]


def _attached(account: Account, arns: Mapping[str, str], label: str) -> list[Source]:
    found = (_managed_source(account, arn, label) for arn in sorted(arns))
    return [source for source in found if source is not None]


def _managed_source(account: Account, arn: str | None, attached_to: str | None) -> Source | None:
    """A managed policy (AWS or customer) at its default version; None when not (or no longer) there."""
    if arn is None:
        return None
    try:
        policy = policies.find_policy(account, arn)
    except errors.IAMError:
        return None
    if policy is None:
        return None
    version = policy.default_version
    return Source(policies.versions_of(policy)[version].text, policy.name, attached_to, arn, version)


def _build(account: Account, sources: Sources) -> CallerState:
    session = None if sources.session is None else [s.policy() for s in sources.session]
    policies = PolicySet(
        [s.policy() for s in sources.identity],
        boundary=sources.boundary.policy() if sources.boundary is not None else None,
        session=session,
    )
    args = dict(sources.context)
    now = account.clock.now()
    keys: dict[str, ContextValue]
    if sources.kind == "user" and "user_name" in args:
        keys = user_context(
            account_id=account.account_id,
            user_name=args["user_name"],
            user_id=args["user_id"],
            path=args["path"],
            tags=dict(args["tags"]),
            now=now,
            mfa_authenticated_at=args["mfa_authenticated_at"],
            token_issued_at=args["token_issued_at"],
        )
    elif sources.kind == "root-session":
        keys = root_session_context(
            account_id=account.account_id, now=now, token_issued_at=args["token_issued_at"] or now
        )
    elif sources.kind == "role-session" and "role_name" in args:
        keys = role_session_context(
            account_id=account.account_id,
            role_name=args["role_name"],
            role_id=args["role_id"],
            session_name=args["session_name"],
            role_path=args["role_path"],
            tags=dict(args["tags"]),
            now=now,
            token_issued_at=args["token_issued_at"] or now,
            mfa_authenticated_at=args["mfa_authenticated_at"],
            source_identity=args["source_identity"],
        )
    else:
        keys = {}
    for moving in ("aws:CurrentTime", "aws:EpochTime", "aws:MultiFactorAuthAge"):
        keys.pop(moving, None)
    return CallerState(account.version, sources, policies, Context(keys), args.get("mfa_authenticated_at"))


def task_policy_document(name: str) -> str:
    """A root-task policy as a session policy: its actions, on the root user only (CHOSEN form).

    Written as explicit denies, so a refusal reads "with an explicit deny in a session policy"
    as before the engine (INFERRED in the reference: the task policy is a session policy).
    """
    allowed = sorted(TASK_POLICIES.get(name, frozenset()))
    statements: list[dict[str, Any]] = [
        {"Sid": "OnlyTheRootUser", "Effect": "Deny", "Action": "*", "NotResource": "arn:aws:iam::*:root"}
    ]
    if allowed:
        statements.append({"Sid": "OnlyTheTaskActions", "Effect": "Deny", "NotAction": allowed, "Resource": "*"})
        statements.append({"Sid": "TheTaskActions", "Effect": "Allow", "Action": allowed, "Resource": "*"})
    else:
        statements.append({"Sid": "NoIAMAction", "Effect": "Deny", "Action": "*", "Resource": "*"})
    return json.dumps({"Version": "2012-10-17", "Statement": statements}, indent=2)


# --- per call ---------------------------------------------------------------------------------


def _path_lookup(account: Account) -> Callable[[str, str], str | None]:
    def path_of(kind: str, name: str) -> str | None:
        if kind == "user":
            user = account.find_user(name)
            return user.path if user is not None else None
        if kind == "group":
            group = account.groups.find(fold(name))
            return group.path if group is not None else None
        if kind == "role":
            role = account.roles.find(fold(name))
            return role.path if role is not None else None
        return None

    return path_of


def _context(req: Request, state: CallerState, policies: PolicySet, action: str, resource: str) -> Context:
    """The caller's fixed keys plus the clock's, and request or resource tags when a statement reads them."""
    now = req.account.clock.now()
    read = policies.context_keys(action.lower())
    tags = bool(read) and any(k.startswith(_TAG_KEYS) for k in read)
    if not tags and now == state.last_now and state.last_context is not None:
        return state.last_context
    extra: dict[str, ContextValue] = {"aws:CurrentTime": iso_time(now), "aws:EpochTime": _epoch(now)}
    if state.mfa_at is not None:
        extra["aws:MultiFactorAuthAge"] = str(max(0, int((now - state.mfa_at).total_seconds())))
    if not tags:
        state.last_now, state.last_context = now, state.base.with_values(extra)
        return state.last_context
    if any(k.startswith(("aws:requesttag/", "aws:tagkeys")) for k in read):
        extra.update(_request_tags(req.params))
    if any(k.startswith(("aws:resourcetag/", "iam:resourcetag/")) for k in read):
        extra.update(resource_tag_keys(_resource_tags(req.account, resource)))
    if "iam:policyarn" in read and req.params.get("PolicyArn") is not None:
        extra["iam:PolicyARN"] = str(req.params["PolicyArn"])
    if "iam:permissionsboundary" in read:
        extra["iam:PermissionsBoundary"] = _boundary_key(req.account, req.params, resource)
    return state.base.with_values(extra)


def _boundary_key(account: Account, params: Mapping[str, Any], resource: str) -> str | None:
    """iam:PermissionsBoundary: the boundary the request sets, else the target user's (DOC §3.3)."""
    if params.get("PermissionsBoundary") is not None:
        return str(params["PermissionsBoundary"])
    head, _, rest = resource.partition(":user/")
    user = account.find_user(rest.rsplit("/", 1)[-1]) if rest and head.startswith("arn:") else None
    return user.permissions_boundary if user is not None else None


def _reads_resource(state: CallerState, action: str) -> bool:
    """Whether any statement that could apply to `action` looks at the resource (else one answer fits all)."""
    found = state.resource_read.get(action)
    if found is None:
        found = any(
            kind in ("resource", "trust")
            or statement.resources is None
            or statement.not_resource
            or not statement.resources.wildcard
            for kind, _policy, statement in state.policies.candidates(action.lower())
        )
        state.resource_read[action] = found
    return found


# Condition keys taken from the request or its target: read only when a statement tests them.
_TAG_KEYS = (
    "aws:requesttag/",
    "aws:tagkeys",
    "aws:resourcetag/",
    "iam:resourcetag/",
    "iam:policyarn",
    "iam:permissionsboundary",
)


def _epoch(now: datetime) -> str:
    return str(int(now.timestamp()))


def _request_tags(params: Mapping[str, Any]) -> dict[str, ContextValue]:
    tags = params.get("Tags")
    if isinstance(tags, list):
        return request_tag_keys({str(t.get("Key")): str(t.get("Value")) for t in tags if isinstance(t, Mapping)})
    keys = params.get("TagKeys")
    if isinstance(keys, list):
        return {"aws:TagKeys": [str(k) for k in keys]}
    return {}


def _resource_tags(account: Account, resource: str) -> dict[str, str]:
    """The tags of the user a resource ARN names (other taggable entities once they are modelled)."""
    head, _, rest = resource.partition(":user/")
    if not rest or not head.startswith("arn:"):
        return {}
    user = account.find_user(rest.rsplit("/", 1)[-1])
    return {t["Key"]: t["Value"] for t in user.tags} if user is not None else {}


def _with_trust(req: Request, state: CallerState) -> PolicySet:
    """The caller's policies plus the target role's trust policy (sts:AssumeRole), cached per role."""
    arn = str(req.params.get("RoleArn", ""))
    role = role_named(req.account, arn)
    trust = role.trust_policy if role is not None else EMPTY_POLICY  # an unknown role trusts nobody
    known = state.trusts.get(arn)
    if known is not None and known[0] == trust:
        return known[1]
    policies = state.policies
    found = PolicySet(
        policies.identity,
        boundary=policies.boundary,
        session=policies.session,
        trust=Policy.inline(trust, f"trust policy of role {role.name if role else arn}", "role trust"),
    )
    state.trusts[arn] = (trust, found)
    return found


def role_named(account: Account, arn: str) -> Role | None:
    """The role of this account a RoleArn names (its path included), or None."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[2] != "iam" or parts[4] != account.account_id or not parts[5].startswith("role/"):
        return None
    role = account.roles.find(fold(parts[5].rsplit("/", 1)[-1]))
    return role if role is not None and role.arn == arn else None


def assume_role_context(req: Request) -> dict[str, ContextValue]:
    """Keys an AssumeRole request adds for the trust policy (DOC, reference §4.1 condition keys)."""
    params = req.params
    keys: dict[str, ContextValue] = {"sts:RoleSessionName": params.get("RoleSessionName")}
    if params.get("ExternalId") is not None:
        keys["sts:ExternalId"] = params["ExternalId"]
    if params.get("SourceIdentity") is not None:
        keys["sts:SourceIdentity"] = params["SourceIdentity"]
    if params.get("TransitiveTagKeys"):
        keys["sts:TransitiveTagKeys"] = list(params["TransitiveTagKeys"])
    keys.update(_request_tags(params))
    if params.get("SerialNumber") is not None and params.get("TokenCode") is not None:
        # The MFA code is checked by the handler (AccessDenied texts of its own); here the request
        # says MFA was used, as IAM reads it for the trust policy (DOC).
        keys["aws:MultiFactorAuthPresent"] = True
        keys["aws:MultiFactorAuthAge"] = "0"
    return keys


EXPLAIN_SESSION = "explain"  # CHOSEN: the session name explain() gives a role named without one


def principal_for(account: Account, who: str) -> Principal | None:
    """The principal `who` names, or None: an IAM user (name or ARN), a role (name or ARN: a session
    of it named "explain", without session policies), an assumed-role session ARN, or the root ARN."""
    if who == root_arn(account.account_id):
        return root_principal(account.account_id)
    kind, name, session = "", who, EXPLAIN_SESSION
    if who.startswith("arn:"):
        parts = who.split(":", 5)
        if len(parts) != 6 or parts[4] != account.account_id:
            return None
        kind, _, rest = parts[5].partition("/")
        if kind == "assumed-role":
            name, _, session = rest.partition("/")
        else:
            name = rest.rsplit("/", 1)[-1]
    if kind in ("", "user"):
        user = account.find_user(name)
        if user is not None and (kind == "" or user.arn == who):
            return Principal("user", account.account_id, user.arn, user.user_id, user_name=user.name)
    if kind in ("", "role", "assumed-role"):
        role = account.roles.find(fold(name))
        if role is not None and (kind != "role" or role.arn == who) and session:
            arn = f"arn:aws:sts::{account.account_id}:assumed-role/{role.name}/{session}"
            return Principal(
                "role-session",
                account.account_id,
                arn,
                f"{role.role_id}:{session}",
                role_name=role.name,
                session_name=session,
            )
    return None


def explain(
    account: Account,
    principal: Principal,
    action: str,
    resource: str = "*",
    context: Mapping[str, ContextValue] | None = None,
) -> Decision:
    """The engine's decision for `principal` doing `action` on `resource`, as a call would get it now.

    `context` adds or replaces condition keys (None as a value removes one).
    """
    if principal.kind == "root":
        return decide(Question(principal.arn, action, resource, Context(context or {}), "root"), PolicySet())
    state = caller_state(account, principal)
    now = account.clock.now()
    extra: dict[str, ContextValue] = {"aws:CurrentTime": iso_time(now), "aws:EpochTime": _epoch(now)}
    if state.mfa_at is not None:
        extra["aws:MultiFactorAuthAge"] = str(max(0, int((now - state.mfa_at).total_seconds())))
    if any(k.startswith(("aws:resourcetag/", "iam:resourcetag/")) for k in state.policies.context_keys(action.lower())):
        extra.update(resource_tag_keys(_resource_tags(account, resource)))
    extra.update(context or {})
    question = Question(state.principal_arn, action, resource, state.base.with_values(extra), state.kind)
    return decide(question, state.policies)
