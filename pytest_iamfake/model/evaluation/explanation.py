"""Decisions, and the readable account of how each was reached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from .. import errors
from ..errors import IAMError
from .context import Context
from .inputs import POLICY_TYPES, Policy, PolicyKind, PolicySet, PolicyType, Request, principal_named
from .policy import Position, Statement

Outcome = Literal["allowed", "explicitDeny", "implicitDeny"]


class MatchedStatement:
    """A statement that applied to the request (its Action, Resource, Principal and Condition all matched)."""

    __slots__ = ("kind", "policy", "statement")  # one per match per decision: kept cheap to build

    def __init__(self, kind: PolicyKind, policy: Policy, statement: Statement) -> None:
        self.kind = kind
        self.policy = policy
        self.statement = statement

    def __repr__(self) -> str:
        return f"MatchedStatement({self.kind}, {self.policy.label}, {self.statement.name}, {self.effect})"

    @property
    def effect(self) -> str:
        return self.statement.effect

    @property
    def index(self) -> int:
        return self.statement.index

    @property
    def sid(self) -> str | None:
        return self.statement.sid

    @property
    def start(self) -> Position:
        """(line, column) where the statement starts in the policy text, 1-based."""
        return self.statement.start

    @property
    def end(self) -> Position:
        return self.statement.end


@dataclass(frozen=True, eq=False)
class Decision:
    """The answer to one Request: `.allowed`, `.decision`, who denied, what matched; `str()` explains."""

    request: Request
    policies: PolicySet
    decision: Outcome
    denied_by: PolicyType | None  # the policy type AccessDenied names
    deny_policy: Policy | None  # for an explicit deny: the first policy holding a matching Deny
    allowed_by: tuple[PolicyType, ...]  # types with a matching Allow
    matched: tuple[MatchedStatement, ...]
    note: str = ""  # why no policy was read ("the account root user ...")

    def for_request(self, request: Request) -> Decision:
        """The same decision for an equivalent request (engine.decide: only unread context keys differ)."""
        return Decision(
            request,
            self.policies,
            self.decision,
            self.denied_by,
            self.deny_policy,
            self.allowed_by,
            self.matched,
            self.note,
        )

    @property
    def allowed(self) -> bool:
        return self.decision == "allowed"

    def __bool__(self) -> bool:
        return self.allowed

    @cached_property
    def missing_context(self) -> tuple[str, ...]:
        """Condition keys of statements matching action and resource that the request does not carry."""
        missing: dict[str, str] = {}
        request = self.request
        for _kind, _policy, statement in self.policies.candidates(request.action.lower()):
            if not statement.resource_matches(request.resource, request.context):
                continue
            for clause in statement.conditions:
                if clause.key not in request.context:
                    missing.setdefault(clause.key.lower(), clause.key)
        return tuple(sorted(missing.values()))

    @property
    def reason(self) -> str:
        """One line: why the request is allowed or denied."""
        action = self.request.action
        if self.note:
            return self.note
        if self.decision == "allowed":
            return "allowed by " + " and ".join(f"{t} policy" for t in self.allowed_by)
        if self.decision == "explicitDeny":
            where = f" ({self.deny_policy.label})" if self.deny_policy else ""
            return f"explicit deny in {_article(self.denied_by)}{where}"
        return f"no {_noun(self.denied_by)} allows {action}"

    def access_denied(
        self,
        resource_text: str | None,
        *,
        policy_arn: bool = False,
        authorization_id: str | None = None,
    ) -> IAMError:
        """IAM's AccessDenied for this denial, with `resource_text` after "on resource:" (None: no such part).

        `policy_arn` appends the managed policy's ARN to an explicit deny (REAL, rolling out at AWS).
        """
        request = self.request
        if self.allowed or self.denied_by is None:
            raise ValueError("an allowed request has no AccessDenied")
        if self.decision == "explicitDeny":
            arn = self.deny_policy.arn if (policy_arn and self.deny_policy is not None) else None
            return errors.access_denied_explicit(
                request.principal,
                request.action,
                resource_text,
                self.denied_by,
                policy_arn=arn,
                authorization_id=authorization_id,
            )
        if self.denied_by == "role trust":
            return errors.access_denied_by_trust_policy(request.principal, request.action, resource_text)
        return errors.access_denied_implicit(
            request.principal, request.action, resource_text, self.denied_by, authorization_id=authorization_id
        )

    def __str__(self) -> str:
        return render(self)


def _noun(policy_type: PolicyType | None) -> str:
    return {"permissions boundary": "permissions boundary"}.get(str(policy_type), f"{policy_type} policy")


def _article(policy_type: PolicyType | None) -> str:
    noun = _noun(policy_type)
    if policy_type == "role trust":
        return f"the {noun}"
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def why_not(statement: Statement, kind: PolicyKind, request: Request) -> str | None:
    """None when the statement applies to the request; else the part that failed, variables resolved."""
    context: Context = request.context
    action = request.action
    if not statement.action_matches(action.lower()):
        listed = ", ".join(statement.action_patterns)
        if statement.not_action:
            return f"action {action} is excluded by NotAction [{listed}]"
        return f"action {action} is not in Action [{listed}]"
    resources = statement.resources
    if resources is not None and not statement.resource_matches(request.resource, context):
        element = "NotResource" if statement.not_resource else "Resource"
        verb = "is excluded by" if statement.not_resource else "does not match"
        return f"resource {request.resource} {verb} {element} [{resources.describe(context)}]"
    if kind in ("resource", "trust") and principal_named(statement, request) is None:
        return f"Principal does not name {request.principal}"
    for clause in statement.conditions:
        if not clause.test(context):
            return f"condition not met: {clause.describe(context)}"
    return None


def render(decision: Decision) -> str:
    """Every policy and statement considered, which matched, and for each that did not, why."""
    request = decision.request
    verdict = {"allowed": "ALLOWED", "explicitDeny": "DENIED (explicit deny)", "implicitDeny": "DENIED (implicit)"}
    lines = [
        f"{verdict[decision.decision]}: {request.principal} ({request.caller}) "
        f"-> {request.action} on {request.resource}",
        f"  because: {decision.reason}",
    ]
    if decision.note:
        return "\n".join(lines)
    given = dict(decision.policies.by_kind())
    for kind, policy_type in POLICY_TYPES.items():
        policies = given.get(kind)
        heading = f"{policy_type} policies" if kind != "boundary" else "permissions boundary"
        if not policies:
            if kind in ("identity", "boundary", "session"):
                lines.append(f"  {heading}: none")
            continue
        lines.append(f"  {heading}:")
        for policy in policies:
            lines.append(f"    {policy.label}")
            for statement in policy.compiled.statements:
                failed = why_not(statement, kind, request)
                state = "MATCHED" if failed is None else f"no match: {failed}"
                lines.append(f"      {statement.name}, {statement.effect}: {state}")
    if decision.missing_context:
        lines.append(f"  missing context keys: {', '.join(decision.missing_context)}")
    shown = ", ".join(f"{k}={'|'.join(v)}" for k, v in request.context.items())
    lines.append(f"  context: {shown or 'none'}")
    return "\n".join(lines)
