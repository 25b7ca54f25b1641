"""Inline policies of users and groups: Put/Get/Delete/List{User,Group}Policy.

A principal's inline policies live in its own `inline_policies` table (an Index by folded
name).  Documents are stored as submitted and returned percent-encoded, as IAM does, so that
botocore's `json_decode_policies` hands the caller the dict it sent (reference §1.1, §6).
The size quota is on the sum of a principal's inline policies, white space not counted.
"""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

from . import errors
from .account import User
from .groups import Group, require_group
from .names import fold
from .paging import Index, listing, page
from .registry import Request, Result

# Aggregate inline-policy size per principal, in characters without white space
# (DOC; REAL as UserPolicySizeQuota / GroupPolicySizeQuota in GetAccountSummary).
USER_QUOTA = 2048
GROUP_QUOTA = 5120


@dataclass
class InlinePolicy:
    """One inline policy: its name as last put, and the document text as submitted."""

    name: str
    document: str
    size: int


def checked_document(text: str, kind: str) -> str:
    """The document IAM would accept, else MalformedPolicyDocument.

    The one place inline documents are checked: a placeholder (is it JSON?) until
    model/policy_document.py arrives with IAM's grammar; `kind` is "identity" here.
    """
    del kind
    try:
        json.loads(text)
    except ValueError:
        raise errors.policy_syntax_errors() from None
    return text


_WHITESPACE = str.maketrans("", "", " \t\n\r")


def size_of(text: str) -> int:
    """INFERRED (reference §6 row 10): the characters of the text less ASCII white space."""
    return len(text.translate(_WHITESPACE))


def encoded(document: str) -> str:
    """The document as IAM sends it: percent-encoded per RFC 3986 (%20 for space, never +)."""
    return urllib.parse.quote(document, safe="")


def put(
    table: Index[InlinePolicy], name: str, text: str, quota: int, too_big: Callable[[int], errors.IAMError]
) -> None:
    """Add or replace `name` in `table`, keeping the table's total within `quota`."""
    document = checked_document(text, "identity")
    size = size_of(document)
    key = fold(name)
    # CHOSEN: names are case-insensitive like every IAM name; a put under another case
    # replaces the policy and takes the new spelling.
    others = sum(policy.size for k, policy in table.items() if k != key)
    if others + size > quota:
        raise too_big(quota)
    table[key] = InlinePolicy(name, document, size)


def find(table: Index[InlinePolicy], name: str, missing: Callable[[str], errors.IAMError]) -> InlinePolicy:
    found = table.find(fold(name))
    if found is None:
        raise missing(name)
    return found


def names_listing(table: Index[InlinePolicy], req: Request) -> Result:
    policies, marker = page(table, req.params)
    return listing("PolicyNames", [policy.name for policy in policies], marker)


# --- users --------------------------------------------------------------------------------


def _user(req: Request) -> User:
    return req.account.require_user(req.params["UserName"])


def put_user_policy(req: Request) -> Result:
    user = _user(req)
    put(
        user.inline_policies,
        req.params["PolicyName"],
        req.params["PolicyDocument"],
        USER_QUOTA,
        lambda quota: errors.inline_policies_too_big(quota, "user", user.name),
    )
    return {}


def get_user_policy(req: Request) -> Result:
    user = _user(req)
    policy = find(user.inline_policies, req.params["PolicyName"], errors.no_such_user_policy)
    return {"UserName": user.name, "PolicyName": policy.name, "PolicyDocument": encoded(policy.document)}


def delete_user_policy(req: Request) -> Result:
    user = _user(req)
    policy = find(user.inline_policies, req.params["PolicyName"], errors.no_such_user_policy)
    del user.inline_policies[fold(policy.name)]
    return {}


def list_user_policies(req: Request) -> Result:
    return names_listing(_user(req).inline_policies, req)


# --- groups -------------------------------------------------------------------------------


def _group(req: Request) -> Group:
    return require_group(req.account, req.params["GroupName"])


def put_group_policy(req: Request) -> Result:
    group = _group(req)
    put(
        group.inline_policies,
        req.params["PolicyName"],
        req.params["PolicyDocument"],
        GROUP_QUOTA,
        lambda quota: errors.inline_policies_too_big(quota, "group", group.name),
    )
    return {}


def get_group_policy(req: Request) -> Result:
    group = _group(req)
    policy = find(group.inline_policies, req.params["PolicyName"], errors.no_such_group_policy)
    return {"GroupName": group.name, "PolicyName": policy.name, "PolicyDocument": encoded(policy.document)}


def delete_group_policy(req: Request) -> Result:
    group = _group(req)
    policy = find(group.inline_policies, req.params["PolicyName"], errors.no_such_group_policy)
    del group.inline_policies[fold(policy.name)]
    return {}


def list_group_policies(req: Request) -> Result:
    return names_listing(_group(req).inline_policies, req)
