"""IAM policy documents: parsed and checked against IAM's grammar, sized, and encoded for the wire.

Two kinds of document (:class:`PolicyKind`): *identity* policies (managed policies, their
versions, inline user/group/role policies, permissions boundaries) and *trust* policies (a
role's assume-role policy).  :func:`parse_policy_document` returns a :class:`PolicyDocument`
that keeps the submitted text: IAM stores the document as submitted and returns that text,
whitespace and key order included (REAL, shared/reference/iam-entities.md §1.1).

Which check wins when a document breaks several rules follows AWS's recorded precedence
(REAL, LocalStack's AWS-validated recordings of CreatePolicy, iam-entities.md §5.7):

1. not JSON, or not the grammar's shape (unknown keys, wrong types, Effect not allow/deny
   in any case, Action with NotAction, Resource with NotResource, a Condition block of the
   wrong shape, an unknown condition operator with keys) -> ``Syntax errors in policy.``
2. identity policies: Version missing or 2008-10-17 -> ``Policy document must be version ...``
3. Principal in an identity policy; Resource in / Principal missing from a trust policy
4. "legacy parsing": Effect not spelled ``Allow``/``Deny``; unparsable ``Date*`` values
5. each Resource/NotResource must be an ARN (partition, vendor, region, IAM path rules)
6. "legacy parsing" of resources (too few ARN fields around ``::``, empty vendor)
7. Sids alphanumeric and unique
8. every statement has actions, then (identity) resources
9. every action is ``*`` or ``vendor:name`` with one colon and a valid vendor

Where a document has several problems of different phases only the first is reported;
AWS's order between phases 3 and 7 is not recorded (CHOSEN, docs/reference/choices.md).

Sizes (:func:`policy_size`, :func:`check_managed_policy_size`,
:func:`check_inline_policies_size`, :func:`check_trust_policy_size`): IAM counts characters
and does not count white space (DOC); the fake counts the submitted text minus ASCII
whitespace (INFERRED, iam-entities.md §6 row 10).

How a document goes back to the caller (:func:`encode_policy_document`): botocore registers
``json_decode_policies`` on ``after-call.iam``; for every output member whose shape is
``policyDocumentType`` it replaces the string with ``json.loads(urllib.parse.unquote(value))``
and silently keeps the string if that fails.  In botocore 1.44's IAM model those members are
``PolicyDocument`` (Get{User,Group,Role}Policy), ``PolicyVersion.Document`` (GetPolicyVersion,
CreatePolicyVersion, ListPolicyVersions' ``Versions``), ``Role.AssumeRolePolicyDocument``
(CreateRole, GetRole, ListRoles, UpdateRoleDescription, and roles inside instance profiles), and
the policy lists of GetAccountAuthorizationDetails.  botocore emits ``after-call`` for a
response produced at ``before-call`` as well (``BaseClient._make_api_call``), so both transports
hand botocore the same value:

* **call transport** (answers at ``before-call`` with a parsed dict): the member's value is
  ``encode_policy_document(text)``; botocore's after-call handler turns it into the dict.
* **wire transport** (answers at ``before-send`` with IAM's XML): the element's text is the
  same ``encode_policy_document(text)``; botocore's query parser reads the string and the same
  after-call handler decodes it.

The operations therefore put :attr:`PolicyDocument.encoded` in their results and neither
transport touches it (the encoded text is only unreserved characters and ``%XX``: nothing to
escape in XML).  Requests need nothing: the call transport sees botocore's params and the wire
transport's form decoding restores the submitted text.

Never emit the raw JSON (botocore would decode any ``%XX`` inside the document once: data
corruption) and never ``quote_plus`` (``+`` for space makes ``json.loads`` fail, so the caller
would get the still-encoded string) (BOTOCORE, iam-entities.md §1.1).
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, NoReturn
from urllib.parse import quote

from . import errors
from .errors import IAMError

__all__ = [
    "ASSUME_ROLE_POLICY_SIZE_QUOTA",
    "INLINE_POLICY_SIZE_QUOTAS",
    "MANAGED_POLICY_SIZE_QUOTA",
    "PolicyDocument",
    "PolicyKind",
    "Statement",
    "check_inline_policies_size",
    "check_managed_policy_size",
    "check_trust_policy_size",
    "encode_policy_document",
    "parse_policy_document",
    "policy_size",
]


class PolicyKind(enum.Enum):
    """Which grammar a document is checked against."""

    IDENTITY = "identity"  # managed policies and versions, inline policies, permissions boundaries
    TRUST = "trust"  # a role's assume-role policy


# A Principal / NotPrincipal block: "*" or {"AWS" | "Service" | "Federated" | "CanonicalUser": values}.
PrincipalBlock = str | Mapping[str, tuple[str, ...]]
ConditionValue = str | int | float | bool


@dataclass(frozen=True)
class Statement:
    """One statement, normalised: single values become tuples, absent elements are None."""

    sid: str | None
    effect: str  # "Allow" or "Deny" once parsed
    action: tuple[str, ...] | None
    not_action: tuple[str, ...] | None
    resource: tuple[str, ...] | None
    not_resource: tuple[str, ...] | None
    principal: PrincipalBlock | None
    not_principal: PrincipalBlock | None
    # operator -> condition key -> values
    condition: Mapping[str, Mapping[str, tuple[ConditionValue, ...]]]


@dataclass(frozen=True)
class PolicyDocument:
    """A checked policy document; ``text`` is exactly what the caller submitted."""

    text: str
    kind: PolicyKind
    version: str | None
    id: str | None
    statements: tuple[Statement, ...]

    @property
    def size(self) -> int:
        """Characters IAM counts against size quotas (white space not counted)."""
        return policy_size(self.text)

    @property
    def encoded(self) -> str:
        """The value both transports emit for this document (see the module docstring)."""
        return encode_policy_document(self.text)


# --- sizes -----------------------------------------------------------------------------

MANAGED_POLICY_SIZE_QUOTA = 6144  # REAL PolicySizeQuota (iam-entities.md §5.1 row 9)
# REAL UserPolicySizeQuota / GroupPolicySizeQuota / RolePolicySizeQuota (§6 row 8)
INLINE_POLICY_SIZE_QUOTAS: Mapping[str, int] = {"user": 2048, "group": 5120, "role": 10240}
ASSUME_ROLE_POLICY_SIZE_QUOTA = 2048  # REAL AssumeRolePolicySizeQuota (§9.1)

_ASCII_WHITESPACE = " \t\n\r\f\v"  # INFERRED: what "IAM does not count white space" means


def policy_size(text: str) -> int:
    """Length of ``text`` without white space: what IAM measures against its quotas."""
    return len(text) - sum(text.count(ch) for ch in _ASCII_WHITESPACE)


def check_managed_policy_size(document: PolicyDocument | str) -> None:
    """CreatePolicy / CreatePolicyVersion: LimitExceeded beyond 6,144 characters (REAL)."""
    if _size_of(document) > MANAGED_POLICY_SIZE_QUOTA:
        raise errors.managed_policy_too_large(MANAGED_POLICY_SIZE_QUOTA)


def check_inline_policies_size(entity: Literal["user", "group", "role"], name: str, sizes: Iterable[int]) -> None:
    """Put{User,Group,Role}Policy: the quota is on the sum of all the entity's inline policies.

    ``sizes`` are the :attr:`PolicyDocument.size` of every inline policy the entity would
    have after the put (the new document, and the others except the one it replaces).
    """
    quota = INLINE_POLICY_SIZE_QUOTAS[entity]
    if sum(sizes) > quota:
        raise errors.inline_policies_too_large(quota, entity, name)


def check_trust_policy_size(document: PolicyDocument | str) -> None:
    """CreateRole / UpdateAssumeRolePolicy: LimitExceeded beyond 2,048 characters (REAL)."""
    if _size_of(document) > ASSUME_ROLE_POLICY_SIZE_QUOTA:
        raise errors.trust_policy_too_large(ASSUME_ROLE_POLICY_SIZE_QUOTA)


def _size_of(document: PolicyDocument | str) -> int:
    return document.size if isinstance(document, PolicyDocument) else policy_size(document)


# --- the wire --------------------------------------------------------------------------


def encode_policy_document(text: str) -> str:
    """Percent-encode ``text`` the way IAM does (RFC 3986: ``%20`` for space, ``/`` and ``:`` encoded)."""
    return quote(text, safe="")


# --- the grammar -----------------------------------------------------------------------

_TOP_KEYS = frozenset({"Version", "Id", "Statement"})
_STATEMENT_KEYS = frozenset(
    {"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}
)
_VERSIONS = frozenset({"2008-10-17", "2012-10-17"})
_CURRENT_VERSION = "2012-10-17"
_PRINCIPAL_TYPES = frozenset({"AWS", "Service", "Federated", "CanonicalUser"})

_BASE_OPERATORS = frozenset(
    name.lower()
    for name in (
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
        "NumericEquals",
        "NumericNotEquals",
        "NumericLessThan",
        "NumericLessThanEquals",
        "NumericGreaterThan",
        "NumericGreaterThanEquals",
        "DateEquals",
        "DateNotEquals",
        "DateLessThan",
        "DateLessThanEquals",
        "DateGreaterThan",
        "DateGreaterThanEquals",
        "Bool",
        "BinaryEquals",
        "IpAddress",
        "NotIpAddress",
        "ArnEquals",
        "ArnLike",
        "ArnNotEquals",
        "ArnNotLike",
    )
)
_SET_PREFIXES = ("forallvalues:", "foranyvalue:")
_IF_EXISTS = "ifexists"

# CHOSEN: partitions IAM accepts in a Resource; the recordings only show `aws` and `*` accepted.
_PARTITIONS = frozenset(
    {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc", "*"}
)
_IAM_PATH_PREFIXES = (
    "user/",
    "federated-user/",
    "role/",
    "group/",
    "instance-profile/",
    "mfa/",
    "server-certificate/",
    "policy/",
    "sms-mfa/",
    "saml-provider/",
    "oidc-provider/",
    "report/",
    "access-report/",
    # CHOSEN: newer than the REAL message's list; AWS's own managed policies name it.
    "role-template/",
)
_POLICY_VARIABLE = re.compile(r"\$\{[^}]*\}")
_VENDOR = re.compile(r"[A-Za-z0-9_.*?-]+")  # CHOSEN: letters, digits, `-`, `.`, `_`, wildcards
_SID = re.compile(r"[0-9A-Za-z]*")  # REAL: the regular expression IAM's message quotes

# Date values IAM's legacy parser accepts: an epoch number that fits a signed 64-bit integer,
# or an ISO 8601 date with optional time and offset (INFERRED from the recorded accepted and
# refused values: `01T`, `2016-12-13t2:00:00.593194+23` accepted; `234-13`, a one-digit
# offset, a ten-digit fraction and 2**63 refused).
_EPOCH = re.compile(r"-?\d+", re.ASCII)  # ASCII digits, as in every IAM pattern
_ISO_DATE = re.compile(
    r"[+-]?\d{1,9}"
    r"(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?"
    r"(?:[Tt]"
    r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d{1,2})(?::(?P<second>\d{1,2}))?)?(?:[.,]\d{1,9})?)?"
    r"(?:[Zz]|[+-](?P<off_hour>\d{2})(?::?(?P<off_minute>\d{2}))?)?"
    r")?",
    re.ASCII,
)
_DATE_LIMITS = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59), "second": (0, 59)}
_INT64 = 2**63


def parse_policy_document(text: str, kind: PolicyKind = PolicyKind.IDENTITY) -> PolicyDocument:
    """Check ``text`` against IAM's policy grammar for ``kind``; MalformedPolicyDocument if it fails."""
    raw = _load_json(text, kind)
    version, policy_id, raw_statements = _top_level(raw)
    statements = tuple(_statement_syntax(entry) for entry in raw_statements)
    if kind is PolicyKind.IDENTITY and version != _CURRENT_VERSION:
        raise errors.policy_version_too_old()
    _principal_rules(statements, kind)
    _legacy_statement_rules(statements)
    if kind is PolicyKind.IDENTITY:
        _resource_format_rules(statements)
        _legacy_resource_rules(statements)
    _sid_rules(statements)
    for statement in statements:
        if not (statement.action or statement.not_action):
            raise errors.statement_without_actions()
    if kind is PolicyKind.IDENTITY:
        for statement in statements:
            if not (statement.resource or statement.not_resource):
                raise errors.statement_without_resources()
    _action_format_rules(statements)
    return PolicyDocument(text=text, kind=kind, version=version, id=policy_id, statements=statements)


