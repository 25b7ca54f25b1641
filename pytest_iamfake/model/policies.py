"""Managed policies: customer managed and AWS managed, their versions, tags and attachments.

A policy knows who uses it (`PolicyUsage`: attached users, groups and roles, and the users
and roles that use it as a permissions boundary), and each user, group or role knows the
ARNs attached to it (`attached_policies`), so AttachmentCount, ListEntitiesForPolicy,
ListAttached*Policies and the delete conflicts are all answered without scanning.

AWS managed policies (`arn:aws:iam::aws:policy/...`) exist in every account; what an
account adds to them (who uses them there) lives in `Account.aws_policy_usage`, created on
first attachment and dropped when unused, so ListPolicies(OnlyAttached=True) stays cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, overload

from . import aws_policies, documents, errors
from . import tags as tags_module
from .account import ManagedPolicy, PolicyUsage, PolicyVersion
from .names import fold
from .paging import Index, listing, page
from .registry import Request, Result
from .timestamps import as_created, as_stored

if TYPE_CHECKING:
    from .account import Account, Group, InlinePolicy, Role, User

AWS_OWNER = "aws"
VERSION_LIMIT = 5  # REAL: "A managed policy can have up to 5 versions."
# REAL defaults: PoliciesPerUser / PoliciesPerGroup / PoliciesPerRole are 10 (reference §5.5 row 7).
ATTACHED_POLICY_QUOTA = 10

_POLICY_ARN = re.compile(r"arn:aws:iam::(?P<owner>aws|\d{12}):policy(?P<path>/(?:[^/]+/)*)(?P<name>[^/]+)")


class Attachable(Protocol):
    """A user, group or role: what policy attachment needs of it."""

    name: str
    attached_policies: dict[str, str]  # policy ARN -> policy name


# Either kind, as the operations see it.
AnyPolicy = ManagedPolicy | aws_policies.AwsPolicy


# --- ARNs and lookups ---------------------------------------------------------------------


def parse_policy_arn(arn: str) -> re.Match[str] | None:
    return _POLICY_ARN.fullmatch(arn)


def _is_arn(value: str) -> bool:
    """Shaped like an ARN at all: arn:partition:service:region:account:resource."""
    parts = value.split(":", 5)
    return len(parts) == 6 and parts[0] == "arn" and bool(parts[1]) and bool(parts[2]) and bool(parts[5])


def find_policy(account: Account, arn: str) -> AnyPolicy | None:
    """The policy `arn` names in `account` (AWS managed or the account's own), or None.

    ValidationError "ARN <arn> is not valid." for a value that is no ARN (REAL).
    """
    if not _is_arn(arn):
        raise errors.invalid_arn(arn)
    match = parse_policy_arn(arn)
    if match is None:
        return None
    if match["owner"] == AWS_OWNER:
        return aws_policies.get(arn)
    if match["owner"] != account.account_id:
        return None
    found = account.policies.find(fold(match["name"]))
    if found is None or found.path != match["path"]:
        return None
    return found


def _require(account: Account, arn: str, missing: Callable[[str], errors.IAMError]) -> AnyPolicy:
    policy = find_policy(account, arn)
    if policy is None:
        raise missing(arn)
    return policy


def _require_local(account: Account, arn: str, aws_denied: Callable[[], errors.IAMError]) -> ManagedPolicy:
    policy = _require(account, arn, errors.policy_not_found)
    if isinstance(policy, aws_policies.AwsPolicy):
        raise aws_denied()
    return policy


@overload
def usage_of(account: Account, policy: AnyPolicy, *, create: bool) -> PolicyUsage: ...
@overload
def usage_of(account: Account, policy: AnyPolicy) -> PolicyUsage | None: ...
def usage_of(account: Account, policy: AnyPolicy, *, create: bool = False) -> PolicyUsage | None:
    """Who uses `policy` in `account` (None: nobody, for an AWS managed policy never used here)."""
    if isinstance(policy, ManagedPolicy):
        return policy.usage
    usage = account.aws_policy_usage.find(policy.key)
    if usage is None and create:
        usage = account.aws_policy_usage[policy.key] = PolicyUsage(policy.arn)
    return usage


def _release(account: Account, policy: AnyPolicy, usage: PolicyUsage) -> None:
    if isinstance(policy, aws_policies.AwsPolicy) and usage.unused:
        del account.aws_policy_usage[policy.key]


# --- output ---------------------------------------------------------------------------------


def policy_output(account: Account, policy: AnyPolicy, *, created: bool = False, full: bool = False) -> dict[str, Any]:
    """The Policy structure: CreatePolicy's and ListPolicies' fields; GetPolicy (`full`) adds Description and Tags."""
    usage = usage_of(account, policy)
    stamp = as_created if created else as_stored
    out: dict[str, Any] = {
        "PolicyName": policy.name,
        "PolicyId": policy.policy_id,
        "Arn": policy.arn,
        "Path": policy.path,
        "DefaultVersionId": policy.default_version,
        "AttachmentCount": usage.attachment_count if usage else 0,
        "PermissionsBoundaryUsageCount": usage.boundary_count if usage else 0,
        "IsAttachable": True,
        "CreateDate": stamp(policy.created),
        "UpdateDate": stamp(policy.updated),
    }
    if (full or created) and policy.description is not None:
        out["Description"] = policy.description  # not in ListPolicies (DOC)
    if full or (created and policy.tags):
        out["Tags"] = [dict(tag) for tag in policy.tags]  # REAL: GetPolicy always has Tags; CreatePolicy echoes
    return out


def _version_output(
    version: PolicyVersion | aws_policies.AwsVersion, default: str, *, document: bool
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "VersionId": version.version_id,
        "IsDefaultVersion": version.version_id == default,
        "CreateDate": as_stored(version.created),
    }
    if document:
        out["Document"] = documents.encoded(version.text)
    return out


def versions_of(policy: AnyPolicy) -> Mapping[str, PolicyVersion | aws_policies.AwsVersion]:
    return policy.versions


# --- CreatePolicy, GetPolicy, DeletePolicy, ListPolicies -------------------------------------


def _policy_tags(tags: Sequence[Mapping[str, str]]) -> list[dict[str, str]]:
    """Tags of a policy request: keys are case-sensitive, exact duplicates refused (REAL)."""
    out = [{"Key": t["Key"], "Value": t["Value"]} for t in tags]
    if len({t["Key"] for t in out}) != len(out):
        raise errors.duplicate_policy_tag_keys()
    return out


def new_policy(
    account: Account,
    name: str,
    text: str,
    *,
    path: str = "/",
    description: str | None = None,
    tags: list[dict[str, str]] | None = None,
) -> ManagedPolicy:
    """Create a customer managed policy (CreatePolicy's rules) and file it."""
    documents.check_managed(text)
    if fold(name) in account.policies:
        raise errors.policy_exists(name)
    now = account.clock.now()
    policy = ManagedPolicy(
        name=name,
        path=path,
        policy_id=account.new_id("ANPA", fold(name)),
        arn=f"arn:aws:iam::{account.account_id}:policy{path}{name}",
        created=now,
        updated=now,
        description=description,
        tags=tags or [],
        versions={"v1": PolicyVersion("v1", text, now)},
        default_version="v1",
        versions_issued=1,
        usage=PolicyUsage(f"arn:aws:iam::{account.account_id}:policy{path}{name}"),
    )
    account.policies[fold(name)] = policy
    return policy


def create_policy(req: Request) -> Result:
    p = req.params
    tags = _policy_tags(p.get("Tags", []))
    policy = new_policy(
        req.account,
        p["PolicyName"],
        p["PolicyDocument"],
        path=p.get("Path", "/"),
        description=p.get("Description"),
        tags=tags,
    )
    return {"Policy": policy_output(req.account, policy, created=True)}


def get_policy(req: Request) -> Result:
    policy = _require(req.account, req.params["PolicyArn"], errors.policy_not_attachable)
    return {"Policy": policy_output(req.account, policy, full=True)}


def _delete_policy_blockers(policy: ManagedPolicy) -> Iterator[Callable[[], errors.IAMError]]:
    # Reference Appendix C, INFERRED order: attached, used as a boundary, non-default versions.
    if policy.usage.attachment_count:
        yield errors.policy_attached
    if policy.usage.boundary_count:
        yield errors.policy_attached  # code REAL, text INFERRED the same
    if len(policy.versions) > 1:
        yield errors.policy_has_versions


def delete_policy(req: Request) -> Result:
    policy = _require_local(req.account, req.params["PolicyArn"], errors.cannot_delete_aws_policy)
    for conflict in _delete_policy_blockers(policy):
        raise conflict()
    del req.account.policies[fold(policy.name)]
    return {}


class _Chain(Sequence[str]):
    """Several sorted key sequences read as one, each key prefixed by its part's tag.

    Lets one Marker walk AWS managed then local policies (or users, groups, roles, policies)
    without copying any table: a page costs a binary search and the page itself.
    """

    def __init__(self, parts: Sequence[tuple[str, Sequence[str]]]) -> None:
        self._parts = parts

    def __len__(self) -> int:
        return sum(len(keys) for _, keys in self._parts)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        for tag, keys in self._parts:
            if index < len(keys):
                return tag + keys[index]
            index -= len(keys)
        raise IndexError(index)


class ChainedTable(Mapping[str, Any]):
    """The entries of several tables under prefixed keys (see `_Chain`); tags are single characters, increasing."""

    def __init__(self, parts: Sequence[tuple[str, Mapping[str, Any], Sequence[str]]]) -> None:
        tags = [tag for tag, _, _ in parts]
        if tags != sorted(tags):  # the chained keys must sort in part order for a Marker to bisect
            raise ValueError(f"chained tables out of order: {tags}")
        self._tables = {tag: table for tag, table, _ in parts}
        self.keys_in_order = _Chain([(tag, keys) for tag, _, keys in parts])

    def __getitem__(self, key: str) -> Any:
        return self._tables[key[0]][key[1:]]

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys_in_order)

    def __len__(self) -> int:
        return len(self.keys_in_order)


def chained_page(
    parts: Sequence[tuple[str, Mapping[str, Any], Sequence[str]]],
    params: Mapping[str, Any],
    keep: Callable[[Any], bool] | None = None,
) -> tuple[list[Any], str | None]:
    table = ChainedTable(parts)
    return page(table, params, keys=table.keys_in_order, keep=keep)


def list_policies(req: Request) -> Result:
    p, account = req.params, req.account
    scope = p.get("Scope", "All")
    only_attached = bool(p.get("OnlyAttached"))
    usage_filter = p.get("PolicyUsageFilter")
    parts: list[tuple[str, Mapping[str, Any], Sequence[str]]] = []
    if scope in ("All", "AWS"):
        if only_attached or usage_filter == "PermissionsBoundary":  # only those used here: a short table
            usage = account.aws_policy_usage
            aws_table: Mapping[str, Any] = _AwsByUsage(usage)
            parts.append(("1", aws_table, usage.sorted_keys()))
        else:
            index = aws_policies.index()
            parts.append(("1", index, index.sorted_keys()))
    if scope in ("All", "Local"):
        parts.append(("2", account.policies, account.policies.sorted_keys()))
    tests: list[Callable[[AnyPolicy], bool]] = []
    prefix = p.get("PathPrefix", "/")
    if prefix != "/":
        tests.append(lambda pol: pol.path.startswith(prefix))
    if only_attached:
        tests.append(lambda pol: _counts(account, pol)[0] > 0)
    if usage_filter == "PermissionsBoundary":
        tests.append(lambda pol: _counts(account, pol)[1] > 0)
    elif usage_filter == "PermissionsPolicy":
        # CHOSEN: every policy except those used only as a permissions boundary.
        tests.append(lambda pol: _counts(account, pol)[0] > 0 or _counts(account, pol)[1] == 0)
    keep = (lambda pol: all(test(pol) for test in tests)) if tests else None
    found, marker = chained_page(parts, p, keep)
    return listing("Policies", [policy_output(account, pol) for pol in found], marker)


class _AwsByUsage(Mapping[str, Any]):
    """The AWS managed policies used in an account, read through its usage table."""

    def __init__(self, usage: Index[PolicyUsage]) -> None:
        self._usage = usage

    def __getitem__(self, key: str) -> Any:
        found = aws_policies.get(self._usage[key].arn)
        assert found is not None  # usage is only ever recorded for policies that exist
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._usage)

    def __len__(self) -> int:
        return len(self._usage)


