"""AWS's documented self-service policies (reference iam-authorization.md §6, verbatim) behave as AWS
documents them (§6.8), and AllowUsersToChangePassword is an identity-based grant (§7)."""

from __future__ import annotations

import json
from typing import Any

import policy_docs
import pytest
from botocore.exceptions import ClientError
from helpers import allow, error_of

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"
OLD, NEW = "Old!Passw0rd-1", "New!Passw0rd-2"

# §6.1 IAMUserChangePassword, the current version (v3) and the one before it (v2).
CHANGE_PASSWORD_V3 = json.loads(policy_docs.IAM_USER_CHANGE_PASSWORD)  # the reference's text, verbatim
CHANGE_PASSWORD_V2 = json.loads(policy_docs.IAM_USER_CHANGE_PASSWORD_V2)  # the reference's text, verbatim
# §6.4 "Allows MFA-authenticated IAM users to manage their own credentials" (2023 copy).
MFA_SELF_MANAGE = json.loads(policy_docs.MFA_SELF_MANAGE)  # the reference's text, verbatim
# §6.5 "Allows IAM users to self-manage an MFA device" (BlockMostAccessUnlessSignedInWithMFA).
MFA_DEVICE_SELF_MANAGE = json.loads(policy_docs.MFA_DEVICE_SELF_MANAGE)  # the reference's text, verbatim
# §6.7 "Allows IAM users to update their own credentials programmatically and in the console".
UPDATE_OWN_CREDENTIALS = json.loads(policy_docs.OWN_CREDENTIALS)  # the reference's text, verbatim


def denial(exc_info: pytest.ExceptionInfo[ClientError]) -> str:
    code, status, message = error_of(exc_info)
    assert (code, status) == ("AccessDenied", 403)
    return message


def user_arn(name: str, path: str = "/") -> str:
    return f"arn:aws:iam::{ACCOUNT}:user{path}{name}"


@pytest.fixture
def passwords(iamfake):  # type: ignore[no-untyped-def]
    for name in ("alice", "bob"):
        iamfake.add_login_profile(name, OLD)


def test_iam_user_change_password_lets_a_user_change_their_own_password(iamfake, passwords):
    allow(iamfake, "alice", CHANGE_PASSWORD_V3)
    alice = iamfake.client(user="alice")
    alice.change_password(OldPassword=OLD, NewPassword=NEW)
    assert iamfake.check_password("alice", NEW)
    iamfake.set_password_policy(MinimumPasswordLength=8)
    assert alice.get_account_password_policy()["PasswordPolicy"]["MinimumPasswordLength"] == 8


def test_and_nobody_elses(iamfake, passwords):
    allow(iamfake, "alice", CHANGE_PASSWORD_V3)
    alice = iamfake.client(user="alice")
    with pytest.raises(ClientError) as exc_info:
        alice.update_login_profile(UserName="bob", Password=NEW)
    assert denial(exc_info) == (
        f"User: {user_arn('alice')} is not authorized to perform: iam:UpdateLoginProfile on resource: user bob "
        "because no identity-based policy allows the iam:UpdateLoginProfile action"
    )
    assert iamfake.check_password("bob", OLD)
    with pytest.raises(ClientError) as exc_info:
        alice.create_access_key()
    assert "because no identity-based policy allows the iam:CreateAccessKey action" in denial(exc_info)


def test_a_user_without_it_is_refused(iamfake, passwords):
    bob = iamfake.client(user="bob")
    with pytest.raises(ClientError) as exc_info:
        bob.change_password(OldPassword=OLD, NewPassword=NEW)
    assert denial(exc_info) == (
        f"User: {user_arn('bob')} is not authorized to perform: iam:ChangePassword on resource: user bob "
        "because no identity-based policy allows the iam:ChangePassword action"
    )
    assert iamfake.check_password("bob", OLD)


@pytest.mark.parametrize(("document", "allowed"), [(CHANGE_PASSWORD_V3, True), (CHANGE_PASSWORD_V2, False)])
def test_only_the_current_version_matches_a_user_with_a_path(iamfake, document, allowed):
    iamfake.add_user("carol", path="/eng/")
    iamfake.add_login_profile("carol", OLD)
    allow(iamfake, "carol", document)
    carol = iamfake.client(user="carol")
    if allowed:
        carol.change_password(OldPassword=OLD, NewPassword=NEW)
    else:
        with pytest.raises(ClientError) as exc_info:
            carol.change_password(OldPassword=OLD, NewPassword=NEW)
        assert denial(exc_info).startswith(f"User: {user_arn('carol', '/eng/')} is not authorized")
    assert iamfake.check_password("carol", NEW if allowed else OLD)


def test_aws_managed_iam_user_change_password_is_the_current_version(iamfake, passwords, iam):
    if not iamfake.backend.covers("iam", "AttachUserPolicy"):
        pytest.skip("managed policy attachments are not modelled in this version")
    iam.attach_user_policy(UserName="alice", PolicyArn="arn:aws:iam::aws:policy/IAMUserChangePassword")
    iamfake.client(user="alice").change_password(OldPassword=OLD, NewPassword=NEW)
    assert iamfake.check_password("alice", NEW)


# --- §7: AllowUsersToChangePassword ---


@pytest.mark.iamfake(password_policy={"AllowUsersToChangePassword": True}, users=["alice", "bob"])
def test_allow_users_to_change_password_grants_exactly_two_actions(iamfake, passwords):
    alice = iamfake.client(user="alice")
    alice.change_password(OldPassword=OLD, NewPassword=NEW)
    assert alice.get_account_password_policy()["PasswordPolicy"]["AllowUsersToChangePassword"] is True
    with pytest.raises(ClientError) as exc_info:
        alice.get_user()
    assert "because no identity-based policy allows the iam:GetUser action" in denial(exc_info)


