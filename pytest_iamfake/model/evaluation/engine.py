"""The decision procedure within one account (DOC D-EVAL, reference §1.1 and §9.5)."""

from __future__ import annotations

from .explanation import Decision, MatchedStatement
from .inputs import POLICY_TYPES, Policy, PolicyKind, PolicySet, PolicyType, Request, principal_named

# GetCallerIdentity "works even if explicitly denied" (DOC).
NEVER_DENIED = frozenset({"sts:getcalleridentity"})
_STRENGTH = {"direct": 3, "role": 2, "account": 1}


def evaluate(request: Request, policies: PolicySet) -> Decision:
    """Decide `request` against `policies`: explicit deny, then allows by kind, as AWS does.

    1. Any matching Deny in any policy: explicitDeny (the first kind in the order identity,
       boundary, session, resource, trust is the one named).
    2. A trust policy (sts:AssumeRole) must allow; else implicitDeny by the role trust policy.
    3. A resource-based/trust Allow naming the caller's own ARN allows outright; one naming the
       caller's role skips the identity step; one naming the account needs the rest.
    4. Identity policies must allow (root sessions count as allowed: the root has every permission).
    5. A permissions boundary, when set, must allow; then session policies, when present.
    """
    action = request.action.lower()
    if action in NEVER_DENIED:
        return _allowed(request, policies, f"{request.action} is never denied (DOC)")
    if request.caller == "root":
        return _root(request, policies, action)
    context = request.context
    resource = request.resource
    matched: list[MatchedStatement] = []
    deny: tuple[PolicyKind, Policy] | None = None
    allows: set[PolicyKind] = set()
    strength = 0
    for kind, policy, statement in policies.candidates(action):
        resources = statement.resources
        if resources is not None and resources.matches(resource, context) == statement.not_resource:
            continue
        named = 0
        if kind == "resource" or kind == "trust":
            level = principal_named(statement, request)
            if level is None:
                continue
            named = _STRENGTH[level]
        if statement.conditions and not statement.conditions_hold(context):
            continue
        matched.append(MatchedStatement(kind, policy, statement))
        if statement.effect == "Deny":
            if deny is None:
                deny = (kind, policy)
        else:
            allows.add(kind)
            strength = max(strength, named)
    allowed_by = tuple(POLICY_TYPES[k] for k in POLICY_TYPES if k in allows)
    done = tuple(matched)
    if deny is not None:
        return Decision(request, policies, "explicitDeny", POLICY_TYPES[deny[0]], deny[1], allowed_by, done)
    denied_by = _implicit_denier(request, policies, allows, strength)
    if denied_by is not None:
        return Decision(request, policies, "implicitDeny", denied_by, None, allowed_by, done)
    return Decision(request, policies, "allowed", None, None, allowed_by, done)


def decide(request: Request, policies: PolicySet) -> Decision:
    """`evaluate`, remembered in `policies` while they are unchanged.

    The memory is keyed by the caller, action, resource and the values of exactly the context
    keys the action's statements read, so a changing clock (aws:CurrentTime) reuses a decision
    unless some statement tests the time.  The returned Decision carries this `request`.
    """
    action = request.action.lower()
    context = request.context
    key = (
        request.caller,
        request.principal,
        action,
        request.resource,
        context.single("aws:PrincipalArn"),
        tuple(context.get(k) for k in policies.context_keys(action)),
    )
    known: Decision | None = policies.recall(key)
    if known is not None:
        return known if known.request is request else known.for_request(request)
    decision = evaluate(request, policies)
    policies.remember(key, decision)
    return decision


def _implicit_denier(
    request: Request, policies: PolicySet, allows: set[PolicyKind], strength: int
) -> PolicyType | None:
    # CHOSEN: when both the trust policy and the caller's policies fail, the trust policy is named.
    if policies.trust is not None and "trust" not in allows:
        return "role trust"
    if strength == _STRENGTH["direct"]:
        return None  # DOC: same-account resource policy naming the caller's ARN allows on its own
    if "identity" not in allows and request.caller != "root-session" and strength != _STRENGTH["role"]:
        return "identity-based"
    if policies.boundary is not None and "boundary" not in allows:
        return "permissions boundary"
    if policies.session is not None and "session" not in allows:
        return "session"
    return None


def _root(request: Request, policies: PolicySet, action: str) -> Decision:
    """The root user's long-term keys: everything, except what a resource-based policy denies explicitly.

    Identity policies cannot be attached to the root (DOC D-PERM); an explicit deny in a
    resource-based policy refuses it (REAL for S3).  SCPs are not modelled.
    """
    for kind, policy, statement in policies.candidates(action):
        if kind not in ("resource", "trust") or statement.effect != "Deny":
            continue
        resources = statement.resources
        if resources is not None and resources.matches(request.resource, request.context) == statement.not_resource:
            continue
        if principal_named(statement, request) is None or not statement.conditions_hold(request.context):
            continue
        matched = (MatchedStatement(kind, policy, statement),)
        return Decision(request, policies, "explicitDeny", POLICY_TYPES[kind], policy, (), matched)
    return _allowed(request, policies, "the account root user may do anything (SCPs are not modelled)")


def _allowed(request: Request, policies: PolicySet, note: str) -> Decision:
    return Decision(request, policies, "allowed", None, None, (), (), note)


def is_allowed(request: Request, policies: PolicySet) -> bool:
    """Just the verdict."""
    return evaluate(request, policies).allowed
