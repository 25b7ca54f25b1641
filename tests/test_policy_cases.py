"""A table of evaluation cases drawn from the reference's semantics (iam-authorization.md §1-§3).

Each case: the identity policy's statements (and optionally a boundary), the request, and the
expected outcome: A (allowed), E (explicit deny), I (implicit deny), optionally "/<type>" for the
policy type the denial names.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_iamfake.model.evaluation import Policy, PolicySet, Request, evaluate

ACCT = "123456789012"
ALICE = f"arn:aws:iam::{ACCT}:user/alice"
BOB = f"arn:aws:iam::{ACCT}:user/bob"
ENG_ALICE = f"arn:aws:iam::{ACCT}:user/eng/alice"
BASE: dict[str, Any] = {
    "aws:username": "alice",
    "aws:userid": "AIDAALICE",
    "aws:PrincipalType": "User",
    "aws:PrincipalArn": ALICE,
    "aws:PrincipalAccount": ACCT,
    "aws:SecureTransport": True,
    "aws:CurrentTime": "2026-12-02T12:00:00Z",
    "aws:EpochTime": "1796212800",
    "aws:SourceIp": "203.0.113.7",
}


def s(action: Any = "iam:GetUser", resource: Any = "*", effect: str = "Allow", **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"Effect": effect}
    out["NotAction" if extra.pop("not_action", False) else "Action"] = action
    out["NotResource" if extra.pop("not_resource", False) else "Resource"] = resource
    out.update(extra)
    return out


def d(action: Any = "iam:GetUser", resource: Any = "*", **extra: Any) -> dict[str, Any]:
    return s(action, resource, "Deny", **extra)


def cond(operator: str, key: str, value: Any, **more: Any) -> dict[str, Any]:
    """An Allow of iam:GetUser on * under one condition."""
    return s(Condition={operator: {key: value}}, **more)


CASES: list[Any] = []


def case(
    id: str,
    statements: list[dict[str, Any]],
    expected: str,
    *,
    action: str = "iam:GetUser",
    resource: str = ALICE,
    context: dict[str, Any] | None = None,
    version: str | None = "2012-10-17",
    boundary: list[dict[str, Any]] | None = None,
    caller: str = "user",
) -> None:
    CASES.append(pytest.param(statements, expected, action, resource, context, version, boundary, caller, id=id))


# --- Action / NotAction -----------------------------------------------------------------------
case("action-exact", [s("iam:GetUser")], "A")
case("action-other", [s("iam:ListUsers")], "I")
case("action-name-case-insensitive", [s("IAM:getuser")], "A")
case("action-prefix-case-insensitive", [s("Iam:GetUser")], "A")
case("action-star-suffix", [s("iam:Get*")], "A")
case("action-star-suffix-other", [s("iam:Get*")], "I", action="iam:ListUsers")
case("action-service-star", [s("iam:*")], "A")
case("action-all", [s("*")], "A")
case("action-star-prefix", [s("iam:*User")], "A")
case("action-star-prefix-not-longer", [s("iam:*User")], "I", action="iam:GetUserPolicy")
case("action-star-both-sides", [s("iam:*User*")], "A", action="iam:GetUserPolicy")
case("action-question-one-char", [s("iam:Get?ser")], "A")
case("action-question-exactly-one", [s("iam:Get??ser")], "I")
case("action-question-listpolicies", [s("iam:List?olicies")], "A", action="iam:ListPolicies")
case("action-other-service", [s("sts:*")], "I")
case("action-s3", [s("s3:*")], "I")
case("action-list-one-matches", [s(["s3:GetObject", "iam:GetUser"])], "A")
case("action-dot-is-literal", [s("iam:Get.ser")], "I")
case("action-no-partial-match", [s("iam:Get")], "I")
case("notaction-other-allows", [s("iam:ListUsers", not_action=True)], "A")
case("notaction-self-excludes", [s("iam:GetUser", not_action=True)], "I")
case("notaction-service-wildcard", [s("iam:*", not_action=True)], "I")
case("notaction-wildcard-other", [s("iam:Get*", not_action=True)], "A", action="iam:ListUsers")
case("notaction-other-service-allows", [s("s3:*", not_action=True)], "A")
case("deny-notaction-excluded", [s("*"), d("iam:GetUser", not_action=True)], "A")
case("deny-notaction-not-excluded", [s("*"), d("iam:ListUsers", not_action=True)], "E")
case("notaction-case-insensitive", [s("IAM:GETUSER", not_action=True)], "I")

# --- Resource / NotResource --------------------------------------------------------------------
case("resource-star", [s(resource="*")], "A")
case("resource-exact", [s(resource=ALICE)], "A")
case("resource-other-user", [s(resource=BOB)], "I")
case("resource-case-sensitive", [s(resource=f"arn:aws:iam::{ACCT}:user/Alice")], "I")
case("resource-account-wildcard", [s(resource="arn:aws:iam::*:user/alice")], "A")
case("resource-all-users", [s(resource="arn:aws:iam::*:user/*")], "A")
case("resource-prefix-star", [s(resource="arn:aws:iam::*:user/a*")], "A")
case("resource-prefix-star-other", [s(resource="arn:aws:iam::*:user/b*")], "I")
case("resource-question", [s(resource="arn:aws:iam::*:user/alic?")], "A")
case("resource-question-too-short", [s(resource="arn:aws:iam::*:user/ali?")], "I")
case("resource-path-not-matched-by-bare-name", [s(resource="arn:aws:iam::*:user/alice")], "I", resource=ENG_ALICE)
case("resource-star-spans-slash", [s(resource="arn:aws:iam::*:user/*")], "A", resource=ENG_ALICE)
case("resource-path-prefix", [s(resource="arn:aws:iam::*:user/eng/*")], "A", resource=ENG_ALICE)
case("resource-other-path", [s(resource="arn:aws:iam::*:user/ops/*")], "I", resource=ENG_ALICE)
case("resource-user-star-slash-name", [s(resource="arn:aws:iam::*:user/*/alice")], "A", resource=ENG_ALICE)
case("resource-user-star-slash-name-root-path", [s(resource="arn:aws:iam::*:user/*/alice")], "I")
case("resource-iam-everything", [s(resource="arn:aws:iam::*:*")], "A")
case("resource-trailing-star-spans-colons", [s(resource="arn:aws:iam::*")], "A")
case("resource-arn-aws-star", [s(resource="arn:aws:*")], "A")
case("resource-partition-wildcard", [s(resource="arn:*:iam::*:user/alice")], "A")
case("resource-wrong-account", [s(resource="arn:aws:iam::999999999999:user/alice")], "I")
case("resource-account-question", [s(resource="arn:aws:iam::12345678901?:user/alice")], "A")
case("resource-star-stays-in-segment", [s(resource="arn:aws:iam::*user/alice")], "I")
case("resource-group-not-user", [s(resource=f"arn:aws:iam::{ACCT}:group/*")], "I")
case(
    "resource-account-level-needs-star",
    [s("iam:GetAccountSummary", "arn:aws:iam::*:*")],
    "I",
    action="iam:GetAccountSummary",
    resource="*",
)
case(
    "resource-account-level-star", [s("iam:GetAccountSummary", "*")], "A", action="iam:GetAccountSummary", resource="*"
)
case("resource-list-one-matches", [s(resource=[BOB, ALICE])], "A")
case("resource-plus-is-literal", [s(resource="arn:aws:iam::*:user/a+b")], "A", resource=f"arn:aws:iam::{ACCT}:user/a+b")
case(
    "resource-plus-not-quantifier",
    [s(resource="arn:aws:iam::*:user/a+b")],
    "I",
    resource=f"arn:aws:iam::{ACCT}:user/aab",
)
case("notresource-other-allows", [s(resource=BOB, not_resource=True)], "A")
case("notresource-self-excludes", [s(resource=ALICE, not_resource=True)], "I")
case("notresource-all-users-excludes", [s(resource="arn:aws:iam::*:user/*", not_resource=True)], "I")
case("deny-notresource-excluded", [s(), d(resource=ALICE, not_resource=True)], "A")
case("deny-notresource-not-excluded", [s(), d(resource=BOB, not_resource=True)], "E")
case(
    "list-users-path-prefix",
    [s("iam:ListUsers", "arn:aws:iam::*:user/*")],
    "A",
    action="iam:ListUsers",
    resource=f"arn:aws:iam::{ACCT}:user/",
)
case(
    "list-users-own-arn-only",
    [s("iam:ListUsers", "arn:aws:iam::*:user/${aws:username}")],
    "I",
    action="iam:ListUsers",
    resource=f"arn:aws:iam::{ACCT}:user/",
)

# --- Policy variables and Version ----------------------------------------------------------------
OWN = "arn:aws:iam::*:user/${aws:username}"
case("var-username-self", [s(resource=OWN)], "A")
case("var-username-other", [s(resource=OWN)], "I", resource=BOB)
case("var-version-2008-literal", [s(resource=OWN)], "I", version="2008-10-17")
case("var-no-version-literal", [s(resource=OWN)], "I", version=None)
case("var-key-case-insensitive", [s(resource="arn:aws:iam::*:user/${AWS:UserName}")], "A")
case(
    "var-principal-tag",
    [s(resource="arn:aws:iam::*:user/${aws:PrincipalTag/buddy}")],
    "A",
    resource=BOB,
    context={"aws:PrincipalTag/buddy": "bob"},
)
case("var-principal-tag-missing", [s(resource="arn:aws:iam::*:user/${aws:PrincipalTag/buddy}")], "I", resource=BOB)
case("var-default-used", [s(resource="arn:aws:iam::*:user/${aws:PrincipalTag/buddy, 'alice'}")], "A")
case(
    "var-default-not-used",
    [s(resource="arn:aws:iam::*:user/${aws:PrincipalTag/buddy, 'alice'}")],
    "I",
    context={"aws:PrincipalTag/buddy": "bob"},
)
case("var-star-is-literal", [s(resource="arn:aws:iam::*:user/${*}")], "I")
case(
    "var-star-matches-star-char", [s(resource="arn:aws:iam::*:user/${*}")], "A", resource=f"arn:aws:iam::{ACCT}:user/*"
)
case("var-question-is-literal", [s(resource="arn:aws:iam::*:user/alic${?}")], "I")
case("var-dollar", [s(resource="arn:aws:iam::*:user/alice${$}")], "A", resource=f"arn:aws:iam::{ACCT}:user/alice$")
case("var-not-in-account-segment", [s(resource="arn:aws:iam::${aws:PrincipalAccount}:user/alice")], "I")
case("var-not-in-action", [s("iam:${aws:username}")], "I")
case(
    "var-userid", [s(resource="arn:aws:iam::*:user/${aws:userid}")], "A", resource=f"arn:aws:iam::{ACCT}:user/AIDAALICE"
)
case(
    "var-multivalued-key-has-no-value",
    [s(resource="arn:aws:iam::*:user/${aws:TagKeys}")],
    "I",
    context={"aws:TagKeys": ["alice"]},
)
case("var-role-session-has-no-username", [s(resource=OWN)], "I", context={"aws:username": None}, caller="role-session")
case(
    "var-in-string-equals",
    [cond("StringEquals", "aws:PrincipalTag/owner", "${aws:username}")],
    "A",
    context={"aws:PrincipalTag/owner": "alice"},
)
case(
    "var-in-string-equals-mismatch",
    [cond("StringEquals", "aws:PrincipalTag/owner", "${aws:username}")],
    "I",
    context={"aws:PrincipalTag/owner": "bob"},
)
case(
    "var-in-string-like",
    [cond("StringLike", "aws:PrincipalTag/owner", "${aws:username}*")],
    "A",
    context={"aws:PrincipalTag/owner": "alice-team"},
)
case(
    "var-missing-string-equals",
    [cond("StringEquals", "aws:PrincipalTag/owner", "${aws:PrincipalTag/x}")],
    "I",
    context={"aws:PrincipalTag/owner": "alice"},
)
case(
    "var-missing-string-not-equals",
    [cond("StringNotEquals", "aws:PrincipalTag/owner", "${aws:PrincipalTag/x}")],
    "A",
    context={"aws:PrincipalTag/owner": "alice"},
)
case(
    "var-in-condition-2008-literal",
    [cond("StringEquals", "aws:username", "${aws:username}")],
    "I",
    version="2008-10-17",
)
case("var-not-in-numeric", [cond("NumericEquals", "aws:EpochTime", "${aws:EpochTime}")], "I")
case("var-in-arn-like", [cond("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:user/${aws:username}")], "A")
case(
    "var-value-escaped-in-like",
    [cond("StringLike", "aws:PrincipalTag/owner", "${aws:PrincipalTag/p}")],
    "I",
    context={"aws:PrincipalTag/p": "a*", "aws:PrincipalTag/owner": "abc"},
)

# --- String operators -------------------------------------------------------------------------------
case("streq-match", [cond("StringEquals", "aws:username", "alice")], "A")
case("streq-case-sensitive", [cond("StringEquals", "aws:username", "Alice")], "I")
case("streq-missing-key", [cond("StringEquals", "aws:PrincipalTag/team", "x")], "I")
case("strne-differs", [cond("StringNotEquals", "aws:username", "bob")], "A")
case("strne-same", [cond("StringNotEquals", "aws:username", "alice")], "I")
case("strne-missing-key-true", [cond("StringNotEquals", "aws:PrincipalTag/team", "x")], "A")
case("streqic-case-differs", [cond("StringEqualsIgnoreCase", "aws:username", "ALICE")], "A")
case("strneic-same-other-case", [cond("StringNotEqualsIgnoreCase", "aws:username", "ALICE")], "I")
case("strneic-missing-key", [cond("StringNotEqualsIgnoreCase", "aws:PrincipalTag/t", "x")], "A")
case("strlike-star", [cond("StringLike", "aws:username", "al*")], "A")
case("strlike-case-sensitive", [cond("StringLike", "aws:username", "Al*")], "I")
case("strlike-question", [cond("StringLike", "aws:username", "a?ice")], "A")
case("strlike-needs-wildcard-for-partial", [cond("StringLike", "aws:username", "ali")], "I")
case("strlike-star-crosses-colon", [cond("StringLike", "aws:PrincipalArn", "arn:*:user/alice")], "A")
case("strlike-missing", [cond("StringLike", "aws:PrincipalTag/t", "*")], "I")
case("strnotlike-other", [cond("StringNotLike", "aws:username", "b*")], "A")
case("strnotlike-matching", [cond("StringNotLike", "aws:username", "a*")], "I")
case("strnotlike-missing-true", [cond("StringNotLike", "aws:PrincipalTag/t", "a*")], "A")
case("values-or", [cond("StringEquals", "aws:username", ["bob", "alice"])], "A")
case("negated-values-and-one-equal", [cond("StringNotEquals", "aws:username", ["bob", "alice"])], "I")
case("negated-values-and-none-equal", [cond("StringNotEquals", "aws:username", ["bob", "carol"])], "A")
case("keys-and-both", [s(Condition={"StringEquals": {"aws:username": "alice", "aws:PrincipalType": "User"}})], "A")
case("keys-and-one-fails", [s(Condition={"StringEquals": {"aws:username": "alice", "aws:PrincipalType": "Role"}})], "I")
case(
    "operators-and-one-fails",
    [s(Condition={"StringEquals": {"aws:username": "alice"}, "Bool": {"aws:SecureTransport": "false"}})],
    "I",
)
case(
    "operators-and-both",
    [s(Condition={"StringEquals": {"aws:username": "alice"}, "Bool": {"aws:SecureTransport": "true"}})],
    "A",
)
case("key-name-case-insensitive", [cond("StringEquals", "AWS:USERNAME", "alice")], "A")
case(
    "tag-key-case-insensitive",
    [cond("StringEquals", "aws:PrincipalTag/TEAM", "x")],
    "A",
    context={"aws:PrincipalTag/team": "x"},
)
case("streq-ifexists-missing", [cond("StringEqualsIfExists", "aws:PrincipalTag/t", "x")], "A")
case("streq-ifexists-present-mismatch", [cond("StringEqualsIfExists", "aws:username", "bob")], "I")
case("strne-ifexists-present-same", [cond("StringNotEqualsIfExists", "aws:username", "alice")], "I")
case(
    "condition-value-number", [cond("StringEquals", "aws:PrincipalTag/n", 5)], "A", context={"aws:PrincipalTag/n": "5"}
)

# --- Numeric ---------------------------------------------------------------------------------------
N = "aws:MultiFactorAuthAge"
case("num-eq", [cond("NumericEquals", N, "5")], "A", context={N: 5})
case("num-eq-decimal", [cond("NumericEquals", N, "5.0")], "A", context={N: "5"})
case("num-lt", [cond("NumericLessThan", N, "10")], "A", context={N: 5})
case("num-lt-equal-false", [cond("NumericLessThan", N, "10")], "I", context={N: 10})
case("num-le-equal", [cond("NumericLessThanEquals", N, "10")], "A", context={N: 10})
case("num-gt", [cond("NumericGreaterThan", N, "3")], "A", context={N: 5})
case("num-ge-less", [cond("NumericGreaterThanEquals", N, "6")], "I", context={N: 5})
case("num-ne-same", [cond("NumericNotEquals", N, "5")], "I", context={N: 5})
case("num-ne-missing-true", [cond("NumericNotEquals", N, "5")], "A")
case("num-lt-missing", [cond("NumericLessThan", N, "3600")], "I")
case("num-lt-ifexists-missing", [cond("NumericLessThanIfExists", N, "3600")], "A")
case("num-not-a-number", [cond("NumericLessThan", N, "10")], "I", context={N: "soon"})
case("num-deny-old-mfa", [s(), d(Condition={"NumericGreaterThan": {N: "3600"}})], "E", context={N: 7200})

# --- Date --------------------------------------------------------------------------------------------
T = "aws:CurrentTime"
case("date-gt", [cond("DateGreaterThan", T, "2026-01-01T00:00:00Z")], "A")
case("date-lt", [cond("DateLessThan", T, "2026-01-01T00:00:00Z")], "I")
case("date-lt-future", [cond("DateLessThan", T, "2027-01-01T00:00:00Z")], "A")
case("date-policy-epoch", [cond("DateGreaterThan", T, "1767225600")], "A")
case("date-eq-epoch-vs-iso", [cond("DateEquals", T, "1796212800")], "A")
case("date-ne-missing", [cond("DateNotEquals", "aws:TokenIssueTime", "2026-01-01T00:00:00Z")], "A")
case("date-lt-missing", [cond("DateLessThan", "aws:TokenIssueTime", "2027-01-01T00:00:00Z")], "I")
case("date-only", [cond("DateLessThan", T, "2027-01-01")], "A")
case("date-offset", [cond("DateEquals", T, "2026-12-02T13:00:00+01:00")], "A")
case("date-le-equal", [cond("DateLessThanEquals", T, "2026-12-02T12:00:00Z")], "A")
case("date-ge-equal", [cond("DateGreaterThanEquals", T, "2026-12-02T12:00:00Z")], "A")
case("date-invalid", [cond("DateGreaterThan", T, "yesterday")], "I")
case("date-epoch-key", [cond("DateGreaterThan", "aws:EpochTime", "2026-01-01T00:00:00Z")], "A")
case("date-ne-same", [cond("DateNotEquals", T, "2026-12-02T12:00:00Z")], "I")

# --- Bool ---------------------------------------------------------------------------------------------
M = "aws:MultiFactorAuthPresent"
case("bool-true-absent", [cond("Bool", M, "true")], "I")
case("bool-true-present", [cond("Bool", M, "true")], "A", context={M: True})
case("bool-ifexists-absent", [cond("BoolIfExists", M, "true")], "A")
case("bool-ifexists-false", [cond("BoolIfExists", M, "true")], "I", context={M: False})
case("bool-false-false", [cond("Bool", M, "false")], "A", context={M: "false"})
case("bool-policy-case", [cond("Bool", M, "True")], "A", context={M: "true"})
case("bool-json-true", [cond("Bool", "aws:SecureTransport", True)], "A")
case("deny-bool-false-absent-no-effect", [s(), d(Condition={"Bool": {M: "false"}})], "A")
case("deny-boolifexists-false-absent-denies", [s(), d(Condition={"BoolIfExists": {M: "false"}})], "E")
case("deny-boolifexists-false-with-mfa", [s(), d(Condition={"BoolIfExists": {M: "false"}})], "A", context={M: True})
case("deny-bool-false-role-without-mfa", [s(), d(Condition={"Bool": {M: "false"}})], "E", context={M: False})
case("null-false-mfa-absent", [cond("Null", M, "false")], "I")
case("null-false-mfa-present", [cond("Null", M, "false")], "A", context={M: False})

# --- Binary ---------------------------------------------------------------------------------------------
case(
    "binary-eq",
    [cond("BinaryEquals", "aws:PrincipalTag/blob", "QmluYXJ5VmFsdWU=")],
    "A",
    context={"aws:PrincipalTag/blob": b"BinaryValue"},
)
case(
    "binary-ne",
    [cond("BinaryEquals", "aws:PrincipalTag/blob", "QmluYXJ5VmFsdWU=")],
    "I",
    context={"aws:PrincipalTag/blob": b"Other"},
)
case("binary-missing", [cond("BinaryEquals", "aws:PrincipalTag/blob", "QmluYXJ5VmFsdWU=")], "I")
case("binary-ifexists-missing", [cond("BinaryEqualsIfExists", "aws:PrincipalTag/blob", "QQ==")], "A")

# --- IP address -------------------------------------------------------------------------------------------
IP = "aws:SourceIp"
case("ip-in-cidr", [cond("IpAddress", IP, "203.0.113.0/24")], "A")
case("ip-out-of-cidr", [cond("IpAddress", IP, "198.51.100.0/24")], "I")
case("ip-no-prefix-is-32", [cond("IpAddress", IP, "203.0.113.7")], "A")
case("ip-no-prefix-other", [cond("IpAddress", IP, "203.0.113.8")], "I")
case("notip-outside", [cond("NotIpAddress", IP, "198.51.100.0/24")], "A")
case("notip-inside", [cond("NotIpAddress", IP, "203.0.113.0/24")], "I")
case("notip-missing-true", [cond("NotIpAddress", IP, "203.0.113.0/24")], "A", context={IP: None})
case("ip-missing", [cond("IpAddress", IP, "0.0.0.0/0")], "I", context={IP: None})
case("ip-v6", [cond("IpAddress", IP, "2001:db8::/32")], "A", context={IP: "2001:db8::1"})
case("ip-v4-vs-v6", [cond("IpAddress", IP, "2001:db8::/32")], "I")
case("ip-several-cidrs-or", [cond("IpAddress", IP, ["198.51.100.0/24", "203.0.113.0/24"])], "A")
case("ip-malformed", [cond("IpAddress", IP, "not-an-ip")], "I")
case("deny-outside-office", [s(), d(Condition={"NotIpAddress": {IP: "198.51.100.0/24"}})], "E")

# --- ARN ---------------------------------------------------------------------------------------------------
PA = "aws:PrincipalArn"
case("arneq-exact", [cond("ArnEquals", PA, ALICE)], "A")
case("arnlike-users", [cond("ArnLike", PA, "arn:aws:iam::*:user/*")], "A")
case("arnlike-roles", [cond("ArnLike", PA, "arn:aws:iam::*:role/*")], "I")
case("arneq-wildcards-like-arnlike", [cond("ArnEquals", PA, "arn:aws:iam::*:user/a*")], "A")
case("arnlike-star-stays-in-segment", [cond("ArnLike", PA, "arn:*:user/alice")], "I")
case("arnnotlike-matching", [cond("ArnNotLike", PA, "arn:aws:iam::*:user/*")], "I")
case("arnnotlike-missing-true", [cond("ArnNotLike", "aws:SourceArn", "arn:aws:s3:::*")], "A")
case("arnnoteq-other", [cond("ArnNotEquals", PA, BOB)], "A")
case("arnlike-missing", [cond("ArnLike", "aws:SourceArn", "arn:*")], "I")
case("arnlike-case-sensitive", [cond("ArnLike", PA, "arn:aws:iam::*:user/ALICE")], "I")

# --- Null -----------------------------------------------------------------------------------------------------
case("null-true-absent", [cond("Null", "aws:PrincipalTag/t", "true")], "A")
case("null-true-present", [cond("Null", "aws:username", "true")], "I")
case("null-false-present", [cond("Null", "aws:username", "false")], "A")
case("null-false-absent", [cond("Null", "aws:PrincipalTag/t", "false")], "I")
case("null-both-values-or", [cond("Null", "aws:PrincipalTag/t", ["true", "false"])], "A")
case("null-empty-set-is-null", [cond("Null", "aws:TagKeys", "true")], "A", context={"aws:TagKeys": []})

# --- Set operators ---------------------------------------------------------------------------------------------
K = "aws:TagKeys"
case("forall-subset", [cond("ForAllValues:StringEquals", K, ["a", "b"])], "A", context={K: ["a"]})
case("forall-not-subset", [cond("ForAllValues:StringEquals", K, ["a", "b"])], "I", context={K: ["a", "c"]})
case("forall-absent-true", [cond("ForAllValues:StringEquals", K, ["a"])], "A")
case("forall-empty-true", [cond("ForAllValues:StringEquals", K, ["a"])], "A", context={K: []})
case("foranyvalue-one", [cond("ForAnyValue:StringEquals", K, ["a"])], "A", context={K: ["a", "c"]})
case("foranyvalue-none", [cond("ForAnyValue:StringEquals", K, ["a"])], "I", context={K: ["c"]})
case("foranyvalue-absent-false", [cond("ForAnyValue:StringEquals", K, ["a"])], "I")
case("foranyvalue-empty-false", [cond("ForAnyValue:StringEquals", K, ["a"])], "I", context={K: []})
case("forall-like", [cond("ForAllValues:StringLike", K, ["env*"])], "A", context={K: ["env1", "env2"]})
case("deny-forall-notlike-absent-denies", [s(), d(Condition={"ForAllValues:StringNotLike": {K: "key1*"}})], "E")
case(
    "deny-forall-notlike-with-null-guard",
    [s(), d(Condition={"ForAllValues:StringNotLike": {K: "key1*"}, "Null": {K: "false"}})],
    "A",
)
case("forall-notequals-none-equal", [cond("ForAllValues:StringNotEquals", K, ["a"])], "A", context={K: ["b", "c"]})
case("forall-notequals-one-equal", [cond("ForAllValues:StringNotEquals", K, ["a"])], "I", context={K: ["a", "b"]})
case("forany-notequals-one-differs", [cond("ForAnyValue:StringNotEquals", K, ["a"])], "A", context={K: ["a", "b"]})
case("forany-notequals-all-equal", [cond("ForAnyValue:StringNotEquals", K, ["a"])], "I", context={K: ["a"]})
case("forany-single-valued-key", [cond("ForAnyValue:StringEquals", "aws:username", "alice")], "A")
case("forall-ifexists-absent", [cond("ForAllValues:StringEqualsIfExists", K, ["a"])], "A")
case("forany-ifexists-absent", [cond("ForAnyValue:StringEqualsIfExists", K, ["a"])], "A")
case("forany-ignorecase", [cond("ForAnyValue:StringEqualsIgnoreCase", K, ["A"])], "A", context={K: ["a"]})
case("plain-operator-multivalued-any", [cond("StringEquals", K, "b")], "A", context={K: ["a", "b"]})
case("unknown-operator-never-holds", [cond("StringSortOfEquals", "aws:username", "alice")], "I")
case("unknown-set-operator-never-holds", [cond("ForSomeValues:StringEquals", K, ["a"])], "I", context={K: ["a"]})
case("operator-name-case-tolerated", [cond("stringequals", "aws:username", "alice")], "A")

# --- Effects and decision order --------------------------------------------------------------------------------
case("nothing-allows", [], "I/identity-based")
case("allow-and-deny", [s(), d()], "E/identity-based")
case("deny-only", [d()], "E")
case("deny-failed-condition-no-effect", [s(), d(Condition={"StringEquals": {"aws:username": "bob"}})], "A")
case("allow-failed-condition-is-implicit", [cond("StringEquals", "aws:username", "bob")], "I")
case("deny-other-resource-no-effect", [s(), d(resource=BOB)], "A")
case("deny-other-action-no-effect", [s(), d("iam:DeleteUser")], "A")
case("deny-wildcard-all", [s(), d("*")], "E")
case("allow-after-deny-order-irrelevant", [d(), s()], "E")
case("boundary-allows", [s()], "A", boundary=[s("iam:Get*")])
case("boundary-lacks", [s()], "I/permissions boundary", boundary=[s("iam:List*")])
case("boundary-deny", [s()], "E/permissions boundary", boundary=[s("*"), d()])
case("boundary-only-grants-nothing", [], "I/identity-based", boundary=[s()])
case("boundary-resource-scoped", [s()], "I/permissions boundary", boundary=[s(resource=BOB)])
case(
    "boundary-condition-fails", [s()], "I/permissions boundary", boundary=[cond("StringEquals", "aws:username", "bob")]
)
case("identity-deny-beats-boundary-allow", [s(), d()], "E/identity-based", boundary=[s()])
case("root-ignores-policies", [d()], "A", caller="root")


@pytest.mark.parametrize(
    ("statements", "expected", "action", "resource", "context", "version", "boundary", "caller"), CASES
)
def test_case(
    statements: list[dict[str, Any]],
    expected: str,
    action: str,
    resource: str,
    context: dict[str, Any] | None,
    version: str | None,
    boundary: list[dict[str, Any]] | None,
    caller: str,
) -> None:
    document: dict[str, Any] = {"Statement": statements}
    if version is not None:
        document["Version"] = version
    keys = {**BASE, **(context or {})}
    identity = [Policy.inline(document, "case", "user alice")]
    bound = None
    if boundary is not None:
        bound = Policy.managed({"Version": "2012-10-17", "Statement": boundary}, f"arn:aws:iam::{ACCT}:policy/b")
    request = Request.of(ALICE, action, resource, keys, caller)  # type: ignore[arg-type]
    decision = evaluate(request, PolicySet(identity, boundary=bound))
    outcome, _, denied_by = expected.partition("/")
    assert decision.decision == {"A": "allowed", "E": "explicitDeny", "I": "implicitDeny"}[outcome], str(decision)
    if denied_by:
        assert decision.denied_by == denied_by
    str(decision)  # every decision explains itself without error


def test_the_table_has_at_least_150_cases() -> None:
    assert len(CASES) >= 150
    assert len({c.id for c in CASES}) == len(CASES)