def _counts(account: Account, policy: AnyPolicy) -> tuple[int, int]:
    usage = usage_of(account, policy)
    return (usage.attachment_count, usage.boundary_count) if usage else (0, 0)


# --- versions ---------------------------------------------------------------------------------


def create_policy_version(req: Request) -> Result:
    p, account = req.params, req.account
    policy = _require(account, p["PolicyArn"], errors.policy_not_attachable)
    if isinstance(policy, aws_policies.AwsPolicy):
        raise errors.cannot_update_aws_policy()  # CHOSEN: the SetDefaultPolicyVersion text (REAL there)
    documents.check_managed(p["PolicyDocument"])
    if len(policy.versions) >= VERSION_LIMIT:
        raise errors.policy_version_limit()
    now = account.clock.now()
    policy.versions_issued += 1
    version = PolicyVersion(f"v{policy.versions_issued}", p["PolicyDocument"], now)
    policy.versions[version.version_id] = version
    policy.updated = now  # DOC: UpdateDate is the newest version's creation
    if p.get("SetAsDefault"):
        policy.default_version = version.version_id
    out = _version_output(version, policy.default_version, document=False)
    out["CreateDate"] = as_created(now)
    return {"PolicyVersion": out}


def _require_version(
    account: Account, arn: str, version_id: str
) -> tuple[AnyPolicy, PolicyVersion | aws_policies.AwsVersion]:
    policy = find_policy(account, arn)
    version = versions_of(policy).get(version_id) if policy is not None else None
    if policy is None or version is None:
        raise errors.no_such_policy_version(arn, version_id)
    return policy, version


