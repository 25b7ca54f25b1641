"""Roles: lifecycle, trust policy, tags, inline and attached policies, permissions boundary.

Role facts are thin in the reference (REAL where LocalStack's AWS-validated role tests saw
them); the rest follows the user and group rules and is marked INFERRED or CHOSEN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import boundaries, documents, errors, inline_policies, policies, tags
from .account import DEFAULT_MAX_SESSION, Role
from .conflicts import refuse_if_blocked
from .names import fold
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_created, as_stored

if TYPE_CHECKING:
    from .account import Account


def role_arn(account_id: str, path: str, name: str) -> str:
    return f"arn:aws:iam::{account_id}:role{path}{name}"


def require_role(account: Account, name: str) -> Role:
    role = account.roles.find(fold(name))
    if role is None:
        raise errors.no_such_role(name)
    return role


def role_output(role: Role, *, created: bool = False, listing: bool = False) -> dict[str, Any]:
    """The Role structure.  ListRoles leaves out PermissionsBoundary, RoleLastUsed and Tags (DOC)."""
    out: dict[str, Any] = {
        "Path": role.path,
        "RoleName": role.name,
        "RoleId": role.role_id,
        "Arn": role.arn,
        "CreateDate": as_created(role.created) if created else as_stored(role.created),
        "AssumeRolePolicyDocument": documents.encoded(role.trust_policy),
    }
    if role.description is not None:
        out["Description"] = role.description
    if not created:
        out["MaxSessionDuration"] = role.max_session
    if listing:
        return out
    if role.permissions_boundary is not None:
        out["PermissionsBoundary"] = {
            "PermissionsBoundaryType": "Policy",  # REAL on the wire, whatever the model's enum says
            "PermissionsBoundaryArn": role.permissions_boundary,
        }
    if role.tags:
        out["Tags"] = [dict(tag) for tag in role.tags]
    if not created:
        out["RoleLastUsed"] = {}  # INFERRED: a role never used has an empty RoleLastUsed
    return out


def _role_tags(params: Any) -> list[dict[str, str]]:
    return tags.requested(params.get("Tags", []))  # keys case-insensitive (REAL for roles)


def new_role(
    account: Account,
    name: str,
    trust_policy: str,
    *,
    path: str = "/",
    description: str | None = None,
    max_session: int | None = None,
    tags: list[dict[str, str]] | None = None,
    boundary: str | None = None,
) -> Role:
    """Create a role with CreateRole's checks and file it."""
    documents.check_trust(trust_policy)
    if fold(name) in account.roles:
        raise errors.role_exists(name)
    if boundary is not None:
        boundaries.checked_boundary(account, boundary)
    role = Role(
        name=name,
        path=path,
        role_id=account.new_id("AROA", fold(name)),
        arn=role_arn(account.account_id, path, name),
        created=account.clock.now(),
        trust_policy=trust_policy,
        description=description,
        max_session=max_session or DEFAULT_MAX_SESSION,
        tags=tags or [],
        permissions_boundary=boundary,
    )
    account.roles[fold(name)] = role
    if boundary is not None:
        policies.set_boundary(account, "Role", role, None, boundary)
    return role


def create_role(req: Request) -> Result:
    p = req.params
    role = new_role(
        req.account,
        p["RoleName"],
        p["AssumeRolePolicyDocument"],
        path=p.get("Path", "/"),
        description=p.get("Description"),
        max_session=p.get("MaxSessionDuration"),
        tags=_role_tags(p),
        boundary=p.get("PermissionsBoundary"),
    )
    return {"Role": role_output(role, created=True)}


def get_role(req: Request) -> Result:
    return {"Role": role_output(require_role(req.account, req.params["RoleName"]))}


def list_roles(req: Request) -> Result:
    prefix = req.params.get("PathPrefix", "/")
    keep = None if prefix == "/" else (lambda r: r.path.startswith(prefix))
    roles, marker = page(req.account.roles, req.params, keep=keep)
    return listing("Roles", [role_output(r, listing=True) for r in roles], marker)


