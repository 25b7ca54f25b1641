"""Recorded calls: get_calls/get_call/assert_called/assert_not_called, matching and their messages."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from helpers import needs_member

from pytest_iamfake import ANY, UsageError
from pytest_iamfake.calls import differences

GOOD = "Str0ng!Passw0rd"
OTHER = "An0ther!Passw0rd"


@pytest.fixture
def onboarded(iamfake, iam):
    """Two users, one with a login profile, made by the code under test (so recorded)."""
    iam.create_user(UserName="bob", Tags=[{"Key": "team", "Value": "blue"}, {"Key": "tier", "Value": "1"}])
    iam.create_user(UserName="eve")
    iam.create_login_profile(UserName="bob", Password=GOOD, PasswordResetRequired=True)
    return iamfake


def test_calls_are_recorded_in_order_with_outcome(onboarded, iam):
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException):
        iam.create_user(UserName="bob")
    assert [(c.operation, c.error) for c in onboarded.calls] == [
        ("CreateUser", None),
        ("CreateUser", None),
        ("CreateLoginProfile", None),
        ("CreateUser", "EntityAlreadyExists"),
    ]
    profile_call = onboarded.calls[2]
    assert profile_call.service == "iam"
    assert profile_call.caller == "arn:aws:iam::123456789012:root"
    assert profile_call.response is not None
    assert profile_call.response["LoginProfile"]["UserName"] == "bob"


def test_arrange_helpers_are_not_recorded(iamfake):
    iamfake.add_user("carol")
    iamfake.add_login_profile("carol", GOOD)
    assert iamfake.calls == []
    iamfake.assert_not_called()


@pytest.mark.parametrize("spelling", ["CreateLoginProfile", "create_login_profile"])
def test_both_spellings_of_an_operation(onboarded, spelling):
    assert [c.operation for c in onboarded.get_calls(spelling)] == ["CreateLoginProfile"]


def test_params_match_as_a_subset(onboarded):
    assert len(onboarded.get_calls("create_user")) == 2
    assert [c.params["UserName"] for c in onboarded.get_calls("create_user", UserName="eve")] == ["eve"]
    assert onboarded.get_calls("create_user", UserName="nobody") == []
    assert len(onboarded.get_calls(UserName="bob")) == 2  # any operation


def test_nested_params_match_as_a_subset_with_any(onboarded):
    tags = [{"Key": "team"}, {"Key": "tier", "Value": ANY}]
    assert [c.params["UserName"] for c in onboarded.get_calls("create_user", Tags=tags)] == ["bob"]
    # Lists match item by item: one item is not a subset of two.
    assert onboarded.get_calls("create_user", Tags=[{"Key": "team"}]) == []
    # ANY needs the parameter to have been passed.
    assert [c.params["UserName"] for c in onboarded.get_calls("create_user", Tags=ANY)] == ["bob"]


def test_booleans_do_not_match_integers():
    assert differences({"PasswordResetRequired": 1}, {"PasswordResetRequired": True}) == [
        "PasswordResetRequired: expected 1, got True"
    ]
    assert differences({"MaxItems": 1}, {"MaxItems": 1}) == []


@pytest.mark.iamfake(transport="call")  # a retryable fault must surface at once
def test_service_filter(iamfake, iam):
    # A fault answers before the model, so the STS call is recorded whether or not STS is modelled.
    iamfake.fail("get_caller_identity", "Throttling")
    with pytest.raises(ClientError):
        iamfake.client("sts").get_caller_identity()
    iam.create_user(UserName="bob")
    assert [c.operation for c in iamfake.get_calls(service="sts")] == ["GetCallerIdentity"]
    assert [c.operation for c in iamfake.get_calls(service="iam")] == ["CreateUser"]
    assert len(iamfake.get_calls("get_caller_identity", service="sts")) == 1
    with pytest.raises(UsageError, match="service='sts'"):
        iamfake.get_calls("get_caller_identity", service="iam")
    with pytest.raises(UsageError, match="iam, sts"):
        iamfake.get_calls(service="ec2")


def test_get_call_returns_the_single_match(onboarded):
    call = onboarded.get_call("create_login_profile")
    assert call.params["PasswordResetRequired"] is True
    assert call.params["Password"] == GOOD  # params are as passed; only reprs hide them


def test_get_call_without_a_match_lists_calls_and_the_closest_difference(onboarded):
    with pytest.raises(AssertionError) as exc_info:
        onboarded.get_call("create_login_profile", UserName="bob", PasswordResetRequired=False, Password=OTHER)
    root = "caller='arn:aws:iam::123456789012:root'"
    assert str(exc_info.value) == "\n".join(
        [
            "Expected exactly one iam:CreateLoginProfile call with UserName='bob', PasswordResetRequired=False, "
            "Password='***', found none.",
            "Recorded calls (3):",
            f"  #1 Call(iam:CreateUser {{'UserName': 'bob', 'Tags': [{{'Key': 'team', 'Value': 'blue'}}, "
            f"{{'Key': 'tier', 'Value': '1'}}]}} ok {root})",
            f"  #2 Call(iam:CreateUser {{'UserName': 'eve'}} ok {root})",
            f"  #3 Call(iam:CreateLoginProfile {{'UserName': 'bob', 'Password': '***', "
            f"'PasswordResetRequired': True}} ok {root})",
            "Closest is #3, which differs in:",
            "    PasswordResetRequired: expected False, got True",
            "    Password: differs (secret values are not shown)",
            "Compare the params with the calls above, or check that the code under test reached this call.",
        ]
    )
    assert GOOD not in str(exc_info.value)
    assert OTHER not in str(exc_info.value)


def test_get_call_with_several_matches_marks_them(onboarded):
    with pytest.raises(AssertionError) as exc_info:
        onboarded.get_call("create_user")
    lines = str(exc_info.value).splitlines()
    assert lines[0] == "Expected exactly one iam:CreateUser call, found 2 (marked >)."
    assert lines[2].startswith("> #1 Call(iam:CreateUser")
    assert lines[3].startswith("> #2 Call(iam:CreateUser")
    assert lines[4].startswith("  #3 Call(iam:CreateLoginProfile")
    assert lines[-1] == "Add params to tell them apart, or use get_calls() to get them all."


def test_closest_difference_reports_nested_paths_and_missing_params(onboarded):
    with pytest.raises(AssertionError) as exc_info:
        onboarded.assert_called(
            "create_user", UserName="bob", Path="/staff/", Tags=[{"Key": "team", "Value": "red"}, ANY]
        )
    message = str(exc_info.value)
    assert "Closest is #1, which differs in:\n    Path: expected '/staff/', not passed\n" in message
    assert "    Tags[0].Value: expected 'red', got 'blue'\n" in message


def test_closest_difference_when_the_operation_was_never_called(onboarded):
    with pytest.raises(AssertionError, match=r"No iam:DeleteUser call was made at all\."):
        onboarded.assert_called("delete_user", UserName="bob")


def test_assert_called_counts(onboarded):
    onboarded.assert_called("create_user")
    onboarded.assert_called("create_user", times=2)
    onboarded.assert_called("create_user", UserName="eve", times=1)
    onboarded.assert_called("delete_user", times=0)
    with pytest.raises(AssertionError, match=r"^Expected iam:CreateUser call exactly 3 times, found 2 \(marked >\)\."):
        onboarded.assert_called("create_user", times=3)
    with pytest.raises(
        AssertionError,
        match=r"^Expected iam:CreateUser call with UserName='eve', Path='/x/' exactly once, found none\.",
    ):
        onboarded.assert_called("create_user", UserName="eve", Path="/x/", times=1)
    with pytest.raises(UsageError, match="count >= 0"):
        onboarded.assert_called("create_user", times=-1)
    with pytest.raises(UsageError, match="count >= 0"):
        onboarded.assert_called("create_user", times=True)


def test_assert_not_called(onboarded):
    onboarded.assert_not_called("delete_user")
    onboarded.assert_not_called("create_user", UserName="zed")
    with pytest.raises(AssertionError) as exc_info:
        onboarded.assert_not_called("create_login_profile", UserName="bob")
    message = str(exc_info.value)
    assert message.startswith("Expected no iam:CreateLoginProfile call with UserName='bob', found 1 (marked >).\n")
    assert "> #3 Call(iam:CreateLoginProfile {'UserName': 'bob', 'Password': '***'" in message
    assert GOOD not in message
    with pytest.raises(AssertionError, match=r"^Expected no IAM/STS call, found 3"):
        onboarded.assert_not_called()


def test_failed_calls_are_recorded_and_matchable(iamfake, iam):
    with pytest.raises(ClientError):
        iam.create_login_profile(UserName="ghost", Password=GOOD)
    call = iamfake.get_call("create_login_profile", UserName="ghost")
    assert call.error == "NoSuchEntity"
    assert call.response is None


def test_reprs_redact_secrets(iamfake, iam):
    iam.create_user(UserName="bob")
    iam.create_login_profile(UserName="bob", Password=GOOD)
    assert GOOD not in repr(iamfake.calls)
    assert "'Password': '***'" in repr(iamfake.get_call("create_login_profile"))


def test_unknown_operation_names_close_matches(iamfake):
    with pytest.raises(UsageError) as exc_info:
        iamfake.get_calls("create_login_profle")
    assert str(exc_info.value).startswith(
        "'create_login_profle' is not an operation of iam/sts. Did you mean create_login_profile"
    )
    with pytest.raises(UsageError, match="Did you mean CreateLoginProfile"):
        iamfake.assert_called("CreateLoginProfil")
    with pytest.raises(UsageError, match="must be a string"):
        iamfake.get_calls(42)


@needs_member("iam", "CreateLoginProfile", "MaxSigninSessionDuration")
def test_unknown_parameter_names_the_parameters(iamfake):
    with pytest.raises(UsageError) as exc_info:
        iamfake.get_calls("create_login_profile", Username="bob")
    assert str(exc_info.value) == (
        "CreateLoginProfile has no parameter 'Username'. Did you mean UserName? "
        "Its parameters are: UserName, Password, PasswordResetRequired, MaxSigninSessionDuration."
    )


def test_unittest_mock_any_matches_like_ours(iamfake, iam):
    from unittest import mock

    from pytest_iamfake import ANY

    iam.create_user(UserName="bob", Path="/eng/")
    assert iamfake.get_call("create_user", UserName=mock.ANY, Path="/eng/").params["UserName"] == "bob"
    assert iamfake.get_calls("create_user", Tags=ANY) == []  # ANY needs the param to be present
    assert iamfake.get_calls("create_user", Tags=mock.ANY) == []
