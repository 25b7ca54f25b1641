"""Console sign-in through `iamfake.sign_in`: the console's rules and PasswordLastUsed (reference 2.4)."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
PASSWORD = "Correct-Horse-9"


def test_a_right_password_signs_in_and_sets_password_last_used(iamfake, iam):
    iamfake.add_login_profile("alice", PASSWORD)
    assert "PasswordLastUsed" not in iam.get_user(UserName="alice")["User"]
    iamfake.clock.advance(3600)
    result = iamfake.sign_in("alice", PASSWORD)
    assert result.ok is True
    assert result.reason == ""
    assert result.must_change_password is False
    now = iamfake.clock.now()
    assert iam.get_user(UserName="alice")["User"]["PasswordLastUsed"] == now
    listed = {u["UserName"]: u for u in iam.list_users()["Users"]}
    assert listed["alice"]["PasswordLastUsed"] == now
    assert "PasswordLastUsed" not in listed["bob"]


def test_password_last_used_has_whole_seconds(iamfake, iam):
    iamfake.add_login_profile("alice", PASSWORD)
    iamfake.clock.advance(dt.timedelta(seconds=10, milliseconds=750))
    iamfake.sign_in("alice", PASSWORD)
    assert iam.get_user(UserName="alice")["User"]["PasswordLastUsed"] == iamfake.clock.now().replace(microsecond=0)


def test_uses_within_five_minutes_record_only_the_first(iamfake, iam):
    iamfake.add_login_profile("alice", PASSWORD)
    first = iamfake.clock.now()
    iamfake.sign_in("alice", PASSWORD)
    iamfake.clock.advance(299)
    assert iamfake.sign_in("alice", PASSWORD).ok
    assert iam.get_user(UserName="alice")["User"]["PasswordLastUsed"] == first
    iamfake.clock.advance(1)
    iamfake.sign_in("alice", PASSWORD)
    assert iam.get_user(UserName="alice")["User"]["PasswordLastUsed"] == iamfake.clock.now()


@pytest.mark.parametrize(
    ("user", "password", "reason"),
    [
        ("ghost", PASSWORD, "there is no IAM user named 'ghost'"),
        ("bob", PASSWORD, "user 'bob' has no console password (no login profile)"),
        ("alice", "Wrong-Horse-9", "the password is wrong"),
    ],
)
def test_failures_say_why_and_record_nothing(iamfake, iam, user, password, reason):
    iamfake.add_login_profile("alice", PASSWORD)
    result = iamfake.sign_in(user, password)
    assert (result.ok, result.reason) == (False, reason)
    assert not result
    assert "PasswordLastUsed" not in iam.get_user(UserName="alice")["User"]


def test_an_expired_password_under_hard_expiry_does_not_sign_in(iamfake):
    iamfake.add_login_profile("alice", PASSWORD)
    iamfake.set_password_policy(MaxPasswordAge=30, HardExpiry=True)
    iamfake.clock.advance(dt.timedelta(days=30))
    result = iamfake.sign_in("alice", PASSWORD)
    assert result.ok is False
    assert "HardExpiry" in result.reason
    assert iamfake.check_password("alice", PASSWORD) is False


def test_an_expired_password_without_hard_expiry_signs_in_and_must_be_changed(iamfake):
    iamfake.add_login_profile("alice", PASSWORD)
    iamfake.set_password_policy(MaxPasswordAge=30)
    assert iamfake.sign_in("alice", PASSWORD).must_change_password is False
    iamfake.clock.advance(dt.timedelta(days=30))
    result = iamfake.sign_in("alice", PASSWORD)
    assert (result.ok, result.must_change_password) == (True, True)


def test_password_reset_required_must_be_changed(iamfake):
    iamfake.add_login_profile("alice", PASSWORD, reset_required=True)
    result = iamfake.sign_in("alice", PASSWORD)
    assert (result.ok, result.must_change_password) == (True, True)


def test_a_user_with_an_mfa_device_needs_its_code(iamfake, iam):
    iamfake.add_login_profile("alice", PASSWORD)
    serial = iamfake.add_mfa_device("alice")
    missing = iamfake.sign_in("alice", PASSWORD)
    assert (missing.ok, missing.reason) == (False, "user 'alice' has an MFA device: an MFA code is required")
    wrong_code = f"{(int(iamfake.mfa_code(serial)) + 1) % 1_000_000:06d}"
    wrong = iamfake.sign_in("alice", PASSWORD, mfa_code=wrong_code)
    assert (wrong.ok, wrong.reason) == (False, "the MFA code is wrong")
    assert "PasswordLastUsed" not in iam.get_user(UserName="alice")["User"]
    assert iamfake.sign_in("alice", PASSWORD, mfa_code=iamfake.mfa_code(serial)).ok
    assert iam.get_user(UserName="alice")["User"]["PasswordLastUsed"] == iamfake.clock.now()


def test_a_wrong_password_is_reported_before_the_mfa_code(iamfake):
    iamfake.add_login_profile("alice", PASSWORD)
    serial = iamfake.add_mfa_device("alice")
    result = iamfake.sign_in("alice", "Wrong-Horse-9", mfa_code=iamfake.mfa_code(serial))
    assert result.reason == "the password is wrong"


def test_check_password_ignores_mfa_and_records_nothing(iamfake, iam):
    iamfake.add_login_profile("alice", PASSWORD)
    iamfake.add_mfa_device("alice")
    assert iamfake.check_password("alice", PASSWORD) is True
    assert "PasswordLastUsed" not in iam.get_user(UserName="alice")["User"]


def test_the_result_is_frozen(iamfake):
    import dataclasses

    result = iamfake.sign_in("ghost", PASSWORD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.ok = True  # type: ignore[misc]