def update_role(req: Request) -> Result:
    p = req.params
    role = require_role(req.account, p["RoleName"])
    if "Description" in p:
        role.description = p["Description"]
    if "MaxSessionDuration" in p:
        role.max_session = p["MaxSessionDuration"]
    return {}


def update_assume_role_policy(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    documents.check_trust(req.params["PolicyDocument"])
    role.trust_policy = req.params["PolicyDocument"]
    return {}


# What keeps DeleteRole from deleting, in order (INFERRED from DeleteUser's texts and the
# documented removal order; instance profiles are not modelled, so they never block).
DELETE_BLOCKERS: list[tuple[Callable[[Role], bool], Callable[[], errors.IAMError]]] = [
    (lambda role: bool(role.inline_policies), lambda: errors.delete_conflict("policies")),
    (lambda role: bool(role.attached_policies), errors.must_detach_policies),
]


def delete_role(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    refuse_if_blocked(role, DELETE_BLOCKERS)
    policies.set_boundary(req.account, "Role", role, role.permissions_boundary, None)
    del req.account.roles[fold(role.name)]
    return {}


# --- tags ---------------------------------------------------------------------------------


def tag_role(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    role.tags = tags.merged(role.tags, req.params["Tags"])
    return {}


def untag_role(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    role.tags = tags.without(role.tags, req.params["TagKeys"])  # REAL: keys case-insensitive
    return {}


def list_role_tags(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    return tags.tag_listing(role.tags, req.params)  # INFERRED: the policies' order


# --- inline policies ---------------------------------------------------------------------------


def put_role_policy(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    inline_policies.put(role.inline_policies, req.params["PolicyName"], req.params["PolicyDocument"], "role", role.name)
    return {}


def get_role_policy(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    policy = inline_policies.find(role.inline_policies, req.params["PolicyName"], errors.no_such_role_policy)
    return {"RoleName": role.name, "PolicyName": policy.name, "PolicyDocument": policy.document.encoded}


def delete_role_policy(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    policy = inline_policies.find(role.inline_policies, req.params["PolicyName"], errors.no_such_role_policy)
    del role.inline_policies[fold(policy.name)]
    return {}


def list_role_policies(req: Request) -> Result:
    return inline_policies.names_listing(require_role(req.account, req.params["RoleName"]).inline_policies, req)


# --- managed policies and the boundary ------------------------------------------------------------


def attach_role_policy(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    policies.attach(req.account, "Role", role, req.params["PolicyArn"])
    return {}


def detach_role_policy(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    policies.detach(req.account, "Role", role, req.params["PolicyArn"])
    return {}


def list_attached_role_policies(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    return policies.list_attached(role, req.params)


def put_role_permissions_boundary(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    arn = boundaries.checked_boundary(req.account, req.params["PermissionsBoundary"])
    policies.set_boundary(req.account, "Role", role, role.permissions_boundary, arn)
    role.permissions_boundary = arn
    return {}


def delete_role_permissions_boundary(req: Request) -> Result:
    role = require_role(req.account, req.params["RoleName"])
    policies.set_boundary(req.account, "Role", role, role.permissions_boundary, None)
    role.permissions_boundary = None  # INFERRED: succeeds for a role without one
    return {}


# --- for the authorization evaluator ---------------------------------------------------------------


def policies_of_role(account: Account, role: Role) -> list[tuple[str, dict[str, Any]]]:
    """Every identity-based policy of `role`: (source label, document) for inline then attached."""
    label = f"role {role.name}"
    return policies.inline_documents(role.inline_policies, label) + policies.managed_documents(account, role, label)


def trust_policy_of(role: Role) -> dict[str, Any]:
    """The role's trust policy as a dict (for evaluating sts:AssumeRole)."""
    return documents.as_dict(role.trust_policy)
