"""ChangePassword: an IAM user changes its own password (reference 2.3, 3.3)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from helpers import error_of

OLD = "Str0ng!Passw0rd"
NEW = "An0ther!Passw0rd"

pytestmark = pytest.mark.iamfake(users=["alice"], password_policy={"AllowUsersToChangePassword": True})


@pytest.fixture
def alice(iamfake):  # type: ignore[no-untyped-def]
    """An IAM client signed as alice, who has a console password."""
    iamfake.add_login_profile("alice", OLD, reset_required=True)
    return iamfake.client(user="alice")


def test_change_password_replaces_the_password_and_clears_reset_required(iamfake, iam, alice):
    response = alice.change_password(OldPassword=OLD, NewPassword=NEW)
    assert set(response) == {"ResponseMetadata"}
    assert iamfake.check_password("alice", NEW)
    assert not iamfake.check_password("alice", OLD)
    assert iam.get_login_profile(UserName="alice")["LoginProfile"]["PasswordResetRequired"] is False


def test_root_gets_invalid_user_type(iam):
    with pytest.raises(iam.exceptions.InvalidUserTypeException) as exc_info:
        iam.change_password(OldPassword=OLD, NewPassword=NEW)
    assert error_of(exc_info)[:2] == ("InvalidUserType", 400)


@pytest.mark.parametrize("policy", [None, {"AllowUsersToChangePassword": False}])
def test_without_allow_users_to_change_password_it_is_access_denied(iamfake, alice, policy):
    if policy is None:
        iamfake.client().delete_account_password_policy()
    else:
        iamfake.set_password_policy(**policy)
    with pytest.raises(ClientError) as exc_info:
        alice.change_password(OldPassword=OLD, NewPassword=NEW)
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        "User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:ChangePassword "
        "on resource: user alice because no identity-based policy allows the iam:ChangePassword action",
    )
    assert iamfake.check_password("alice", OLD)


def test_access_denied_names_the_arn_with_its_path(iamfake):
    iamfake.add_user("carol", path="/staff/")
    iamfake.add_login_profile("carol", OLD)
    iamfake.set_password_policy()
    with pytest.raises(ClientError) as exc_info:
        iamfake.client(user="carol").change_password(OldPassword=OLD, NewPassword=NEW)
    assert error_of(exc_info)[2].startswith("User: arn:aws:iam::123456789012:user/staff/carol is not authorized")


def test_wrong_old_password_changes_nothing(iamfake, alice):
    with pytest.raises(ClientError) as exc_info:
        alice.change_password(OldPassword="Wr0ng!Passw0rd", NewPassword=NEW)
    assert error_of(exc_info) == ("AccessDenied", 403, "The old password is incorrect.")
    assert iamfake.check_password("alice", OLD)


def test_new_password_must_meet_the_policy(iamfake, alice):
    iamfake.set_password_policy(AllowUsersToChangePassword=True, MinimumPasswordLength=20)
    with pytest.raises(alice.exceptions.PasswordPolicyViolationException) as exc_info:
        alice.change_password(OldPassword=OLD, NewPassword=NEW)
    assert error_of(exc_info) == ("PasswordPolicyViolation", 400, "Password should have a minimum length of 20")
    assert iamfake.check_password("alice", OLD)


def test_reuse_prevention_applies_to_change_password(iamfake, alice):
    iamfake.set_password_policy(AllowUsersToChangePassword=True, PasswordReusePrevention=3)
    alice.change_password(OldPassword=OLD, NewPassword=NEW)
    with pytest.raises(alice.exceptions.PasswordPolicyViolationException) as exc_info:
        alice.change_password(OldPassword=NEW, NewPassword=OLD)
    assert error_of(exc_info)[2] == "Password should not be one of your previous 3 passwords"
    with pytest.raises(alice.exceptions.PasswordPolicyViolationException):
        alice.change_password(OldPassword=NEW, NewPassword=NEW)
    assert iamfake.check_password("alice", NEW)


def test_caller_without_login_profile_is_no_such_entity(iamfake):
    iamfake.add_user("bob")
    bob = iamfake.client(user="bob")
    with pytest.raises(bob.exceptions.NoSuchEntityException) as exc_info:
        bob.change_password(OldPassword=OLD, NewPassword=NEW)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "Login Profile for User bob cannot be found.")


def test_an_expired_password_can_be_changed_through_the_api_under_hard_expiry(iamfake, alice):
    iamfake.set_password_policy(AllowUsersToChangePassword=True, MaxPasswordAge=1, HardExpiry=True)
    iamfake.clock.advance(2 * 24 * 3600)
    assert not iamfake.check_password("alice", OLD)
    alice.change_password(OldPassword=OLD, NewPassword=NEW)
    assert iamfake.check_password("alice", NEW)


def test_oversized_new_password_is_a_validation_error(alice):
    with pytest.raises(ClientError) as exc_info:
        alice.change_password(OldPassword=OLD, NewPassword="Aa1!" * 33)
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'newPassword' failed to satisfy constraint: "
        "Member must have length less than or equal to 128",
    )