def get_policy_version(req: Request) -> Result:
    policy, version = _require_version(req.account, req.params["PolicyArn"], req.params["VersionId"])
    return {"PolicyVersion": _version_output(version, policy.default_version, document=True)}


def list_policy_versions(req: Request) -> Result:
    policy = _require(req.account, req.params["PolicyArn"], errors.policy_not_attachable)
    versions = versions_of(policy)
    # REAL: newest first.  Keys sort newest first as zero-padded, inverted version numbers.
    table = {newest_first(vid): v for vid, v in versions.items()}
    found, marker = page(table, req.params, keys=sorted(table))
    return listing("Versions", [_version_output(v, policy.default_version, document=False) for v in found], marker)


def newest_first(version_id: str) -> str:
    number = int(version_id[1:].split(".", 1)[0])
    return f"{10**12 - number:013d}"


def delete_policy_version(req: Request) -> Result:
    p = req.params
    policy = _require(req.account, p["PolicyArn"], lambda arn: errors.no_such_policy_version(arn, p["VersionId"]))
    if isinstance(policy, aws_policies.AwsPolicy):
        raise errors.cannot_delete_aws_policy_version()
    _, version = _require_version(req.account, p["PolicyArn"], p["VersionId"])
    if version.version_id == policy.default_version:
        raise errors.default_version_undeletable()
    del policy.versions[version.version_id]
    return {}


