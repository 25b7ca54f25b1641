"""CreateUser, GetUser, ListUsers, DeleteUser, and whose user an omitted UserName means."""

from __future__ import annotations

from typing import Any

from . import errors
from .account import User, ascii_fold
from .registry import Request, Result, operation
from .timestamps import as_created, as_stored

DEFAULT_MAX_ITEMS = 100


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
    raise errors.validation_message(errors.NON_USER_CREDENTIALS)


def user_output(user: User, *, created: bool = False, listing: bool = False) -> dict[str, Any]:
    """The User structure; ListUsers leaves out Tags and PermissionsBoundary (DOC)."""
    out: dict[str, Any] = {
        "Path": user.path,
        "UserName": user.name,
        "UserId": user.user_id,
        "Arn": user.arn,
        "CreateDate": as_created(user.created) if created else as_stored(user.created),
    }
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


@operation("iam", "CreateUser", mutates=True)
def create_user(req: Request) -> Result:
    p = req.params
    user = req.account.new_user(
        p["UserName"],
        p.get("Path", "/"),
        tags=[{"Key": t["Key"], "Value": t["Value"]} for t in p.get("Tags", [])],
        permissions_boundary=p.get("PermissionsBoundary"),
    )
    return {"User": user_output(user, created=True)}


@operation("iam", "GetUser", mutates=False)
def get_user(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    if user.is_root:
        # INFERRED (LocalStack's model): the root "user" is its id, ARN and creation date.
        return {"User": {"UserId": user.user_id, "Arn": user.arn, "CreateDate": as_stored(user.created)}}
    return {"User": user_output(user)}


@operation("iam", "ListUsers", mutates=False)
def list_users(req: Request) -> Result:
    prefix = req.params.get("PathPrefix", "/")
    users = sorted(
        (u for u in req.account.users.values() if u.path.startswith(prefix)),
        key=lambda u: ascii_fold(u.name),
    )
    page, marker = paginate(users, req.params, key=lambda u: ascii_fold(u.name))
    out: Result = {"Users": [user_output(u, listing=True) for u in page], "IsTruncated": marker is not None}
    if marker is not None:
        out["Marker"] = marker
    return out


def paginate(items: list[Any], params: Any, *, key: Any) -> tuple[list[Any], str | None]:
    """IAM-style Marker/MaxItems paging; the marker is the sort key of the next item."""
    start = 0
    marker = params.get("Marker")
    if marker is not None:
        start = next((i for i, item in enumerate(items) if key(item) >= marker), len(items))
    limit = params.get("MaxItems", DEFAULT_MAX_ITEMS)
    page = items[start : start + limit]
    rest = items[start + limit :]
    return page, (key(rest[0]) if rest else None)


@operation("iam", "DeleteUser", mutates=True)
def delete_user(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    # CHOSEN order when several conflicts apply: login profile, then access keys.
    if user.login_profile is not None:
        raise errors.delete_conflict("login profile")
    if user.access_keys:
        raise errors.delete_conflict("access keys")
    del req.account.users[ascii_fold(user.name)]
    return {}