@pytest.mark.iamfake(password_policy={"AllowUsersToChangePassword": True}, users=["alice", "bob"])
def test_an_explicit_deny_beats_allow_users_to_change_password(iamfake, passwords):
    """REAL (reference §7): an MFA-enforcing deny blocked users even with the account setting on."""
    allow(iamfake, "alice", MFA_SELF_MANAGE)
    with pytest.raises(ClientError) as exc_info:
        iamfake.client(user="alice").change_password(OldPassword=OLD, NewPassword=NEW)
    assert denial(exc_info) == (
        f"User: {user_arn('alice')} is not authorized to perform: iam:ChangePassword on resource: user alice "
        "with an explicit deny in an identity-based policy"
    )


@pytest.mark.iamfake(password_policy={"AllowUsersToChangePassword": True}, users=["alice", "bob"])
def test_a_permissions_boundary_limits_allow_users_to_change_password(iamfake, passwords, iam):
    iam.put_user_permissions_boundary(UserName="alice", PermissionsBoundary="arn:aws:iam::aws:policy/IAMReadOnlyAccess")
    with pytest.raises(ClientError) as exc_info:
        iamfake.client(user="alice").change_password(OldPassword=OLD, NewPassword=NEW)
    assert denial(exc_info).endswith("because no permissions boundary allows the iam:ChangePassword action")


def test_turning_the_setting_off_takes_the_grant_away(iamfake, passwords):
    iamfake.set_password_policy(AllowUsersToChangePassword=True)
    alice = iamfake.client(user="alice")
    alice.change_password(OldPassword=OLD, NewPassword=NEW)
    iamfake.set_password_policy(AllowUsersToChangePassword=False)
    with pytest.raises(ClientError) as exc_info:
        alice.change_password(OldPassword=NEW, NewPassword=OLD)
    assert "iam:ChangePassword" in denial(exc_info)


# --- §6.8: what the MFA and credential policies decide for long-term keys ---


def call(client: Any, operation: str, **kwargs: Any) -> str:
    """'allow', 'explicit' or 'implicit' for one call (anything but AccessDenied counts as allowed)."""
    try:
        getattr(client, operation)(**kwargs)
    except ClientError as err:
        if err.response["Error"]["Code"] != "AccessDenied":
            return "allow"
        return "explicit" if "with an explicit deny" in err.response["Error"]["Message"] else "implicit"
    return "allow"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        # ChangePassword, GetAccountPasswordPolicy, CreateAccessKey (self), ListUsers, GetUser (self), other's key
        (MFA_SELF_MANAGE, ["explicit", "explicit", "explicit", "explicit", "allow", "explicit"]),
        (MFA_DEVICE_SELF_MANAGE, ["explicit", "explicit", "explicit", "allow", "explicit", "explicit"]),
        (UPDATE_OWN_CREDENTIALS, ["allow", "allow", "allow", "allow", "allow", "implicit"]),
        (CHANGE_PASSWORD_V3, ["allow", "allow", "implicit", "implicit", "implicit", "implicit"]),
    ],
    ids=["mfa-self-manage", "mfa-device-self-manage", "update-own-credentials", "iam-user-change-password"],
)
def test_what_each_policy_decides_for_long_term_keys(iamfake, passwords, document, expected):
    iamfake.set_password_policy(MinimumPasswordLength=8)
    allow(iamfake, "alice", document)
    alice = iamfake.client(user="alice")
    got = [
        call(alice, "change_password", OldPassword=OLD, NewPassword=NEW),
        call(alice, "get_account_password_policy"),
        call(alice, "create_access_key", UserName="alice"),
        call(alice, "list_users"),
        call(alice, "get_user"),
        call(alice, "create_access_key", UserName="bob"),
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (UPDATE_OWN_CREDENTIALS, ["allow", "allow", "allow", "allow", "allow", "implicit"]),
        (MFA_SELF_MANAGE, ["explicit", "explicit", "explicit", "explicit", "allow", "explicit"]),
    ],
    ids=["update-own-credentials", "mfa-self-manage"],
)
def test_the_same_policies_as_customer_managed_policies_of_a_group(iamfake, passwords, document, expected):
    iamfake.set_password_policy(MinimumPasswordLength=8)
    iamfake.add_group("staff", users=["alice"], policies=[iamfake.add_policy("self-service", document)])
    alice = iamfake.client(user="alice")
    got = [
        call(alice, "change_password", OldPassword=OLD, NewPassword=NEW),
        call(alice, "get_account_password_policy"),
        call(alice, "create_access_key", UserName="alice"),
        call(alice, "list_users"),
        call(alice, "get_user"),
        call(alice, "create_access_key", UserName="bob"),
    ]
    assert got == expected


def test_the_mfa_policy_allows_an_mfa_session(iamfake, passwords):
    """§6.8: with MFA the self-management policy allows the user's own credentials."""
    allow(iamfake, "alice", MFA_SELF_MANAGE)
    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    credentials = sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial))["Credentials"]
    session = iamfake.client(
        "iam",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    assert call(session, "change_password", OldPassword=OLD, NewPassword=NEW) == "allow"
    assert call(session, "create_access_key", UserName="alice") == "allow"
    assert call(session, "list_users") == "implicit"
    assert call(session, "create_access_key", UserName="bob") == "implicit"
    assert iamfake.check_password("alice", NEW)
