"""The one door through which policies.py and roles.py check and encode policy documents.

The rules are model/policy_document.py's: IAM's grammar for identity and trust policies
(MalformedPolicyDocument with AWS's wording), the size quotas, and the percent-encoding that
makes botocore hand the caller the submitted dict under both transports.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from .policy_document import (
    PolicyKind,
    check_inline_policies_size,
    check_managed_policy_size,
    check_trust_policy_size,
    encode_policy_document,
    parse_policy_document,
    policy_size,
)


def check_managed(text: str) -> None:
    """A managed policy's document (CreatePolicy, CreatePolicyVersion): grammar, then 6,144 characters."""
    check_managed_policy_size(parse_policy_document(text, PolicyKind.IDENTITY))


def check_inline(text: str) -> None:
    """An inline policy's document (PutRolePolicy)."""
    parse_policy_document(text, PolicyKind.IDENTITY)


def check_trust(text: str) -> None:
    """A role's trust policy (CreateRole, UpdateAssumeRolePolicy): grammar, then 2,048 characters."""
    check_trust_policy_size(parse_policy_document(text, PolicyKind.TRUST))


def check_inline_size(entity: Literal["user", "group", "role"], name: str, texts: list[str]) -> None:
    """The aggregate inline-policy quota of a user, group or role (`texts`: all its documents after the put)."""
    check_inline_policies_size(entity, name, [policy_size(text) for text in texts])


def encoded(text: str) -> str:
    """The document as IAM sends it: percent-encoded, %20 for space (reference §1.1).

    botocore's after-call handler URL-decodes and json-loads it under both transports.
    """
    return encode_policy_document(text)


def as_dict(text: str) -> dict[str, Any]:
    """A stored (already checked) document as a dict."""
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
