"""Users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, their tags and permissions
boundary, and whose user an omitted UserName means."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from . import boundaries, errors, policies, tags
from .account import User
from .conflicts import refuse_if_blocked
from .identity import user_arn
from .names import fold
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_created, as_stored


def target_user(req: Request, *, root_allowed: bool) -> User:
    """The user named by UserName, else the caller's own user (DOC).

    `root_allowed`: whether the account root (long-term credentials or an AssumeRoot
    session) acts on its own root user when UserName is omitted.
    """
    name = req.params.get("UserName")
    if name is not None:
        return req.account.require_user(name)
    caller = req.caller
    if caller.kind == "user" and caller.user_name is not None:
        return req.account.require_user(caller.user_name)
    if caller.kind == "root-session" or (caller.kind == "root" and root_allowed):
        return req.account.root
    raise errors.non_user_credentials()


def user_output(user: User, *, created: bool = False, listing: bool = False) -> dict[str, Any]:
    """The User structure; ListUsers leaves out Tags and PermissionsBoundary (DOC)."""
    out: dict[str, Any] = {
        "Path": user.path,
        "UserName": user.name,
        "UserId": user.user_id,
        "Arn": user.arn,
        "CreateDate": as_created(user.created) if created else as_stored(user.created),
    }
    if user.password_last_used is not None:  # GetUser and ListUsers only (DOC, reference 2.4)
        out["PasswordLastUsed"] = as_stored(user.password_last_used)
    if listing:
        return out
    if user.permissions_boundary is not None:
        out["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "Policy",
            "PermissionsBoundaryArn": user.permissions_boundary,
        }
    if user.tags:
        out["Tags"] = [dict(tag) for tag in user.tags]
    return out


def create_user(req: Request) -> Result:
    p = req.params
    boundary = p.get("PermissionsBoundary")
    user = req.account.new_user(
        p["UserName"],
        p.get("Path", "/"),
        tags=tags.requested(p.get("Tags", [])),
        permissions_boundary=None if boundary is None else boundaries.checked_boundary(req.account, boundary),
    )
    policies.set_boundary(req.account, "User", user, None, user.permissions_boundary)
    return {"User": user_output(user, created=True)}


def get_user(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    if user.is_root:
        # INFERRED (LocalStack's model): the root "user" is its id, ARN and creation date.
        return {"User": {"UserId": user.user_id, "Arn": user.arn, "CreateDate": as_stored(user.created)}}
    return {"User": user_output(user)}


def list_users(req: Request) -> Result:
    prefix = req.params.get("PathPrefix", "/")
    keep = None if prefix == "/" else (lambda u: u.path.startswith(prefix))
    users, marker = page(req.account.users, req.params, keep=keep)
    return listing("Users", [user_output(u, listing=True) for u in users], marker)


# Called after a user is renamed, with the user and its old folded name, for tables that
# file users by name elsewhere (managed-policy attachments may add theirs here).
RENAME_FOLLOWERS: list[Callable[[User, str], None]] = []


def update_user(req: Request) -> Result:
    """Rename and/or move a user; everything hanging off it follows (REAL, reference §2.1)."""
    account = req.account
    p = req.params
    user = account.require_user(p["UserName"])
    old_key = fold(user.name)
    new_name = p.get("NewUserName", user.name)
    new_key = fold(new_name)
    if new_key != old_key and new_key in account.users:
        raise errors.user_exists(new_name)  # INFERRED: CreateUser's text
    user.name = new_name
    user.path = p.get("NewPath", user.path)
    user.arn = user_arn(account.account_id, user.path, user.name)
    if new_key != old_key:
        del account.users[old_key]
        account.users[new_key] = user
        for group in user.groups.values():
            del group.members[old_key]
            group.members[new_key] = user
        for follow in RENAME_FOLLOWERS:
            follow(user, old_key)
    # The user's keys keep working and now sign as the new name and ARN (REAL).
    for key_id in user.access_keys:
        principal = req.credentials.live.get(key_id)
        if principal is not None:
            req.credentials.issue(dataclasses.replace(principal, arn=user.arn, user_name=user.name))
    return {}


# --- tags -----------------------------------------------------------------------------------


def tag_user(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    # CHOSEN: TagUser with an empty list (botocore sends "Tags=") succeeds and changes nothing.
    user.tags = tags.merged(user.tags, req.params["Tags"])
    return {}


def untag_user(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    user.tags = tags.without(user.tags, req.params["TagKeys"])
    return {}


def list_user_tags(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    return tags.tag_listing(user.tags, req.params)


# --- permissions boundary -------------------------------------------------------------------


def put_user_permissions_boundary(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    boundary = boundaries.checked_boundary(req.account, req.params["PermissionsBoundary"])
    policies.set_boundary(req.account, "User", user, user.permissions_boundary, boundary)
    user.permissions_boundary = boundary
    return {}


def delete_user_permissions_boundary(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    policies.set_boundary(req.account, "User", user, user.permissions_boundary, None)
    user.permissions_boundary = None  # INFERRED: succeeds on a user without one
    return {}


# What keeps DeleteUser from deleting, in the order it is checked (reference iam-entities.md
# Appendix C: each message REAL, the order INFERRED from the documented removal order).
# Each credential kind and attachment adds its row here.
DELETE_BLOCKERS: list[tuple[Callable[[User], bool], Callable[[], errors.IAMError]]] = [
    (lambda user: user.login_profile is not None, lambda: errors.delete_conflict("login profile")),
    (lambda user: bool(user.access_keys), lambda: errors.delete_conflict("access keys")),
    (lambda user: bool(user.signing_certificates), lambda: errors.delete_conflict("certificates")),
    (lambda user: bool(user.ssh_keys), errors.referenced_objects_conflict),
    (lambda user: bool(user.service_credentials), errors.referenced_objects_conflict),
    (lambda user: bool(user.mfa_devices), lambda: errors.delete_conflict("MFA device")),
    (lambda user: bool(user.inline_policies), lambda: errors.delete_conflict("policies")),
    # position 8: attached managed policies (model/policies.py)
    (lambda user: bool(user.attached_policies), errors.must_detach_policies),
    (lambda user: bool(user.groups), errors.must_remove_users_from_group),
]


def delete_user(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    refuse_if_blocked(user, DELETE_BLOCKERS)
    policies.set_boundary(req.account, "User", user, user.permissions_boundary, None)
    del req.account.users[fold(user.name)]
    return {}
