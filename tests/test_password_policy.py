"""The account password policy: its API, enforcement, password age (reference 2.2, 2.4, 3)."""

from __future__ import annotations

import pickle
import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError, ParamValidationError
from helpers import error_of

from pytest_iamfake import UsageError, fake_iam

GOOD = "Str0ng!Passw0rd"
ALL_FIELDS = {
    "MinimumPasswordLength": 10,
    "RequireSymbols": True,
    "RequireNumbers": True,
    "RequireUppercaseCharacters": True,
    "RequireLowercaseCharacters": True,
    "AllowUsersToChangePassword": True,
    "MaxPasswordAge": 60,
    "PasswordReusePrevention": 3,
    "HardExpiry": True,
}
BARE_POLICY = {
    "MinimumPasswordLength": 6,
    "RequireSymbols": False,
    "RequireNumbers": False,
    "RequireUppercaseCharacters": False,
    "RequireLowercaseCharacters": False,
    "AllowUsersToChangePassword": False,
    "ExpirePasswords": False,
}


def violation(iam: Any, password: str, user: str = "Bob") -> str:
    """The PasswordPolicyViolation message CreateLoginProfile gives for `password`."""
    iam.create_user(UserName=user)
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException) as exc_info:
        iam.create_login_profile(UserName=user, Password=password)
    code, status, message = error_of(exc_info)
    assert (code, status) == ("PasswordPolicyViolation", 400)
    return message


# --- the API ---------------------------------------------------------------------------


def test_get_without_policy_is_no_such_entity(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_account_password_policy()
    assert error_of(exc_info) == (
        "NoSuchEntity",
        404,
        "The Password Policy with domain name 123456789012 cannot be found.",
    )


def test_delete_without_policy_is_no_such_entity(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.delete_account_password_policy()
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The account policy with name PasswordPolicy cannot be found.")


def test_bare_update_leaves_out_unset_fields(iam):
    assert iam.update_account_password_policy()["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert iam.get_account_password_policy()["PasswordPolicy"] == BARE_POLICY


def test_every_field_is_returned_with_expire_passwords_derived(iam):
    iam.update_account_password_policy(**ALL_FIELDS)
    assert iam.get_account_password_policy()["PasswordPolicy"] == {**ALL_FIELDS, "ExpirePasswords": True}


def test_update_is_a_full_replace(iam):
    iam.update_account_password_policy(MinimumPasswordLength=12, RequireSymbols=True, MaxPasswordAge=30)
    iam.update_account_password_policy(RequireNumbers=True)
    assert iam.get_account_password_policy()["PasswordPolicy"] == {**BARE_POLICY, "RequireNumbers": True}


def test_hard_expiry_false_is_echoed_when_sent(iam):
    iam.update_account_password_policy(HardExpiry=False)
    assert iam.get_account_password_policy()["PasswordPolicy"]["HardExpiry"] is False


def test_delete_reverts_to_no_policy(iam):
    iam.update_account_password_policy(MinimumPasswordLength=20)
    iam.delete_account_password_policy()
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_account_password_policy()


def test_values_above_range_are_one_validation_error_in_iam_order(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.update_account_password_policy(MinimumPasswordLength=129, PasswordReusePrevention=25, MaxPasswordAge=1096)
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "3 validation errors detected: "
        "Value at 'minimumPasswordLength' failed to satisfy constraint: "
        "Member must have value less than or equal to 128; "
        "Value at 'passwordReusePrevention' failed to satisfy constraint: "
        "Member must have value less than or equal to 24; "
        "Value at 'maxPasswordAge' failed to satisfy constraint: "
        "Member must have value less than or equal to 1095",
    )
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_account_password_policy()


def test_values_below_range_are_refused_by_botocore_itself(iam):
    with pytest.raises(ParamValidationError, match="valid min value: 1"):
        iam.update_account_password_policy(MaxPasswordAge=0)


def test_set_password_policy_returns_what_get_shows(iamfake, iam):
    shown = iamfake.set_password_policy(MinimumPasswordLength=14, RequireSymbols=True)
    assert iamfake.calls == []  # arranging is not recorded
    assert shown == iam.get_account_password_policy()["PasswordPolicy"]
    assert shown == {**BARE_POLICY, "MinimumPasswordLength": 14, "RequireSymbols": True}


@pytest.mark.iamfake(password_policy={"MinimumPasswordLength": 14, "PasswordReusePrevention": 5})
def test_password_policy_option_sets_the_same_policy(iam):
    assert iam.get_account_password_policy()["PasswordPolicy"] == {
        **BARE_POLICY,
        "MinimumPasswordLength": 14,
        "PasswordReusePrevention": 5,
    }


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"MinimumPasswordLength": 129}, "Member must have value less than or equal to 128"),
        ({"MinimumPasswordLength": 5}, "Member must have value greater than or equal to 6"),
        ({"MinimumPasswordLength": "8"}, "Value at 'minimumPasswordLength' failed to satisfy constraint"),
        ({"RequireSymbols": 1}, "Value at 'requireSymbols' failed to satisfy constraint"),
        ({"MaxPasswordAge": True}, "Value at 'maxPasswordAge' failed to satisfy constraint"),
        ({"MinimumLength": 8}, "MinimumLength"),
    ],
)
def test_bad_policy_values_in_arrange_are_usage_errors(iamfake, fields, expected):
    with pytest.raises(UsageError, match=expected):
        iamfake.set_password_policy(**fields)


