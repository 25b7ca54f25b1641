"""Responses have the keys and Python types botocore's own parser gives for AWS's sample XML."""

from __future__ import annotations

import datetime as dt
from typing import Any

import botocore.session
import pytest
from botocore.parsers import QueryParser

NS = 'xmlns="https://iam.amazonaws.com/doc/2010-05-08/"'
META = "<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>"
USER = (
    "<Path>/division_abc/subdivision_xyz/</Path><UserName>Bob</UserName><UserId>AIDGPMS9RO4H3FEXAMPLE</UserId>"
    "<Arn>arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob</Arn>"
    "<CreateDate>2013-06-08T03:20:41.270Z</CreateDate>"
)
PROFILE = (
    "<UserName>Bob</UserName><CreateDate>2015-03-25T20:48:52.558Z</CreateDate>"
    "<PasswordResetRequired>true</PasswordResetRequired>"
)


def sample(op: str, result: str | None) -> str:
    body = f"<{op}Result>{result}</{op}Result>" if result is not None else ""
    return f"<{op}Response {NS}>{body}{META}</{op}Response>"


SAMPLES = {
    "CreateUser": sample("CreateUser", f"<User>{USER}</User>"),
    "GetUser": sample("GetUser", f"<User>{USER}</User>"),
    "ListUsers": sample("ListUsers", f"<Users><member>{USER}</member></Users><IsTruncated>false</IsTruncated>"),
    "DeleteUser": sample("DeleteUser", None),
    "CreateLoginProfile": sample("CreateLoginProfile", f"<LoginProfile>{PROFILE}</LoginProfile>"),
    "GetLoginProfile": sample("GetLoginProfile", f"<LoginProfile>{PROFILE}</LoginProfile>"),
    "UpdateLoginProfile": sample("UpdateLoginProfile", None),
    "DeleteLoginProfile": sample("DeleteLoginProfile", None),
}
PASSWORD = "Str0ng!Passw0rd"


def botocore_parse(operation: str, xml: str) -> dict[str, Any]:
    model = botocore.session.get_session().get_service_model("iam").operation_model(operation)
    response = {"body": xml.encode(), "headers": {"x-amzn-requestid": "x"}, "status_code": 200}
    parsed: dict[str, Any] = QueryParser().parse(response, model.output_shape)
    parsed["ResponseMetadata"]["RetryAttempts"] = 0  # botocore's endpoint adds it after parsing
    return parsed


def skeleton(value: Any) -> Any:
    """Keys and Python types, values dropped; aware datetimes are told from naive ones."""
    if isinstance(value, dict):
        return {k: skeleton(v) for k, v in value.items() if k != "HTTPHeaders"}
    if isinstance(value, list):
        return [skeleton(v) for v in value[:1]]
    if isinstance(value, dt.datetime):
        return ("datetime", value.utcoffset())
    return type(value).__name__


def call(iam: Any, operation: str) -> dict[str, Any]:
    iam.create_user(UserName="Bob", Path="/division_abc/subdivision_xyz/")
    if operation in ("GetLoginProfile", "UpdateLoginProfile", "DeleteLoginProfile"):
        iam.create_login_profile(UserName="Bob", Password=PASSWORD, PasswordResetRequired=True)
    args: dict[str, Any] = {
        "CreateUser": {"UserName": "Alice"},
        "ListUsers": {},
        "CreateLoginProfile": {"UserName": "Bob", "Password": PASSWORD, "PasswordResetRequired": True},
        "UpdateLoginProfile": {"UserName": "Bob", "PasswordResetRequired": False},
    }.get(operation, {"UserName": "Bob"})
    method = botocore.xform_name(operation)
    return getattr(iam, method)(**args)  # type: ignore[no-any-return]


@pytest.mark.parametrize("operation", sorted(SAMPLES))
def test_same_keys_and_types_as_botocores_parser(iam, operation):
    expected = botocore_parse(operation, SAMPLES[operation])
    got = call(iam, operation)
    assert skeleton(got) == skeleton(expected)
    assert set(got["ResponseMetadata"]) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_timestamps_are_timezone_aware(iam):
    created = iam.create_user(UserName="Bob")["User"]["CreateDate"]
    assert created.tzinfo is not None
    assert created.utcoffset() == dt.timedelta(0)


def test_absent_optional_members_are_left_out(iam):
    iam.create_user(UserName="Bob")
    user = iam.get_user(UserName="Bob")["User"]
    assert set(user) == {"Path", "UserName", "UserId", "Arn", "CreateDate"}
    profile = iam.create_login_profile(UserName="Bob", Password=PASSWORD)["LoginProfile"]
    assert set(profile) == {"UserName", "CreateDate", "PasswordResetRequired"}


def test_error_response_shape(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_user(UserName="ghost")
    response = exc_info.value.response
    assert set(response) == {"Error", "ResponseMetadata"}
    assert response["Error"] == {
        "Type": "Sender",
        "Code": "NoSuchEntity",
        "Message": "The user with name ghost cannot be found.",
    }
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert len(response["ResponseMetadata"]["RequestId"]) == 36  # a UUID, as IAM's


def test_ids_and_arns_have_aws_form_and_are_deterministic(iamfake, iam):
    user = iam.create_user(UserName="Bob", Path="/team/")["User"]
    assert user["Arn"] == "arn:aws:iam::123456789012:user/team/Bob"
    assert user["UserId"].startswith("AIDA")
    assert len(user["UserId"]) == 21
    assert user["UserId"].isalnum()
    from pytest_iamfake import fake_iam

    with fake_iam() as other:
        again = other.client().create_user(UserName="Bob", Path="/team/")["User"]
    assert again["UserId"] == user["UserId"]