def set_default_policy_version(req: Request) -> Result:
    p = req.params
    policy = _require(req.account, p["PolicyArn"], lambda arn: errors.no_such_policy_version(arn, p["VersionId"]))
    if isinstance(policy, aws_policies.AwsPolicy):
        raise errors.cannot_update_aws_policy()
    _require_version(req.account, p["PolicyArn"], p["VersionId"])
    policy.default_version = p["VersionId"]
    return {}


# --- tags -------------------------------------------------------------------------------------


def _tagged_policy(req: Request) -> ManagedPolicy:
    # CHOSEN: tagging an AWS managed policy is refused with the REAL "update" text.
    return _require_local(req.account, req.params["PolicyArn"], errors.cannot_update_aws_policy)


def _merged(tags: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    """TagPolicy: a key already there (exactly: policy keys are case-sensitive) takes the new value."""
    merged = {t["Key"]: t for t in tags}
    for tag in new:
        merged[tag["Key"]] = tag
    if len(merged) > tags_module.LIMIT:
        raise errors.too_many_tags()
    return list(merged.values())


def tag_policy(req: Request) -> Result:
    policy = _tagged_policy(req)
    new = _policy_tags(req.params["Tags"])
    policy.tags = _merged(policy.tags, new)
    return {}


def untag_policy(req: Request) -> Result:
    policy = _tagged_policy(req)
    gone = set(req.params["TagKeys"])
    policy.tags = [t for t in policy.tags if t["Key"] not in gone]
    return {}


def list_policy_tags(req: Request) -> Result:
    policy = _require(req.account, req.params["PolicyArn"], errors.policy_not_found)
    return tags_module.tag_listing(list(policy.tags), req.params)  # REAL order: shorter keys first


# --- attachment -------------------------------------------------------------------------------

# Which PolicyUsage table holds each kind of entity, and how the entity's id is read.
_USAGE_TABLE = {"User": "users", "Group": "groups", "Role": "roles"}
_ENTITY_ID = {"User": "user_id", "Group": "group_id", "Role": "role_id"}


def attach(account: Account, kind: str, entity: Attachable, arn: str) -> None:
    """Attach the managed policy `arn` to `entity` (a User, Group or Role): IAM's checks, counts kept.

    Idempotent for a policy already attached (INFERRED).
    """
    policy = _require(account, arn, errors.policy_not_attachable)
    if policy.arn in entity.attached_policies:
        return
    if policy.path.startswith("/aws-service-role/"):
        raise errors.service_role_policy_not_attachable()
    if len(entity.attached_policies) >= ATTACHED_POLICY_QUOTA:
        raise errors.attached_policy_quota(kind, ATTACHED_POLICY_QUOTA)
    usage = usage_of(account, policy, create=True)
    table: Index[Any] = getattr(usage, _USAGE_TABLE[kind])
    table[getattr(entity, _ENTITY_ID[kind])] = entity
    entity.attached_policies[policy.arn] = policy.name


def detach(account: Account, kind: str, entity: Attachable, arn: str) -> None:
    """Detach `arn` from `entity`; NoSuchEntity "Policy <arn> was not found." when not attached (REAL)."""
    policy = find_policy(account, arn)
    if policy is None or policy.arn not in entity.attached_policies:
        raise errors.policy_not_found(arn)
    del entity.attached_policies[policy.arn]
    usage = usage_of(account, policy)
    if usage is not None:
        table: Index[Any] = getattr(usage, _USAGE_TABLE[kind])
        table.pop(getattr(entity, _ENTITY_ID[kind]), None)
        _release(account, policy, usage)


def list_attached(entity: Attachable, params: Mapping[str, Any]) -> Result:
    """ListAttached{User,Group,Role}Policies: CHOSEN order by ARN (IAM's order is UNKNOWN)."""
    prefix = params.get("PathPrefix", "/")
    attached = entity.attached_policies
    keep = None
    if prefix != "/":
        keep = lambda arn: _path_of(arn).startswith(prefix)  # noqa: E731
    table = {arn: arn for arn in attached}
    found, marker = page(table, params, keys=sorted(attached), keep=keep)
    return listing("AttachedPolicies", [{"PolicyName": attached[a], "PolicyArn": a} for a in found], marker)


def _path_of(arn: str) -> str:
    match = parse_policy_arn(arn)
    return match["path"] if match else "/"


def attached_output(entity: Attachable) -> list[dict[str, str]]:
    return [{"PolicyName": name, "PolicyArn": arn} for arn, name in sorted(entity.attached_policies.items())]


def attach_user_policy(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    attach(req.account, "User", user, req.params["PolicyArn"])
    return {}


def detach_user_policy(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    detach(req.account, "User", user, req.params["PolicyArn"])
    return {}


def list_attached_user_policies(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    return list_attached(user, req.params)


def _group(account: Account, name: str) -> Group:
    # groups.require_group's rule; groups.py imports users.py, which imports this module.
    group = account.groups.find(fold(name))
    if group is None:
        raise errors.no_such_group(name)
    return group


def attach_group_policy(req: Request) -> Result:
    group = _group(req.account, req.params["GroupName"])
    attach(req.account, "Group", group, req.params["PolicyArn"])
    return {}


def detach_group_policy(req: Request) -> Result:
    group = _group(req.account, req.params["GroupName"])
    detach(req.account, "Group", group, req.params["PolicyArn"])
    return {}


def list_attached_group_policies(req: Request) -> Result:
    group = _group(req.account, req.params["GroupName"])
    return list_attached(group, req.params)


def list_entities_for_policy(req: Request) -> Result:
    p, account = req.params, req.account
    policy = _require(account, p["PolicyArn"], errors.policy_not_attachable)
    usage = usage_of(account, policy)
    wanted = p.get("EntityFilter")
    out: dict[str, list[dict[str, str]]] = {"PolicyGroups": [], "PolicyUsers": [], "PolicyRoles": []}
    if usage is None or wanted in ("LocalManagedPolicy", "AWSManagedPolicy"):  # REAL: all empty
        return listing_entities(out, None)
    boundary = p.get("PolicyUsageFilter") == "PermissionsBoundary"
    tables: list[tuple[str, str, Index[Any]]] = [  # (tag, kind, table), tags in listing order
        ("1", "User", usage.boundary_users if boundary else usage.users),
        ("2", "Group", Index() if boundary else usage.groups),  # groups have no boundary
        ("3", "Role", usage.boundary_roles if boundary else usage.roles),
    ]
    parts = [(tag, table, table.sorted_keys()) for tag, kind, table in tables if wanted in (None, kind)]
    prefix = p.get("PathPrefix", "/")
    keep = None if prefix == "/" else (lambda entity: entity.path.startswith(prefix))
    found, marker = chained_page(parts, p, keep)
    for entity in found:
        if hasattr(entity, "user_id"):
            out["PolicyUsers"].append({"UserName": entity.name, "UserId": entity.user_id})
        elif hasattr(entity, "role_id"):
            out["PolicyRoles"].append({"RoleName": entity.name, "RoleId": entity.role_id})
        else:
            out["PolicyGroups"].append({"GroupName": entity.name, "GroupId": entity.group_id})
    return listing_entities(out, marker)


def listing_entities(out: dict[str, list[Any]], marker: str | None) -> Result:
    result: Result = dict(out)
    result["IsTruncated"] = marker is not None
    if marker is not None:
        result["Marker"] = marker
    return result


# --- permissions boundaries (boundaries.py checks the ARN; users.py and roles.py keep counts here) --


def set_boundary(account: Account, kind: str, entity: Any, old: str | None, new: str | None) -> None:
    """Keep PermissionsBoundaryUsageCount true when `entity` (a User or Role) changes boundary.

    `old`/`new`: the boundary ARNs before and after (None: none).  Call after
    `boundaries.checked_boundary` accepted `new`, and with new=None when the entity is deleted.
    """
    table_name = "boundary_users" if kind == "User" else "boundary_roles"
    entity_id = getattr(entity, _ENTITY_ID[kind])
    if old is not None:
        policy = find_policy(account, old)
        usage = usage_of(account, policy) if policy is not None else None
        if policy is not None and usage is not None:
            getattr(usage, table_name).pop(entity_id, None)
            _release(account, policy, usage)
    if new is not None:
        policy = find_policy(account, new)
        if policy is not None:
            getattr(usage_of(account, policy, create=True), table_name)[entity_id] = entity


# --- what a principal's permissions are made of (for the authorization evaluator) ----------------


def document_of(account: Account, arn: str) -> dict[str, Any] | None:
    """The default version's document of managed policy `arn`, parsed; None if it does not exist."""
    try:
        policy = find_policy(account, arn)
    except errors.IAMError:
        return None
    if policy is None:
        return None
    return documents.as_dict(versions_of(policy)[policy.default_version].text)


def managed_documents(account: Account, entity: Attachable, label: str) -> list[tuple[str, dict[str, Any]]]:
    """(source label, document) for each managed policy attached to `entity`."""
    out = []
    for arn in sorted(entity.attached_policies):
        doc = document_of(account, arn)
        if doc is not None:
            out.append((f"{label} attached {arn}", doc))
    return out


def policies_of_user(account: Account, user: User) -> list[tuple[str, dict[str, Any]]]:
    """Every identity-based policy of `user`: inline, attached, and its groups' inline and attached.

    Labels read like "user bob inline Admin", "user bob attached arn:...", "group devs inline ...".
    Documents are the default versions of managed policies, parsed.
    """
    label = f"user {user.name}"
    out = inline_documents(user.inline_policies, label)
    out += managed_documents(account, user, label)
    for _, group in sorted(user.groups.items()):
        glabel = f"group {group.name}"
        out += inline_documents(group.inline_policies, glabel)
        out += managed_documents(account, group, glabel)
    return out


def inline_documents(table: Mapping[str, InlinePolicy], label: str) -> list[tuple[str, dict[str, Any]]]:
    """(source label, document) for each inline policy of a user or group, in name order."""
    return [(f"{label} inline {p.name}", documents.as_dict(p.document.text)) for _, p in sorted(table.items())]


def boundary_of(account: Account, entity: User | Role) -> dict[str, Any] | None:
    """The permissions boundary document of a user or role (its default version), or None."""
    arn = entity.permissions_boundary
    return document_of(account, arn) if arn else None