def test_bad_password_policy_option_is_a_usage_error():
    bad = {"MinimumPasswordLength": 5}
    with (
        pytest.raises(UsageError, match=r"'minimumPasswordLength'.*greater than or equal to 6"),
        fake_iam(password_policy=bad),
    ):
        pass  # pragma: no cover - start() fails


# --- enforcement: the default policy (REAL messages) --------------------------------------


def test_default_policy_minimum_length_is_8(iam):
    assert violation(iam, "Sh0rt!x") == "Password should have a minimum length of 8"


def test_default_policy_needs_three_of_four_classes(iam):
    assert violation(iam, "password12") == (
        "Password should meet 1 more of the following requirements: "
        "Password should have at least one uppercase letter, Password should have at least one symbol"
    )


@pytest.mark.parametrize("symbol", "!@#$%^&*()_+-=[]{}|'")
def test_each_of_the_20_symbols_counts_as_a_class(iam, symbol):
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password=f"password{symbol}X")


@pytest.mark.parametrize("other", [".", ",", "~", "`", '"', ":", ";", "<", ">", "?", "/", "\\", " ", "é"])
def test_other_printable_characters_are_not_symbols(iam, other):
    assert "at least one symbol" in violation(iam, f"password{other}X")


# --- enforcement: a custom policy --------------------------------------------------------


def test_custom_policy_replaces_the_default(iamfake, iam):
    iamfake.set_password_policy(MinimumPasswordLength=6)
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password="abcdef")
    assert iamfake.check_password("Bob", "abcdef")


def test_custom_minimum_length(iamfake, iam):
    iamfake.set_password_policy(MinimumPasswordLength=16)
    assert violation(iam, GOOD) == "Password should have a minimum length of 16"


@pytest.mark.parametrize(
    ("flag", "password", "rule"),
    [
        ("RequireUppercaseCharacters", "lower1!case", "Password should have at least one uppercase letter"),
        ("RequireLowercaseCharacters", "UPPER1!CASE", "Password should have at least one lowercase letter"),
        ("RequireNumbers", "NoNumbers!", "Password should have at least one number"),
        ("RequireSymbols", "NoSymbols1.", "Password should have at least one symbol"),
    ],
)
def test_each_require_flag(iamfake, iam, flag, password, rule):
    iamfake.set_password_policy(**{flag: True})
    assert violation(iam, password) == rule


def test_require_flags_are_enforced_on_update_login_profile(iamfake, iam):
    iamfake.add_user("Bob")
    iamfake.add_login_profile("Bob", GOOD)
    iamfake.set_password_policy(RequireNumbers=True)
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException) as exc_info:
        iam.update_login_profile(UserName="Bob", Password="NoNumbers!")
    assert error_of(exc_info)[2] == "Password should have at least one number"
    assert iamfake.check_password("Bob", GOOD)


def test_existing_passwords_are_not_revalidated_when_the_policy_changes(iamfake, iam):
    iamfake.set_password_policy(MinimumPasswordLength=6)
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password="abcdef")
    iamfake.set_password_policy(MinimumPasswordLength=20, **{k: True for k in ALL_FIELDS if k.startswith("Require")})
    assert iam.get_login_profile(UserName="Bob")["LoginProfile"]["UserName"] == "Bob"
    assert iamfake.check_password("Bob", "abcdef")
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException):
        iam.update_login_profile(UserName="Bob", Password="abcdef")


def test_reuse_prevention_covers_the_last_n_passwords_on_update(iamfake, iam):
    iamfake.set_password_policy(PasswordReusePrevention=2)
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password="First!Passw0rd")
    iam.update_login_profile(UserName="Bob", Password="Second!Passw0rd")
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException) as exc_info:
        iam.update_login_profile(UserName="Bob", Password="First!Passw0rd")
    assert error_of(exc_info)[2] == "Password should not be one of your previous 2 passwords"
    iam.update_login_profile(UserName="Bob", Password="Third!Passw0rd")
    iam.update_login_profile(UserName="Bob", Password="First!Passw0rd")  # now 3 passwords back
    assert iamfake.check_password("Bob", "First!Passw0rd")