# Phase 1: JSON and the grammar's shape ---------------------------------------------------


def _load_json(text: str, kind: PolicyKind) -> object:
    invalid_json = errors.trust_policy_invalid_json if kind is PolicyKind.TRUST else errors.policy_syntax_errors
    try:
        return json.loads(text, object_pairs_hook=_object_without_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise invalid_json() from None


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # DOC: "Individual elements must not contain multiple instances of the same key";
    # the error AWS gives is not recorded (CHOSEN: the generic syntax error).
    result = dict(pairs)
    if len(result) != len(pairs):
        raise errors.policy_syntax_errors()
    return result


def _no_constant(name: str) -> NoReturn:
    # NaN and Infinity are not JSON; Python's parser accepts them unless told otherwise.
    raise errors.policy_syntax_errors()


def _top_level(raw: object) -> tuple[str | None, str | None, list[Mapping[str, Any]]]:
    if not isinstance(raw, dict) or not raw.keys() <= _TOP_KEYS:
        raise errors.policy_syntax_errors()
    version = raw.get("Version")
    if version is not None and (not isinstance(version, str) or version not in _VERSIONS):
        raise errors.policy_syntax_errors()
    policy_id = raw.get("Id")
    if policy_id is not None and not isinstance(policy_id, str):
        raise errors.policy_syntax_errors()
    statements = raw.get("Statement")
    if isinstance(statements, dict):
        statements = [statements]
    if not isinstance(statements, list) or not statements:
        raise errors.policy_syntax_errors()
    if not all(isinstance(entry, dict) for entry in statements):
        raise errors.policy_syntax_errors()
    return version, policy_id, statements


def _statement_syntax(raw: Mapping[str, Any]) -> Statement:
    if not raw.keys() <= _STATEMENT_KEYS:
        raise errors.policy_syntax_errors()
    for first, second in (("Action", "NotAction"), ("Resource", "NotResource"), ("Principal", "NotPrincipal")):
        if first in raw and second in raw:
            raise errors.policy_syntax_errors()
    sid = raw.get("Sid")
    if sid is not None and not isinstance(sid, str):
        raise errors.policy_syntax_errors()
    effect = raw.get("Effect")
    if not isinstance(effect, str) or effect.lower() not in ("allow", "deny"):
        raise errors.policy_syntax_errors()
    return Statement(
        sid=sid,
        # The exact spelling is checked by the legacy phase; keep what was sent until then.
        effect=effect,
        action=_strings(raw, "Action"),
        not_action=_strings(raw, "NotAction"),
        resource=_strings(raw, "Resource"),
        not_resource=_strings(raw, "NotResource"),
        principal=_principal(raw, "Principal"),
        not_principal=_principal(raw, "NotPrincipal"),
        condition=_condition(raw.get("Condition")),
    )


def _strings(raw: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
    if key not in raw:
        return None
    value = raw[key]
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise errors.policy_syntax_errors()


def _principal(raw: Mapping[str, Any], key: str) -> PrincipalBlock | None:
    if key not in raw:
        return None
    value = raw[key]
    if value == "*":
        return "*"
    # INFERRED: the documented principal types, each a string or a list of strings.
    if not isinstance(value, dict) or not value or not value.keys() <= _PRINCIPAL_TYPES:
        raise errors.policy_syntax_errors()
    normalised: dict[str, tuple[str, ...]] = {}
    for principal_type in value:
        names = _strings(value, principal_type)
        if names is None:  # pragma: no cover - the key is present
            raise errors.policy_syntax_errors()
        normalised[principal_type] = names
    return normalised


def _condition(raw: object) -> Mapping[str, Mapping[str, tuple[ConditionValue, ...]]]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise errors.policy_syntax_errors()
    blocks: dict[str, dict[str, tuple[ConditionValue, ...]]] = {}
    for operator, block in raw.items():
        if not isinstance(block, dict):
            raise errors.policy_syntax_errors()
        # REAL: an unknown operator is refused only when it has keys (`{"x": {}}` is accepted).
        if block and not _known_operator(operator):
            raise errors.policy_syntax_errors()
        blocks[operator] = {key: _condition_values(values) for key, values in block.items()}
    return blocks


def _condition_values(values: object) -> tuple[ConditionValue, ...]:
    if isinstance(values, (str, int, float, bool)):
        return (values,)
    if isinstance(values, list) and all(isinstance(item, (str, int, float, bool)) for item in values):
        return tuple(values)
    raise errors.policy_syntax_errors()


def _base_operator(operator: str) -> str:
    """`ForAnyValue:StringEqualsIfExists` -> `stringequals` (CHOSEN: operators match in any case)."""
    name = operator.lower()
    for prefix in _SET_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    if name.endswith(_IF_EXISTS):
        name = name[: -len(_IF_EXISTS)]
    return name


def _known_operator(operator: str) -> bool:
    name = operator.lower()
    if name == "null":  # DOC: Null takes neither IfExists nor a set prefix
        return True
    return _base_operator(operator) in _BASE_OPERATORS


# Phase 3: who the policy is about --------------------------------------------------------


def _principal_rules(statements: tuple[Statement, ...], kind: PolicyKind) -> None:
    if kind is PolicyKind.IDENTITY:
        # DOC: identity policies name no principal; the text is REAL for Principal, CHOSEN for NotPrincipal.
        if any(s.principal is not None or s.not_principal is not None for s in statements):
            raise errors.principal_in_identity_policy()
        return
    for statement in statements:
        if statement.resource is not None:
            raise errors.trust_policy_prohibited_field("Resource")
        if statement.not_resource is not None:
            raise errors.trust_policy_prohibited_field("NotResource")
        # DOC: "You cannot use the NotPrincipal element ... in an IAM role trust policy" (text CHOSEN).
        if statement.not_principal is not None:
            raise errors.trust_policy_prohibited_field("NotPrincipal")
    if any(statement.principal is None for statement in statements):
        raise errors.trust_policy_without_principal()


# Phases 4 and 6: the legacy parser -------------------------------------------------------


def _legacy_statement_rules(statements: tuple[Statement, ...]) -> None:
    for statement in statements:
        if statement.effect not in ("Allow", "Deny"):
            raise errors.policy_failed_legacy_parsing()
        for operator, block in statement.condition.items():
            if _base_operator(operator).startswith("date"):
                for values in block.values():
                    if not all(_is_legacy_date(value) for value in values):
                        raise errors.policy_failed_legacy_parsing()


def _is_legacy_date(value: ConditionValue) -> bool:
    if isinstance(value, bool):
        return False
    text = str(value)
    if _EPOCH.fullmatch(text):
        return -_INT64 <= int(text) < _INT64
    match = _ISO_DATE.fullmatch(text)
    if match is None:
        return False
    for field, (low, high) in _DATE_LIMITS.items():
        found = match.group(field)
        if found is not None and not low <= int(found) <= high:
            return False
    offset_hour, offset_minute = match.group("off_hour"), match.group("off_minute")
    return (offset_hour is None or int(offset_hour) <= 23) and (offset_minute is None or int(offset_minute) <= 59)


def _resources(statement: Statement) -> tuple[str, ...]:
    return statement.resource or statement.not_resource or ()


def _legacy_resource_rules(statements: tuple[Statement, ...]) -> None:
    for statement in statements:
        for resource in _resources(statement):
            if resource == "*":
                continue
            masked = _POLICY_VARIABLE.sub("VAR", resource)
            fields = masked.split(":")
            # REAL: `arn:aws:s3::bucket` (too few fields around `::`) and an empty vendor fail here.
            if (len(fields) < 6 and "::" in masked) or (len(fields) > 2 and fields[2] == ""):
                raise errors.policy_failed_legacy_parsing()


# Phase 5: resources are ARNs ---------------------------------------------------------------


def _resource_format_rules(statements: tuple[Statement, ...]) -> None:
    for statement in statements:
        for resource in _resources(statement):
            problem = _resource_problem(resource)
            if problem is not None:
                raise problem


def _resource_problem(resource: str) -> IAMError | None:
    if resource == "*":
        return None
    # Policy variables may hold colons (`${aws:username}`); they are not ARN separators.
    fields = _POLICY_VARIABLE.sub("VAR", resource).split(":")
    if len(fields) < 2:
        return errors.resource_not_arn(resource)
    if fields[1] not in _PARTITIONS:
        raw_fields = resource.split(":")
        return errors.resource_partition_not_valid(raw_fields[1], _expanded_arn(raw_fields[1], raw_fields[2:]))
    if len(fields) < 3 or any(ch in fields[2] for ch in "*?"):
        return errors.resource_vendor_not_qualified()
    vendor = fields[2]
    region = fields[3] if len(fields) > 3 else ""
    account = fields[4] if len(fields) > 4 else ""
    if vendor == "iam" and region:
        return errors.iam_resource_with_region(resource)
    # REAL: `arn:aws:s3:us-east-1::bucket` is refused, an access point ARN with region and account is not.
    if vendor == "s3" and region and not account:
        return errors.resource_with_region(resource)
    if vendor == "iam":
        path = ":".join(fields[5:])
        if not (path == "root" or path.startswith("*") or path.startswith(_IAM_PATH_PREFIXES)):
            return errors.iam_resource_path_not_valid()
    return None


def _expanded_arn(partition: str, rest: list[str]) -> str:
    """How IAM spells a resource whose partition it rejects (REAL: missing fields become `*`)."""
    service, region, account = (rest[index] if len(rest) > index else "*" for index in range(3))
    resource = ":".join(rest[3:]) if len(rest) > 3 else "*"
    return f"arn:{partition}:{service}:{region}:{account}:{resource}"


# Phase 7: statement ids ---------------------------------------------------------------------


def _sid_rules(statements: tuple[Statement, ...]) -> None:
    seen: set[str] = set()
    for statement in statements:
        sid = statement.sid
        if sid is None:
            continue
        if not _SID.fullmatch(sid):
            raise errors.sid_not_alphanumeric()
        # REAL: empty Sids may repeat.
        if sid and sid in seen:
            raise errors.duplicate_sids()
        seen.add(sid)


# Phase 9: actions ----------------------------------------------------------------------------


def _action_format_rules(statements: tuple[Statement, ...]) -> None:
    for statement in statements:
        for action in statement.action or statement.not_action or ():
            if action == "*":
                continue
            if ":" not in action:
                raise errors.action_without_vendor()
            if action.count(":") > 1:
                raise errors.action_with_colons()
            vendor = action.split(":", 1)[0]
            if not _VENDOR.fullmatch(vendor):
                raise errors.action_vendor_not_valid(vendor)
