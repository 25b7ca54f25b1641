"""Groups and membership: Create/Get/List/Update/DeleteGroup, AddUserToGroup,
RemoveUserFromGroup, ListGroupsForUser (reference iam-entities.md §4).

A group keeps its members in an Index by folded user name (GetGroup pages through it); each
user keeps its groups by folded group name.  A rename on either side re-files the other's entry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import errors
from .account import Account, Group, User
from .conflicts import refuse_if_blocked
from .names import fold
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_created, as_stored
from .users import user_output

GROUPS_PER_USER = 10  # DOC, REAL as GroupsPerUserQuota


def group_arn(account_id: str, path: str, name: str) -> str:
    return f"arn:aws:iam::{account_id}:group{path}{name}"


def require_group(account: Account, name: str) -> Group:
    group = account.groups.find(fold(name))
    if group is None:
        raise errors.no_such_group(name)
    return group


def group_output(group: Group, *, created: bool = False) -> dict[str, Any]:
    return {
        "Path": group.path,
        "GroupName": group.name,
        "GroupId": group.group_id,
        "Arn": group.arn,
        "CreateDate": as_created(group.created) if created else as_stored(group.created),
    }


def create_group(req: Request) -> Result:
    account = req.account
    name = req.params["GroupName"]
    path = req.params.get("Path", "/")
    key = fold(name)
    if key in account.groups:
        raise errors.group_exists(name)
    # CHOSEN: no per-account group quota (300 by default), as there is none on users.
    arn = group_arn(account.account_id, path, name)
    group = Group(name, path, account.new_id("AGPA", key), arn, account.clock.now())
    account.groups[key] = group
    return {"Group": group_output(group, created=True)}


def get_group(req: Request) -> Result:
    group = require_group(req.account, req.params["GroupName"])
    members, marker = page(group.members, req.params)
    # INFERRED: members as ListUsers shows users (no Tags, no PermissionsBoundary).
    out = listing("Users", [user_output(user, listing=True) for user in members], marker)
    out["Group"] = group_output(group)
    return out


def list_groups(req: Request) -> Result:
    prefix = req.params.get("PathPrefix", "/")
    keep = None if prefix == "/" else (lambda g: g.path.startswith(prefix))
    found, marker = page(req.account.groups, req.params, keep=keep)
    return listing("Groups", [group_output(g) for g in found], marker)


# Called after a group is renamed, with the group and its old folded name, for tables that
# file groups by name elsewhere (managed-policy attachments may add theirs here).
RENAME_FOLLOWERS: list[Callable[[Group, str], None]] = []


def update_group(req: Request) -> Result:
    account = req.account
    p = req.params
    group = require_group(account, p["GroupName"])
    old_key = fold(group.name)
    new_name = p.get("NewGroupName", group.name)
    new_key = fold(new_name)
    if new_key != old_key and new_key in account.groups:
        raise errors.group_exists(new_name)
    group.name = new_name
    group.path = p.get("NewPath", group.path)
    group.arn = group_arn(account.account_id, group.path, group.name)
    if new_key != old_key:
        del account.groups[old_key]
        account.groups[new_key] = group
        for member in group.members.values():
            del member.groups[old_key]
            member.groups[new_key] = group
        for follow in RENAME_FOLLOWERS:
            follow(group, old_key)
    return {}


# What keeps DeleteGroup from deleting, in the order it is checked (reference Appendix C:
# each message REAL, the order INFERRED).
DELETE_BLOCKERS: list[tuple[Callable[[Group], bool], Callable[[], errors.IAMError]]] = [
    (lambda group: bool(group.members), errors.must_remove_users_from_group),
    (lambda group: bool(group.inline_policies), lambda: errors.delete_conflict("policies")),
    (lambda group: bool(group.attached_policies), errors.must_detach_policies),
]


def delete_group(req: Request) -> Result:
    group = require_group(req.account, req.params["GroupName"])
    refuse_if_blocked(group, DELETE_BLOCKERS)
    del req.account.groups[fold(group.name)]
    return {}


def _user_and_group(req: Request) -> tuple[User, Group]:
    # REAL: the user is checked before the group (RemoveUserFromGroup with both unknown).
    user = req.account.require_user(req.params["UserName"])
    return user, require_group(req.account, req.params["GroupName"])


def add_user_to_group(req: Request) -> Result:
    user, group = _user_and_group(req)
    key = fold(group.name)
    if key in user.groups:  # REAL: idempotent
        return {}
    if len(user.groups) >= GROUPS_PER_USER:
        raise errors.groups_per_user_quota(GROUPS_PER_USER)
    user.groups[key] = group
    group.members[fold(user.name)] = user
    return {}


def remove_user_from_group(req: Request) -> Result:
    user, group = _user_and_group(req)
    # REAL: removing a user who is not a member succeeds.
    if user.groups.pop(fold(group.name), None) is not None:
        del group.members[fold(user.name)]
    return {}


def list_groups_for_user(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    # CHOSEN: by group name, case-insensitively (at most 10, so sorted per call).
    found, marker = page(user.groups, req.params, keys=sorted(user.groups))
    return listing("Groups", [group_output(g) for g in found], marker)
