"""Inline policies of users and groups: Put/Get/Delete/List{User,Group}Policy.

A principal's inline policies live in its own `inline_policies` table (an Index by folded
name).  Documents are checked against IAM's grammar and stored as submitted
(model/policy_document.py); Get returns them percent-encoded as IAM does, so that botocore's
`json_decode_policies` hands the caller the dict it sent (reference §1.1, §6).  The size quota
is on the sum of a principal's inline policies, white space not counted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from . import errors
from .account import Group, InlinePolicy, User
from .groups import require_group
from .names import fold
from .paging import Index, listing, page
from .policy_document import check_inline_policies_size, parse_policy_document
from .registry import Request, Result


def put(
    table: Index[InlinePolicy], name: str, text: str, owner: Literal["user", "group", "role"], owner_name: str
) -> None:
    """Add or replace `name` in `table`, keeping the table's total within the owner's quota."""
    document = parse_policy_document(text)
    key = fold(name)
    # CHOSEN: names are case-insensitive like every IAM name; a put under another case
    # replaces the policy and takes the new spelling.
    sizes = [policy.document.size for k, policy in table.items() if k != key]
    check_inline_policies_size(owner, owner_name, [*sizes, document.size])
    table[key] = InlinePolicy(name, document)


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
    put(user.inline_policies, req.params["PolicyName"], req.params["PolicyDocument"], "user", user.name)
    return {}


def get_user_policy(req: Request) -> Result:
    user = _user(req)
    policy = find(user.inline_policies, req.params["PolicyName"], errors.no_such_user_policy)
    return {"UserName": user.name, "PolicyName": policy.name, "PolicyDocument": policy.document.encoded}


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
    put(group.inline_policies, req.params["PolicyName"], req.params["PolicyDocument"], "group", group.name)
    return {}


def get_group_policy(req: Request) -> Result:
    group = _group(req)
    policy = find(group.inline_policies, req.params["PolicyName"], errors.no_such_group_policy)
    return {"GroupName": group.name, "PolicyName": policy.name, "PolicyDocument": policy.document.encoded}


def delete_group_policy(req: Request) -> Result:
    group = _group(req)
    policy = find(group.inline_policies, req.params["PolicyName"], errors.no_such_group_policy)
    del group.inline_policies[fold(policy.name)]
    return {}


def list_group_policies(req: Request) -> Result:
    return names_listing(_group(req).inline_policies, req)