def test_without_reuse_prevention_a_password_may_be_set_again(iamfake, iam):
    iamfake.add_user("Bob")
    iamfake.add_login_profile("Bob", GOOD)
    iam.update_login_profile(UserName="Bob", Password=GOOD)
    assert iamfake.check_password("Bob", GOOD)


class _NoLocks(pickle.Pickler):
    """Pickles the fake's whole state; locks (not picklable, no data) become None."""

    lock_types = (type(threading.Lock()), type(threading.RLock()))

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, self.lock_types):
            return type(None), ()
        return NotImplemented


def state_bytes(backend: Any) -> bytes:
    import io

    buffer = io.BytesIO()
    _NoLocks(buffer).dump(backend)
    return buffer.getvalue()


def test_no_plaintext_password_is_kept_in_the_model(iamfake, iam):
    first, second, third = "Zq9!first-Secret", "Zq9!second-Secret", "Zq9!third-Secret"
    iamfake.set_password_policy(PasswordReusePrevention=5, AllowUsersToChangePassword=True)
    iam.create_user(UserName="alice")
    iam.create_login_profile(UserName="alice", Password=first)
    iam.update_login_profile(UserName="alice", Password=second)
    iamfake.client(user="alice").change_password(OldPassword=second, NewPassword=third)
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException):
        iam.update_login_profile(UserName="alice", Password=first)
    blob = state_bytes(iamfake.backend)
    key_id = iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["AccessKeyId"]
    assert b"alice" in blob  # the dump does hold the state ...
    assert key_id.encode() in blob  # ... including what the model does keep in clear
    for password in (first, second, third):
        assert password.encode() not in blob
        assert password.encode("utf-16-le") not in blob
    assert iamfake.check_password("alice", third)


# --- password age and check_password -----------------------------------------------------


@pytest.mark.iamfake(users=["Bob"])
def test_check_password(iamfake):
    assert not iamfake.check_password("Bob", GOOD)  # no login profile
    iamfake.add_login_profile("Bob", GOOD)
    assert iamfake.check_password("Bob", GOOD)
    assert iamfake.check_password("bob", GOOD)  # user names are case-insensitive
    assert not iamfake.check_password("Bob", GOOD.lower())
    assert not iamfake.check_password("Nobody", GOOD)


@pytest.mark.iamfake(users=["Bob"])
def test_hard_expiry_stops_sign_in_once_the_password_is_max_age_days_old(iamfake):
    iamfake.add_login_profile("Bob", GOOD)
    iamfake.set_password_policy(MaxPasswordAge=1, HardExpiry=True)  # applies to existing passwords
    iamfake.clock.advance(24 * 3600 - 1)
    assert iamfake.check_password("Bob", GOOD)
    iamfake.clock.advance(1)
    assert not iamfake.check_password("Bob", GOOD)


@pytest.mark.iamfake(users=["Bob"])
def test_expired_password_without_hard_expiry_still_signs_in(iamfake):
    iamfake.add_login_profile("Bob", GOOD)
    iamfake.set_password_policy(MaxPasswordAge=1)
    iamfake.clock.advance(30 * 24 * 3600)
    assert iamfake.check_password("Bob", GOOD)


@pytest.mark.iamfake(users=["Bob"])
def test_password_age_counts_from_the_last_set(iamfake, iam):
    iamfake.set_password_policy(MaxPasswordAge=1, HardExpiry=True)
    iamfake.add_login_profile("Bob", GOOD)
    iamfake.clock.advance(20 * 3600)
    iam.update_login_profile(UserName="Bob", Password="An0ther!Passw0rd")
    iamfake.clock.advance(20 * 3600)
    assert iamfake.check_password("Bob", "An0ther!Passw0rd")
    iamfake.clock.advance(4 * 3600)
    assert not iamfake.check_password("Bob", "An0ther!Passw0rd")


@pytest.mark.iamfake(users=["Bob"])
def test_updating_only_the_reset_flag_does_not_renew_the_password(iamfake, iam):
    iamfake.set_password_policy(MaxPasswordAge=1, HardExpiry=True)
    iamfake.add_login_profile("Bob", GOOD)
    iamfake.clock.advance(20 * 3600)
    iam.update_login_profile(UserName="Bob", PasswordResetRequired=True)
    iamfake.clock.advance(4 * 3600)
    assert not iamfake.check_password("Bob", GOOD)
