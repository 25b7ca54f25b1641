"""Server-side validation of what botocore lets through (reference 1.1 and 2.7)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError, ParamValidationError
from helpers import needs_member

GOOD = "Str0ng!Passw0rd"
USER_NAME_INVALID = (
    "The specified value for userName is invalid. "
    "It must contain only alphanumeric characters and/or the following: +=,.@_-"
)


def validation_message(exc_info: pytest.ExceptionInfo[ClientError]) -> str:
    response = exc_info.value.response
    assert response["Error"]["Code"] == "ValidationError"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Type"] == "Sender"
    return str(response["Error"]["Message"])


@pytest.mark.parametrize(
    ("op", "extra"),
    [
        ("get_user", {}),
        ("create_user", {}),
        ("create_login_profile", {"Password": GOOD}),
        ("get_login_profile", {}),
        ("update_login_profile", {}),
        ("delete_login_profile", {}),
        ("delete_user", {}),
    ],
)
@pytest.mark.parametrize("name", ["analysts/some.one", "{ocm-sts-access}", "bad name"])
def test_user_name_pattern_has_iams_own_sentence(iam, op, extra, name):
    with pytest.raises(ClientError) as exc_info:
        getattr(iam, op)(UserName=name, **extra)
    assert validation_message(exc_info) == USER_NAME_INVALID


@pytest.mark.parametrize("op", ["create_user", "get_login_profile", "delete_login_profile"])
def test_user_name_longer_than_64(iam, op):
    with pytest.raises(ClientError) as exc_info:
        getattr(iam, op)(UserName="a" * 65)
    assert validation_message(exc_info) == (
        "1 validation error detected: Value at 'userName' failed to satisfy constraint: "
        "Member must have length less than or equal to 64"
    )


@pytest.mark.parametrize("op", ["get_user", "delete_user"])
def test_existing_user_name_allows_128(iam, op):
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        getattr(iam, op)(UserName="a" * 128)
    with pytest.raises(ClientError) as exc_info:
        getattr(iam, op)(UserName="a" * 129)
    assert validation_message(exc_info).endswith("Member must have length less than or equal to 128")


def test_password_longer_than_128(iam):
    iam.create_user(UserName="Bob")
    with pytest.raises(ClientError) as exc_info:
        iam.create_login_profile(UserName="Bob", Password="Aa1!" * 32 + "x")
    assert validation_message(exc_info) == (
        "1 validation error detected: Value at 'password' failed to satisfy constraint: "
        "Member must have length less than or equal to 128"
    )


def test_password_outside_latin1_is_refused_without_echoing_it(iam):
    iam.create_user(UserName="Bob")
    with pytest.raises(ClientError) as exc_info:
        iam.create_login_profile(UserName="Bob", Password="Str0ng!Passw€rd")
    message = validation_message(exc_info)
    assert message == (
        "1 validation error detected: Value at 'password' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+"
    )
    assert "Passw" not in message
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_login_profile(UserName="Bob")


def test_latin1_password_is_accepted(iam):
    iam.create_user(UserName="Bob")
    iam.create_login_profile(UserName="Bob", Password="Str0ng!Passwörd é")


@needs_member("iam", "CreateLoginProfile", "MaxSigninSessionDuration")
def test_max_signin_session_duration_above_range(iam):
    iam.create_user(UserName="Bob")
    with pytest.raises(ClientError) as exc_info:
        iam.create_login_profile(UserName="Bob", Password=GOOD, MaxSigninSessionDuration=7776001)
    assert validation_message(exc_info) == (
        "1 validation error detected: Value at 'maxSigninSessionDuration' failed to satisfy constraint: "
        "Member must have value less than or equal to 7776000"
    )


def test_several_problems_are_reported_together(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.create_user(UserName="a" * 65, Path="/" + "p" * 600 + "/")
    assert validation_message(exc_info) == (
        "2 validation errors detected: "
        "Value at 'path' failed to satisfy constraint: Member must have length less than or equal to 512; "
        "Value at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64"
    )


def test_bad_path_pattern_gets_iams_own_sentence(iam):
    # REAL for CreateVirtualMFADevice's Path, INFERRED for the other paths (reference iam-entities.md §7.1).
    with pytest.raises(ClientError) as exc_info:
        iam.create_user(UserName="Bob", Path="no-slashes")
    assert validation_message(exc_info) == (
        "The specified value for path is invalid. "
        "It must begin and end with / and contain only alphanumeric characters and/or / characters."
    )


def test_tag_members_are_named_like_iam(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.create_user(UserName="Bob", Tags=[{"Key": "k" * 129, "Value": "v"}])
    assert validation_message(exc_info) == (
        "1 validation error detected: Value at 'tags.1.member.key' failed to satisfy constraint: "
        "Member must have length less than or equal to 128"
    )


def test_botocore_still_validates_client_side(iam):
    with pytest.raises(ParamValidationError):
        iam.create_user(UserName="")
    assert iam.list_users()["Users"] == []


def test_missing_required_member_without_client_side_validation(iamfake):
    from botocore.config import Config

    client = iamfake.client(config=Config(parameter_validation=False))
    with pytest.raises(ClientError) as exc_info:
        client.update_login_profile(Password=GOOD)
    assert validation_message(exc_info) == (
        "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must not be null"
    )
