"""IAM policy evaluation within one account: pure Python, standard library only.

Build a `PolicySet` from the caller's policies (reuse it while they are unchanged), a `Request`
per call, and `evaluate(request, policies)` returns a `Decision`: `.allowed`, `.decision`
("allowed" | "explicitDeny" | "implicitDeny"), `.denied_by`, `.matched`, `.missing_context`,
`.access_denied(resource_text)` and a readable `str()`.
"""

from .conditions import PolicyFormatError
from .context import (
    Context,
    ContextValue,
    request_tag_keys,
    resource_tag_keys,
    role_session_context,
    root_context,
    root_session_context,
    user_context,
)
from .engine import NEVER_DENIED, decide, evaluate, is_allowed
from .explanation import Decision, MatchedStatement
from .inputs import CallerKind, Policy, PolicyKind, PolicySet, PolicyType, Request
from .policy import compile_document

__all__ = [
    "NEVER_DENIED",
    "CallerKind",
    "Context",
    "ContextValue",
    "Decision",
    "MatchedStatement",
    "Policy",
    "PolicyFormatError",
    "PolicyKind",
    "PolicySet",
    "PolicyType",
    "Request",
    "compile_document",
    "decide",
    "evaluate",
    "is_allowed",
    "request_tag_keys",
    "resource_tag_keys",
    "role_session_context",
    "root_context",
    "root_session_context",
    "user_context",
]
