"""IAM's policy simulator: SimulatePrincipalPolicy and SimulateCustomPolicy, answered by the same engine
that authorizes calls (model/evaluation), so a simulation and a real call never disagree.

Facts come from the botocore model's documentation of the two operations (DOC); where it is
silent the choice is marked CHOSEN and listed in docs/reference/choices.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from . import errors
from .account import Account
from .actions import action_info
from .authorization import Source, group_policies, role_policies, user_policies
from .evaluation import Context, Decision, MatchedStatement, Policy, PolicyFormatError, PolicySet, decide, user_context
from .evaluation import Request as Question
from .evaluation.context import ContextValue
from .evaluation.inputs import CallerKind
from .names import fold
from .paging import listing, page
from .policy_document import PolicyKind, parse_policy_document
from .registry import Request, Result

_LIST_TYPES = frozenset({"stringList", "numericList", "booleanList", "ipList", "binaryList", "dateList"})


def simulate_principal_policy(req: Request) -> Result:
    """The policies of a user (with its groups'), group or role, plus PolicyInputList, decide each action."""
    account = req.account
    source_arn = str(req.params["PolicySourceArn"])
    identity, boundary, caller_arn, context = _principal(account, source_arn)
    identity += _inputs(req.params.get("PolicyInputList"), "PolicyInputList")
    boundaries = _inputs(req.params.get("PermissionsBoundaryPolicyInputList"), "PermissionsBoundaryPolicyInputList")
    if boundaries:
        boundary = boundaries[0]  # DOC: a boundary passed in replaces the entity's own
    caller = req.params.get("CallerArn")
    if caller is not None:
        caller_arn, context = str(caller), _caller_context(account, str(caller))
    return _simulate(req, identity, boundary, caller_arn, context)


def simulate_custom_policy(req: Request) -> Result:
    """Policies given as strings decide each action (no entity's policies are read)."""
    identity = _inputs(req.params["PolicyInputList"], "PolicyInputList")
    boundaries = _inputs(req.params.get("PermissionsBoundaryPolicyInputList"), "PermissionsBoundaryPolicyInputList")
    caller = req.params.get("CallerArn")
    # CHOSEN: without CallerArn the simulated caller is an unnamed principal of the account.
    caller_arn = str(caller) if caller is not None else f"arn:aws:iam::{req.account.account_id}:user/simulated"
    context = _caller_context(req.account, caller_arn) if caller is not None else {}
    return _simulate(req, identity, boundaries[0] if boundaries else None, caller_arn, context)


# --- inputs -----------------------------------------------------------------------------------


def _principal(account: Account, arn: str) -> tuple[list[Policy], Policy | None, str, dict[str, ContextValue]]:
    """The policies of the entity `arn` names, the simulated caller's ARN and its context keys."""
    kind, name = _entity(account, arn)
    if kind == "user":
        user = account.find_user(name)
        if user is None or user.arn != arn:  # the path is part of the ARN
            raise errors.no_such_entity_arn(arn)
        identity, boundary = user_policies(account, user)
        return (
            [_policy(s) for s in identity],
            _policy(boundary) if boundary is not None else None,
            user.arn,
            _caller_context(account, user.arn),
        )
    if kind == "role":
        role = account.roles.find(fold(name))
        if role is None or role.arn != arn:
            raise errors.no_such_entity_arn(arn)
        identity, boundary = role_policies(account, role)
        return [_policy(s) for s in identity], _policy(boundary) if boundary is not None else None, role.arn, {}
    group = account.groups.find(fold(name))
    if group is None or group.arn != arn:
        raise errors.no_such_entity_arn(arn)
    return [_policy(s) for s in group_policies(account, group)], None, group.arn, {}


def _entity(account: Account, arn: str) -> tuple[str, str]:
    """("user" | "group" | "role", name) of an entity ARN of this account; InvalidInput otherwise."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "iam" or parts[4] != account.account_id:
        raise errors.invalid_entity_arn(arn)
    kind, _, rest = parts[5].partition("/")
    if kind not in ("user", "group", "role") or not rest:
        raise errors.invalid_entity_arn(arn)
    return kind, rest.rsplit("/", 1)[-1]


def _caller_context(account: Account, caller_arn: str) -> dict[str, ContextValue]:
    """CHOSEN: an IAM user of the account as simulated caller supplies its principal keys
    (aws:username for ${aws:username}, aws:userid, aws:PrincipalArn, tags); no clock keys."""
    parts = caller_arn.split(":", 5)
    if len(parts) != 6 or parts[4] != account.account_id or not parts[5].startswith("user/"):
        return {}
    user = account.find_user(parts[5].rsplit("/", 1)[-1])
    if user is None or user.arn != caller_arn:
        return {}
    keys = user_context(
        account_id=account.account_id,
        user_name=user.name,
        user_id=user.user_id,
        path=user.path,
        tags={t["Key"]: t["Value"] for t in user.tags},
        now=account.clock.now(),
    )
    for moving in ("aws:CurrentTime", "aws:EpochTime"):
        keys.pop(moving, None)
    return keys


def _policy(source: Source) -> Policy:
    return source.policy()


def _inputs(documents: Iterable[Any] | None, parameter: str) -> list[Policy]:
    """Policies passed as strings, named "<parameter>.<n>" as the simulator names them (CHOSEN)."""
    out = []
    for number, text in enumerate(documents or (), start=1):
        try:
            parse_policy_document(str(text), PolicyKind.IDENTITY)
        except errors.IAMError as err:
            raise errors.simulation_policy_invalid(parameter, number, err.message) from None
        out.append(Policy.inline(str(text), f"{parameter}.{number}"))
    return out


def _context_entries(entries: Iterable[Mapping[str, Any]] | None) -> dict[str, ContextValue]:
    """ContextEntries as context keys: list types stay multivalued."""
    out: dict[str, ContextValue] = {}
    for entry in entries or ():
        values = [str(v) for v in entry.get("ContextKeyValues") or ()]
        name = str(entry.get("ContextKeyName"))
        if entry.get("ContextKeyType") in _LIST_TYPES or len(values) != 1:
            out[name] = values
        else:
            out[name] = values[0]
    return out


# --- the answer -------------------------------------------------------------------------------


def _simulate(
    req: Request,
    identity: list[Policy],
    boundary: Policy | None,
    caller_arn: str,
    principal_keys: Mapping[str, ContextValue],
) -> Result:
    params = req.params
    resource_policy = params.get("ResourcePolicy")
    resource = [Policy.inline(str(resource_policy), "ResourcePolicy", "resource")] if resource_policy else []
    policies = PolicySet(identity, boundary=boundary, resource=resource)
    context = Context({**principal_keys, **_context_entries(params.get("ContextEntries"))})
    arns: Sequence[str] = [str(a) for a in params.get("ResourceArns") or ()]
    action_names = [str(a) for a in params["ActionNames"]]
    order = [f"{i:08d}" for i in range(len(action_names))]
    indexes, marker = page(dict(zip(order, range(len(action_names)), strict=True)), params, keys=order)
    caller: CallerKind = "role-session" if ":assumed-role/" in caller_arn or ":role/" in caller_arn else "user"
    results = []
    for index in indexes:
        action = action_names[index]
        try:
            decisions = [
                decide(Question(caller_arn, action, arn, context, caller), policies) for arn in (arns or ["*"])
            ]
        except PolicyFormatError as err:
            raise errors.policy_evaluation_failed(str(err)) from None
        results.append(_result(action, decisions, bool(arns), boundary is not None))
    return listing("EvaluationResults", results, marker)


_RANK = {"allowed": 0, "implicitDeny": 1, "explicitDeny": 2}


def _result(action: str, decisions: list[Decision], per_resource: bool, has_boundary: bool) -> dict[str, Any]:
    worst = max(decisions, key=lambda d: _RANK[d.decision])
    matched: dict[tuple[str, int], dict[str, Any]] = {}
    missing: dict[str, None] = {}
    for decision in decisions:
        if decision.decision == worst.decision:  # DOC: only statements behind the reported decision
            for statement in _contributing(decision):
                matched.setdefault((statement.policy.name, statement.index), _statement(statement))
        missing.update(dict.fromkeys(decision.missing_context))
    out: dict[str, Any] = {
        "EvalActionName": action,
        "EvalResourceName": _resource_template(action) if per_resource else "*",
        "EvalDecision": worst.decision,
        "MatchedStatements": list(matched.values()),
        "MissingContextValues": [] if per_resource else list(missing),
    }
    if has_boundary:
        out["PermissionsBoundaryDecisionDetail"] = {
            "AllowedByPermissionsBoundary": all(_boundary_allows(d) for d in decisions)
        }
    if per_resource:
        out["EvalDecisionDetails"] = {}  # DOC: present but empty for a same-account simulation with resources
        out["ResourceSpecificResults"] = [_resource_result(d, has_boundary) for d in decisions]
    return out


def _resource_result(decision: Decision, has_boundary: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "EvalResourceName": decision.request.resource,
        "EvalResourceDecision": decision.decision,
        "MatchedStatements": [_statement(s) for s in _contributing(decision)],
        "MissingContextValues": list(decision.missing_context),
    }
    if has_boundary:
        out["PermissionsBoundaryDecisionDetail"] = {"AllowedByPermissionsBoundary": _boundary_allows(decision)}
    return out


def _contributing(decision: Decision) -> list[MatchedStatement]:
    """DOC: only statements that decided: the denies of an explicit deny, else the allows."""
    if decision.decision == "implicitDeny":
        return []
    effect = "Deny" if decision.decision == "explicitDeny" else "Allow"
    return [s for s in decision.matched if s.effect == effect]


def _boundary_allows(decision: Decision) -> bool:
    return "permissions boundary" in decision.allowed_by and decision.denied_by != "permissions boundary"


def _statement(matched: MatchedStatement) -> dict[str, Any]:
    (start_line, start_column), (end_line, end_column) = matched.start, matched.end
    return {
        "SourcePolicyId": matched.policy.name,
        "SourcePolicyType": _source_type(matched.policy),
        "StartPosition": {"Line": start_line, "Column": start_column},
        "EndPosition": {"Line": end_line, "Column": end_column},
    }


def _source_type(policy: Policy) -> str:
    if policy.name.startswith(("PolicyInputList.", "PermissionsBoundaryPolicyInputList.")):
        return "none"
    return policy.source_type


def _resource_template(action: str) -> str:
    """DOC: the ARN template of the action's resource type, or "*" when it has none."""
    service, _, name = action.partition(":")
    info = action_info(service.lower(), name)
    if info is None or not info.resource_types:
        return "*"
    return info.resource_types[0].arn or "*"
