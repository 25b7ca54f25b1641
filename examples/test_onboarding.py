"""Tests of the onboarding app, written with pytest-iamfake."""

from __future__ import annotations

import pytest
from app import onboard, reset_password, temporary_password
from botocore.exceptions import ClientError

from pytest_iamfake import ANY, error_cases


def test_onboarding_creates_user_and_temporary_password(iamfake):
    outcome = onboard("alice")

    assert outcome.ok
    profile = iamfake.client().get_login_profile(UserName="alice")["LoginProfile"]
    assert profile["PasswordResetRequired"] is True


def test_reset_password_sets_a_temporary_password(iamfake):
    iamfake.add_user("alice")
    iamfake.add_login_profile("alice", "Old!Passw0rd-1")

    reset_password("alice", "New!Passw0rd-2")

    assert iamfake.check_password("alice", "New!Passw0rd-2")
    assert iamfake.client().get_login_profile(UserName="alice")["LoginProfile"]["PasswordResetRequired"] is True


def test_generated_passwords_meet_the_strictest_policy():
    for _ in range(50):
        password = temporary_password()
        assert len(password) == 16


def test_onboarding_adds_the_user_to_their_groups(iamfake):
    iamfake.add_group("staff")
    iamfake.add_group("developers")

    assert onboard("alice", groups=["staff", "developers"]).ok

    groups = iamfake.client().list_groups_for_user(UserName="alice")["Groups"]
    assert sorted(g["GroupName"] for g in groups) == ["developers", "staff"]


def test_onboarding_into_a_missing_group_says_so_and_issues_no_password(iamfake):
    outcome = onboard("alice", groups=["ghosts"])

    assert not outcome.ok
    assert outcome.message == "There is no group ghosts; ask the platform team to create it."
    iamfake.assert_not_called("create_login_profile")


@pytest.mark.iamfake(users=["bob"])
def test_onboarding_an_existing_user_only_issues_a_password(iamfake):
    assert onboard("bob").ok


def test_second_onboarding_explains_the_existing_password(iamfake):
    onboard("carol")

    outcome = onboard("carol")

    assert not outcome.ok
    assert outcome.message == "This person already has a console password; reset it instead."


def test_weak_password_is_explained(iamfake):
    outcome = onboard("dave", password="password")

    assert not outcome.ok
    assert outcome.message.startswith("The password breaks the account's password policy: Password should meet")


# --- asserting on the calls the app made ----------------------------------------------


def test_onboarding_asks_for_a_password_reset_and_tags_the_user(iamfake):
    onboard("alice")

    call = iamfake.get_call("create_login_profile", UserName="alice")
    assert call.params["PasswordResetRequired"] is True
    iamfake.assert_called("create_user", UserName="alice", Tags=[{"Key": "onboarded-by", "Value": ANY}])


def test_onboarding_an_existing_user_still_issues_exactly_one_password(iamfake):
    iamfake.add_user("bob")  # arranged: not a recorded call

    assert onboard("bob").ok

    iamfake.assert_called("create_login_profile", UserName="bob", times=1)
    assert [call.error for call in iamfake.get_calls("create_user")] == ["EntityAlreadyExists"]


# --- how the app handles every error IAM declares for CreateLoginProfile ---------------

EXPLAINED = {
    "EntityAlreadyExists": "This person already has a console password; reset it instead.",
    "NoSuchEntity": "The user vanished while onboarding; run it again.",
    "PasswordPolicyViolation": "The password breaks the account's password policy: "
    "Password does not conform to the account password policy.",
    "LimitExceeded": "IAM is refusing more changes right now; try again later.",
    "ServiceFailure": "IAM failed; try again later.",
}


@pytest.mark.parametrize("code", error_cases("create_login_profile"))
def test_every_create_login_profile_error_is_explained(iamfake, code):
    assert code in EXPLAINED, f"IAM now declares {code} for CreateLoginProfile: teach explain() about it"
    # times=None: every attempt fails, so botocore's retries (wire transport) cannot get past a 5xx
    iamfake.fail("create_login_profile", code, times=None)

    outcome = onboard("erin")

    assert not outcome.ok
    assert outcome.message == EXPLAINED[code]
    assert outcome.password is None


def test_a_failure_for_one_person_leaves_the_others_onboarded(iamfake):
    iamfake.fail("create_login_profile", "LimitExceeded", when={"UserName": "bob"})

    results = {name: onboard(name).ok for name in ("alice", "bob", "carol")}

    assert results == {"alice": True, "bob": False, "carol": True}


def test_throttled_user_creation_is_not_swallowed(iamfake):
    iamfake.fail("create_user", "Throttling", times=None)  # botocore retries throttling under the wire transport

    with pytest.raises(ClientError, match="Rate exceeded"):
        onboard("frank")
    iamfake.assert_not_called("create_login_profile")
