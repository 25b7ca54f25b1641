"""CreateUser, GetUser, ListUsers, DeleteUser, and whose user an omitted UserName means."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import errors
from .account import User
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
    user = req.account.new_user(
        p["UserName"],
        p.get("Path", "/"),
        tags=[{"Key": t["Key"], "Value": t["Value"]} for t in p.get("Tags", [])],
        permissions_boundary=p.get("PermissionsBoundary"),
    )
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


# What keeps DeleteUser from deleting, in the order it is checked (reference iam-entities.md
# Appendix C: each message REAL, the order INFERRED from the documented removal order).
# Each credential kind and attachment adds its row here.
DELETE_BLOCKERS: list[tuple[Callable[[User], bool], Callable[[], errors.IAMError]]] = [
    (lambda user: user.login_profile is not None, lambda: errors.delete_conflict("login profile")),
    (lambda user: bool(user.access_keys), lambda: errors.delete_conflict("access keys")),
    (lambda user: bool(user.mfa_devices), lambda: errors.delete_conflict("MFA device")),
]


def delete_user(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    for blocks, conflict in DELETE_BLOCKERS:
        if blocks(user):
            raise conflict()
    del req.account.users[fold(user.name)]
    return {}
