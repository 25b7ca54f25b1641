"""Login-profile lifecycle, with IAM's exact codes, statuses and messages (reference 2.1, 2.6)."""

from __future__ import annotations

import datetime as dt

import pytest
from botocore.exceptions import ClientError
from helpers import error_of, needs_member

GOOD = "Str0ng!Passw0rd"
OTHER = "An0ther!Passw0rd"


def test_create_then_get_login_profile(iamfake, iam):
    iam.create_user(UserName="Bob")
    created = iam.create_login_profile(UserName="Bob", Password=GOOD, PasswordResetRequired=True)
    assert created["LoginProfile"] == {
        "UserName": "Bob",
        "CreateDate": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
        "PasswordResetRequired": True,
    }
    assert iam.get_login_profile(UserName="Bob")["LoginProfile"] == created["LoginProfile"]


def test_password_reset_required_is_present_when_false(iam):
    iam.create_user(UserName="Bob")
    assert iam.create_login_profile(UserName="Bob", Password=GOOD)["LoginProfile"]["PasswordResetRequired"] is False
    assert iam.get_login_profile(UserName="Bob")["LoginProfile"]["PasswordResetRequired"] is False


@pytest.mark.parametrize("op", ["create_login_profile", "delete_login_profile", "get_login_profile"])
def test_missing_user_is_no_such_entity(iam, op):
    kwargs = {"UserName": "nonexistent-user"}
    if op == "create_login_profile":
        kwargs["Password"] = GOOD
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(**kwargs)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.")


def test_update_missing_user_is_no_such_entity(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.update_login_profile(UserName="ghost", Password=GOOD)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name ghost cannot be found.")


def test_second_create_is_entity_already_exists(iam):
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password=GOOD)
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.create_login_profile(UserName="Bob", Password=OTHER)
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "Login Profile for user Bob already exists.")


@pytest.mark.parametrize("op", ["get_login_profile", "delete_login_profile", "update_login_profile"])
def test_user_without_profile_is_no_such_entity(iam, op):
    iam.create_user(UserName="Bob")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(UserName="Bob")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "Login Profile for User Bob cannot be found.")


def test_delete_user_with_profile_is_delete_conflict(iam):
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password=GOOD)
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName="Bob")
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete entity, must delete login profile first.")
    iam.delete_login_profile(UserName="Bob")
    iam.delete_user(UserName="Bob")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_user(UserName="Bob")


@needs_member("iam", "CreateLoginProfile", "MaxSigninSessionDuration")
@needs_member("iam", "UpdateLoginProfile", "ResetMaxSigninSessionDuration")
def test_update_changes_only_what_is_given_and_keeps_create_date(iamfake, iam):
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password=GOOD, PasswordResetRequired=True, MaxSigninSessionDuration=7200)
    iamfake.clock.advance(3600)
    iam.update_login_profile(UserName="Bob", Password=OTHER)
    profile = iam.get_login_profile(UserName="Bob")["LoginProfile"]
    assert profile == {
        "UserName": "Bob",
        "CreateDate": dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc),
        "PasswordResetRequired": True,
        "MaxSigninSessionDuration": 7200,
    }
    iam.update_login_profile(UserName="Bob", PasswordResetRequired=False, ResetMaxSigninSessionDuration=True)
    profile = iam.get_login_profile(UserName="Bob")["LoginProfile"]
    assert profile["PasswordResetRequired"] is False
    assert "MaxSigninSessionDuration" not in profile


@needs_member("iam", "UpdateLoginProfile", "MaxSigninSessionDuration", "ResetMaxSigninSessionDuration")
def test_update_with_max_session_and_reset_is_invalid_input(iam):
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password=GOOD)
    with pytest.raises(iam.exceptions.InvalidInputException) as exc_info:
        iam.update_login_profile(UserName="Bob", MaxSigninSessionDuration=7200, ResetMaxSigninSessionDuration=True)
    assert error_of(exc_info)[:2] == ("InvalidInput", 400)


def test_create_without_password_as_root_is_validation_error(iam):
    iam.create_user(UserName="Bob")
    with pytest.raises(ClientError) as exc_info:
        iam.create_login_profile(UserName="Bob")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must not be null",
    )
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_login_profile(UserName="Bob")


def test_login_profile_user_name_is_the_stored_spelling(iam):
    iam.create_user(UserName="Bob")
    created = iam.create_login_profile(UserName="BOB", Password=GOOD)
    assert created["LoginProfile"]["UserName"] == "Bob"


def test_failed_create_keeps_no_state(iam):
    iam.create_user(UserName="Bob")
    with pytest.raises(iam.exceptions.PasswordPolicyViolationException):
        iam.create_login_profile(UserName="Bob", Password="short")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_login_profile(UserName="Bob")


@pytest.mark.parametrize("op", ["delete_login_profile", "update_login_profile"])
def test_profile_being_created_has_iams_wording(iamfake, iam, op):
    # IAM's eventual-consistency window right after creation is reproduced by injecting it.
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password=GOOD)
    iamfake.fail(op, "EntityTemporarilyUnmodifiable")
    with pytest.raises(iam.exceptions.EntityTemporarilyUnmodifiableException) as exc_info:
        getattr(iam, op)(UserName="Bob")
    assert error_of(exc_info) == (
        "EntityTemporarilyUnmodifiable",
        409,
        "Login Profile for User Bob cannot be modified while login profile is being created.",
    )
    getattr(iam, op)(UserName="Bob")  # the next try succeeds, as IAM's does after waiting
