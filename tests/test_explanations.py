"""Explanations: iamfake.explain, assert_allowed / assert_denied, refused Calls carrying theirs,
and the authorization option."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError
from helpers import allow, allowing

from pytest_iamfake import Decision, UsageError

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
OWN_KEYS = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "OwnKeys",
            "Effect": "Allow",
            "Action": ["iam:CreateAccessKey", "iam:ListAccessKeys"],
            "Resource": "arn:aws:iam::*:user/${aws:username}",
        },
        {
            "Sid": "NoDeletes",
            "Effect": "Deny",
            "Action": "iam:Delete*",
            "Resource": "*",
            "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}},
        },
    ],
}


def test_explain_names_every_statement_and_what_failed(iamfake):
    allow(iamfake, "alice", OWN_KEYS, name="keys")
    decision = iamfake.explain("alice", "iam:CreateAccessKey", f"arn:aws:iam::{ACCOUNT}:user/bob")
    assert isinstance(decision, Decision)
    assert (decision.allowed, decision.decision) == (False, "implicitDeny")
    text = str(decision)
    assert text.startswith(
        f"DENIED (implicit): {ALICE} (user) -> iam:CreateAccessKey on arn:aws:iam::{ACCOUNT}:user/bob"
    )
    assert "inline policy keys of user alice" in text
    # The variable is shown resolved, so the reason is plain to read.
    assert "arn:aws:iam::*:user/alice (from arn:aws:iam::*:user/${aws:username})" in text
    assert (
        "statement 1 (Sid NoDeletes), Deny: no match: action iam:CreateAccessKey is not in Action [iam:Delete*]" in text
    )
    assert iamfake.explain(ALICE, "iam:CreateAccessKey", ALICE.replace("user/", "user/")).allowed


def test_explain_with_context_keys(iamfake):
    allow(iamfake, "alice", OWN_KEYS)
    target = f"arn:aws:iam::{ACCOUNT}:user/alice"
    assert iamfake.explain("alice", "iam:DeleteAccessKey", target).decision == "explicitDeny"
    with_mfa = iamfake.explain("alice", "iam:DeleteAccessKey", target, context={"aws:MultiFactorAuthPresent": True})
    assert with_mfa.decision == "implicitDeny"  # the deny no longer applies; nothing allows


def test_assert_allowed_and_denied(iamfake):
    allow(iamfake, "alice", OWN_KEYS)
    iamfake.assert_allowed("alice", "iam:ListAccessKeys", ALICE)
    iamfake.assert_denied("alice", "iam:ListAccessKeys", f"arn:aws:iam::{ACCOUNT}:user/bob")
    with pytest.raises(AssertionError) as exc_info:
        iamfake.assert_allowed("alice", "iam:DeleteUser", ALICE)
    assert str(exc_info.value).startswith(f"DENIED (explicit deny): {ALICE}")
    assert "Sid NoDeletes), Deny: MATCHED" in str(exc_info.value)
    with pytest.raises(AssertionError, match=r"^ALLOWED"):
        iamfake.assert_denied("alice", "iam:CreateAccessKey", ALICE)


def test_the_root_is_always_allowed_and_unknown_names_are_usage_errors(iamfake):
    iamfake.assert_allowed(f"arn:aws:iam::{ACCOUNT}:root", "iam:DeleteUser", ALICE)
    with pytest.raises(UsageError, match="no IAM user or role 'ghost'"):
        iamfake.explain("ghost", "iam:GetUser")


def test_explain_a_role(iamfake, iam):
    iamfake.add_role("app")
    iam.put_role_policy(RoleName="app", PolicyName="list", PolicyDocument=json.dumps(allowing("iam:List*")))
    iamfake.assert_allowed("app", "iam:ListUsers")
    decision = iamfake.explain(f"arn:aws:iam::{ACCOUNT}:role/app", "iam:CreateUser")
    assert str(decision).startswith(
        f"DENIED (implicit): arn:aws:sts::{ACCOUNT}:assumed-role/app/explain (role-session)"
    )


def test_a_refused_call_carries_its_explanation(iamfake):
    allow(iamfake, "alice", OWN_KEYS)
    alice = iamfake.client(user="alice")
    alice.list_access_keys()
    with pytest.raises(ClientError):
        alice.list_access_keys(UserName="bob")
    ok, refused = iamfake.calls
    assert ok.explanation is None
    assert refused.error == "AccessDenied"
    assert refused.explanation == str(
        iamfake.explain("alice", "iam:ListAccessKeys", f"arn:aws:iam::{ACCOUNT}:user/bob")
    )
    assert "statement 0 (Sid OwnKeys), Allow: no match: resource" in refused.explanation


def test_other_errors_carry_no_explanation(iamfake, iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_user(UserName="ghost")
    assert iamfake.calls[-1].explanation is None


@pytest.mark.iamfake(users=["alice"], authorization="off")
def test_authorization_off_lets_everything_through(iamfake):
    alice = iamfake.client(user="alice")
    assert alice.create_user(UserName="carol")["User"]["UserName"] == "carol"
    assert alice.list_users()["Users"]
    # explain still answers what enforcement would say.
    assert not iamfake.explain("alice", "iam:CreateUser").allowed


@pytest.mark.iamfake(users=["alice"], authorization="off")
def test_authorization_off_skips_trust_and_task_policies(iamfake):
    nobody = f"arn:aws:iam::{ACCOUNT}:user/nobody-at-all"
    iamfake.add_role(
        "locked",
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": nobody}, "Action": "sts:AssumeRole"}],
        },
    )
    answer = iamfake.client("sts", user="alice").assume_role(
        RoleArn=f"arn:aws:iam::{ACCOUNT}:role/locked", RoleSessionName="s1"
    )
    assert answer["AssumedRoleUser"]["Arn"].endswith("assumed-role/locked/s1")


def test_an_unknown_authorization_mode_is_a_usage_error():
    from pytest_iamfake import fake_iam

    with pytest.raises(UsageError, match=r"authorization='audit' is not valid; use one of: enforce, off"):
        fake_iam(authorization="audit")


def test_a_failed_assert_shows_the_explanation_not_the_plugins_frames(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.iamfake(users=["alice"])
        def test_it(iamfake):
            iamfake.assert_allowed("alice", "iam:CreateUser", "arn:aws:iam::123456789012:user/bob")
        """
    )
    result = pytester.runpytest_inprocess("-p", "iamfake")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*AssertionError: DENIED (implicit): arn:aws:iam::123456789012:user/alice*"])
    assert "def assert_allowed" not in result.stdout.str()
