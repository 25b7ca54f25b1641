"""What a decision is asked about: the request, and the policies that apply to it, grouped by kind."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from .context import Context, ContextValue
from .policy import CompiledPolicy, Statement, compile_document

# Who signs the request (reference §3.1).  "root" is never denied; "root-session" is an
# AssumeRoot session, root scoped by its task policy (passed as a session policy).
CallerKind = Literal["user", "role-session", "root", "root-session"]
PolicyKind = Literal["identity", "boundary", "session", "resource", "trust"]
# The words AccessDenied uses for each kind (reference §5.2).
PolicyType = Literal["identity-based", "permissions boundary", "session", "resource-based", "role trust"]
POLICY_TYPES: dict[PolicyKind, PolicyType] = {
    "identity": "identity-based",
    "boundary": "permissions boundary",
    "session": "session",
    "resource": "resource-based",
    "trust": "role trust",
}
KIND_ORDER: tuple[PolicyKind, ...] = ("identity", "boundary", "session", "resource", "trust")


_CHANGE_PASSWORD_GRANT = """{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "ChangeOwnPassword", "Effect": "Allow", "Action": "iam:ChangePassword",
     "Resource": ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"]},
    {"Sid": "ViewPasswordPolicy", "Effect": "Allow", "Action": "iam:GetAccountPasswordPolicy", "Resource": "*"}
  ]
}"""


@dataclass(frozen=True, eq=False)
class Policy:
    """One policy document and where it comes from.

    `name` is the inline policy's name or the managed policy's ARN; `attached_to` says whose it
    is ("user alice", "group devs", "role app"); `arn` is set for managed policies (AccessDenied
    may name it after an explicit deny).  Build with `Policy.inline` / `Policy.managed`.
    The compiled form is cached on the object and, for equal text, across objects.
    """

    document: str | Mapping[str, Any] = field(repr=False)
    name: str
    attached_to: str | None = None
    arn: str | None = None
    version_id: str | None = None

    @classmethod
    def inline(cls, document: str | Mapping[str, Any], name: str, attached_to: str | None = None) -> Policy:
        """An inline policy (of "user alice", "group devs", "role app"), or an inline session policy."""
        return cls(document, name, attached_to)

    @classmethod
    def managed(
        cls,
        document: str | Mapping[str, Any],
        arn: str,
        attached_to: str | None = None,
        version_id: str | None = None,
    ) -> Policy:
        """A managed policy at its default version, attached to `attached_to` (or used as boundary/session)."""
        return cls(document, arn, attached_to, arn, version_id)

    @classmethod
    def change_password_grant(cls) -> Policy:
        """The account-level AllowUsersToChangePassword grant, as one more identity policy (DOC §7).

        Every IAM user may call iam:ChangePassword on themselves and iam:GetAccountPasswordPolicy.
        INFERRED: it counts as an identity-based allow, so a permissions boundary still limits it
        and an explicit deny still wins (REAL for the deny).
        """
        return cls(_CHANGE_PASSWORD_GRANT, "AllowUsersToChangePassword", "the account password policy")

    @cached_property
    def compiled(self) -> CompiledPolicy:
        """The normalized, compiled document (raises PolicyFormatError for an unreadable one)."""
        return compile_document(self.document)

    @property
    def label(self) -> str:
        """How explanations name this policy."""
        if self.arn is not None:
            version = f" ({self.version_id})" if self.version_id else ""
            owner = f" attached to {self.attached_to}" if self.attached_to else ""
            return f"managed policy {self.arn}{version}{owner}"
        owner = f" of {self.attached_to}" if self.attached_to else ""
        return f"inline policy {self.name}{owner}"

    @property
    def source_type(self) -> str:
        """The simulator's SourcePolicyType: user, group, role, aws-managed, user-managed, or none."""
        if self.arn is not None:
            return "aws-managed" if self.arn.startswith("arn:aws:iam::aws:") else "user-managed"
        if self.attached_to:
            return self.attached_to.split(" ", 1)[0]
        return "none"


Candidate = tuple[PolicyKind, Policy, Statement]


