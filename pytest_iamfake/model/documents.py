"""The one door through which policies.py and roles.py check and encode policy documents.

It delegates to the policy grammar (model/policy_document.py) once that lands; until then
a document only has to be a JSON object and sizes are not checked.  Switching changes the
bodies here (parse_policy_document, the three size checks, encode_policy_document) and
nothing in policies.py or roles.py.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from . import errors


def _check(text: str, kind: str) -> None:
    """Raise MalformedPolicyDocument for a document IAM refuses (`kind`: "identity" or "trust")."""
    try:
        value = json.loads(text)
    except ValueError:
        raise errors.policy_syntax_errors() from None
    if not isinstance(value, dict):
        raise errors.policy_syntax_errors()


def check_managed(text: str) -> None:
    """A managed policy's document (CreatePolicy, CreatePolicyVersion)."""
    _check(text, "identity")


def check_inline(text: str) -> None:
    """An inline policy's document (PutRolePolicy; PutUserPolicy/PutGroupPolicy alike)."""
    _check(text, "identity")


def check_trust(text: str) -> None:
    """A role's trust policy (CreateRole, UpdateAssumeRolePolicy)."""
    _check(text, "trust")


def check_inline_size(entity: str, name: str, texts: list[str]) -> None:
    """The aggregate inline-policy quota of a user, group or role (`texts`: all its documents after the put).

    Enforced by model/policy_document.py's size rules once they land (reference §6 rows 8-9).
    """


def encoded(text: str) -> str:
    """The document as IAM sends it: percent-encoded, %20 for space (reference §1.1).

    botocore's after-call handler URL-decodes and json-loads it under both transports.
    """
    return quote(text, safe="")


def as_dict(text: str) -> dict[str, Any]:
    """A stored (already checked) document as a dict."""
    value = json.loads(text)
    return value if isinstance(value, dict) else {}
