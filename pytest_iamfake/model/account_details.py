"""GetAccountAuthorizationDetails: users, groups, roles and policies with their relationships, paged.

CHOSEN (IAM's order is UNKNOWN): one Marker walks users, then groups, then roles, then
customer managed policies, then the AWS managed policies used in the account, each by name;
the four lists are always present.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import documents, policies
from .account import Group, InlinePolicy, Role, User
from .registry import Request, Result
from .timestamps import as_stored

_ALL = ("User", "Group", "Role", "LocalManagedPolicy", "AWSManagedPolicy")


def _boundary(entity: Any) -> dict[str, Any]:
    arn = getattr(entity, "permissions_boundary", None)
    if arn is None:
        return {}
    return {"PermissionsBoundary": {"PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": arn}}


def _inline(table: Mapping[str, InlinePolicy]) -> list[dict[str, str]]:
    return [{"PolicyName": p.name, "PolicyDocument": p.document.encoded} for _, p in sorted(table.items())]


def _user(user: User) -> dict[str, Any]:
    out: dict[str, Any] = {
        "Path": user.path,
        "UserName": user.name,
        "UserId": user.user_id,
        "Arn": user.arn,
        "CreateDate": as_stored(user.created),
        "UserPolicyList": _inline(user.inline_policies),
        "GroupList": [group.name for _, group in sorted(user.groups.items())],
        "AttachedManagedPolicies": policies.attached_output(user),
    }
    out.update(_boundary(user))
    if user.tags:
        out["Tags"] = [dict(tag) for tag in user.tags]
    return out


def _group(group: Group) -> dict[str, Any]:
    return {
        "Path": group.path,
        "GroupName": group.name,
        "GroupId": group.group_id,
        "Arn": group.arn,
        "CreateDate": as_stored(group.created),
        "GroupPolicyList": _inline(group.inline_policies),
        "AttachedManagedPolicies": policies.attached_output(group),
    }


def _role(role: Role) -> dict[str, Any]:
    out: dict[str, Any] = {
        "Path": role.path,
        "RoleName": role.name,
        "RoleId": role.role_id,
        "Arn": role.arn,
        "CreateDate": as_stored(role.created),
        "AssumeRolePolicyDocument": documents.encoded(role.trust_policy),
        "InstanceProfileList": [],  # instance profiles are not modelled
        "RolePolicyList": _inline(role.inline_policies),
        "AttachedManagedPolicies": policies.attached_output(role),
    }
    out.update(_boundary(role))
    if role.tags:
        out["Tags"] = [dict(tag) for tag in role.tags]
    out["RoleLastUsed"] = {}
    return out


def _policy(account: Any, policy: policies.AnyPolicy) -> dict[str, Any]:
    out = policies.policy_output(account, policy)
    if policy.description is not None:
        out["Description"] = policy.description
    versions = sorted(policies.versions_of(policy).values(), key=lambda v: policies.newest_first(v.version_id))
    out["PolicyVersionList"] = [
        {
            "Document": documents.encoded(v.text),
            "VersionId": v.version_id,
            "IsDefaultVersion": v.version_id == policy.default_version,
            "CreateDate": as_stored(v.created),
        }
        for v in versions
    ]
    return out


def get_account_authorization_details(req: Request) -> Result:
    account = req.account
    wanted = set(req.params.get("Filter") or _ALL)
    parts: list[tuple[str, Mapping[str, Any], Sequence[str]]] = []
    if "User" in wanted:
        parts.append(("1", account.users, account.users.sorted_keys()))
    if "Group" in wanted:
        parts.append(("2", account.groups, account.groups.sorted_keys()))
    if "Role" in wanted:
        parts.append(("3", account.roles, account.roles.sorted_keys()))
    if "LocalManagedPolicy" in wanted:
        parts.append(("4", account.policies, account.policies.sorted_keys()))
    if "AWSManagedPolicy" in wanted:
        used = policies._AwsByUsage(account.aws_policy_usage)
        parts.append(("5", used, account.aws_policy_usage.sorted_keys()))
    found, marker = policies.chained_page(parts, req.params)
    out: Result = {"UserDetailList": [], "GroupDetailList": [], "RoleDetailList": [], "Policies": []}
    for entry in found:
        if isinstance(entry, User):
            out["UserDetailList"].append(_user(entry))
        elif isinstance(entry, Role):
            out["RoleDetailList"].append(_role(entry))
        elif isinstance(entry, Group):
            out["GroupDetailList"].append(_group(entry))
        else:
            out["Policies"].append(_policy(account, entry))
    out["IsTruncated"] = marker is not None
    if marker is not None:
        out["Marker"] = marker
    return out