class PolicySet:
    """The policies that apply to one caller, by kind; build once while they are unchanged and reuse.

    - identity: the user's inline and attached policies and its groups', or the role's;
    - boundary: the user's or role's permissions boundary (None: none set);
    - session: session policies (AssumeRole's Policy/PolicyArns, an AssumeRoot task policy);
      None or empty means the session has none;
    - resource: resource-based policies of the target (Principal matched);
    - trust: the role's trust policy, for sts:AssumeRole only: it must allow.

    Statements are indexed by action on first use, so repeated decisions are cheap.
    """

    __slots__ = ("_by_action", "_decisions", "_keys_by_action", "boundary", "identity", "resource", "session", "trust")

    def __init__(
        self,
        identity: Iterable[Policy] = (),
        *,
        boundary: Policy | None = None,
        session: Iterable[Policy] | None = None,
        resource: Iterable[Policy] = (),
        trust: Policy | None = None,
    ) -> None:
        self.identity = tuple(identity)
        self.boundary = boundary
        self.session = tuple(session) if session else None
        self.resource = tuple(resource)
        self.trust = trust
        self._by_action: dict[str, tuple[Candidate, ...]] = {}
        self._keys_by_action: dict[str, tuple[str, ...]] = {}
        self._decisions: dict[tuple[object, ...], Any] = {}  # engine.decide's memory

    def by_kind(self) -> list[tuple[PolicyKind, tuple[Policy, ...]]]:
        """Every kind with its policies, in evaluation order (kinds not given are left out)."""
        out: list[tuple[PolicyKind, tuple[Policy, ...]]] = [("identity", self.identity)]
        if self.boundary is not None:
            out.append(("boundary", (self.boundary,)))
        if self.session is not None:
            out.append(("session", self.session))
        if self.resource:
            out.append(("resource", self.resource))
        if self.trust is not None:
            out.append(("trust", (self.trust,)))
        return out

    def context_keys(self, action_lower: str) -> tuple[str, ...]:
        """Lower-cased context keys that the action's statements read (conditions and variables)."""
        found = self._keys_by_action.get(action_lower)
        if found is None:
            keys: set[str] = set()
            for _kind, _policy, statement in self.candidates(action_lower):
                keys |= statement.context_keys
            found = tuple(sorted(keys))
            if len(self._keys_by_action) < 4096:
                self._keys_by_action[action_lower] = found
        return found

    def recall(self, key: tuple[object, ...]) -> Any:
        """A decision remembered under `key` (see engine.decide), or None."""
        return self._decisions.get(key)

    def remember(self, key: tuple[object, ...], decision: Any) -> None:
        if len(self._decisions) >= 4096:
            self._decisions.clear()  # bounded: a long run with many distinct requests starts afresh
        self._decisions[key] = decision

    def candidates(self, action_lower: str) -> tuple[Candidate, ...]:
        """Statements whose Action/NotAction matches the lower-cased action, in evaluation order."""
        found = self._by_action.get(action_lower)
        if found is None:
            found = tuple(
                (kind, policy, statement)
                for kind, policies in self.by_kind()
                for policy in policies
                for statement in policy.compiled.statements
                if statement.action_matches(action_lower)
            )
            if len(self._by_action) < 4096:
                self._by_action[action_lower] = found
        return found


@dataclass(frozen=True)
class Request:
    """One authorization question: may `principal` perform `action` on `resource`, in `context`?

    `principal` is the ARN AccessDenied prints after "User:" (a user ARN with its path, an
    assumed-role session ARN, or the root ARN).  `action` is "service:Action" in any case;
    `resource` the ARN the policies are matched against ("*" for account-level actions).
    `context` maps condition keys (any case) to a value or a list of values.
    """

    principal: str
    action: str
    resource: str = "*"
    context: Context = field(default_factory=Context)
    caller: CallerKind = "user"

    def __post_init__(self) -> None:
        if not isinstance(self.context, Context):  # a plain mapping passed despite the annotation
            object.__setattr__(self, "context", Context.of(self.context))

    @classmethod
    def of(
        cls,
        principal: str,
        action: str,
        resource: str = "*",
        context: Context | Mapping[str, ContextValue] | None = None,
        caller: CallerKind = "user",
    ) -> Request:
        """A Request with the context given as a plain mapping."""
        return cls(principal, action, resource, Context.of(context), caller)

    @property
    def account_id(self) -> str:
        parts = self.principal.split(":")
        return parts[4] if len(parts) > 4 else ""

    @property
    def identity_arn(self) -> str:
        """aws:PrincipalArn: the role's ARN for a role session, else the principal itself."""
        return self.context.single("aws:PrincipalArn") or self.principal


def principal_named(statement: Statement, request: Request) -> str | None:
    """How a resource-based statement's Principal names the caller: "direct", "role", "account" or None."""
    principals = statement.principals
    level = (
        principals.strength(request.principal, request.identity_arn, request.account_id)
        if principals is not None
        else None
    )
    if statement.not_principal:
        return None if level else "account"  # CHOSEN: NotPrincipal names the rest of the account
    return level
