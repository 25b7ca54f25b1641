"""The one door through which policies.py and roles.py check and encode managed and trust documents.

The rules are model/policy_document.py's: IAM's grammar for identity and trust policies
(MalformedPolicyDocument with AWS's wording), the size quotas, and the percent-encoding that
makes botocore hand the caller the submitted dict under both transports.  Inline policies of
users, groups and roles go through inline_policies.put instead.
"""

from __future__ import annotations

import json
from typing import Any

from .policy_document import (
    PolicyKind,
    check_managed_policy_size,
    check_trust_policy_size,
    encode_policy_document,
    parse_policy_document,
)


def check_managed(text: str) -> None:
    """A managed policy's document (CreatePolicy, CreatePolicyVersion): grammar, then 6,144 characters."""
    check_managed_policy_size(parse_policy_document(text, PolicyKind.IDENTITY))


def check_trust(text: str) -> None:
    """A role's trust policy (CreateRole, UpdateAssumeRolePolicy): grammar, then 2,048 characters."""
    check_trust_policy_size(parse_policy_document(text, PolicyKind.TRUST))


def encoded(text: str) -> str:
    """The document as IAM sends it: percent-encoded, %20 for space (reference §1.1).

    botocore's after-call handler URL-decodes and json-loads it under both transports.
    """
    return encode_policy_document(text)


def as_dict(text: str) -> dict[str, Any]:
    """A stored (already checked) document as a dict."""
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
