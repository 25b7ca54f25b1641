"""pytest-iamfake for IAM, moto's mock_aws for the rest, in one test; the guard still stops the unanswered."""

from __future__ import annotations

import boto3
import pytest
from moto import mock_aws

from pytest_iamfake import BlockedRequest, UnsupportedOperation, fake_iam

GOOD = "Str0ng!Passw0rd"
TRANSPORTS = pytest.mark.parametrize("transport", ["call", "wire"])


def s3_round_trip() -> bytes:
    s3 = boto3.client("s3", region_name="us-east-1")
    s3.create_bucket(Bucket="reports")
    s3.put_object(Bucket="reports", Key="a.txt", Body=b"hello")
    body: bytes = s3.get_object(Bucket="reports", Key="a.txt")["Body"].read()
    return body


@TRANSPORTS
def test_moto_answers_s3_while_the_fake_answers_iam(transport):
    with mock_aws(), fake_iam(transport=transport) as iamfake:
        iam = boto3.client("iam")
        iam.create_user(UserName="Bob")
        iam.create_login_profile(UserName="Bob", Password=GOOD)
        assert s3_round_trip() == b"hello"
        # IAM went to the fake (moto's IAM has never heard of Bob)...
        assert [c.operation for c in iamfake.calls] == ["CreateUser", "CreateLoginProfile"]
        assert iam.get_login_profile(UserName="Bob")["LoginProfile"]["UserName"] == "Bob"
        with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
            iam.create_login_profile(UserName="Bob", Password=GOOD)
        # ...with IAM's wording, not moto's ("User Bob already has password").
        assert exc_info.value.response["Error"]["Message"] == "Login Profile for user Bob already exists."


@TRANSPORTS
def test_uncovered_iam_operation_passes_through_to_moto(transport):
    with mock_aws(), fake_iam(transport=transport, unmodelled="passthrough") as iamfake:
        iam = boto3.client("iam")
        profile = iam.create_instance_profile(InstanceProfileName="web")["InstanceProfile"]
        assert profile["Arn"] == "arn:aws:iam::123456789012:instance-profile/web"
        assert iam.get_instance_profile(InstanceProfileName="web")["InstanceProfile"]["InstanceProfileName"] == "web"
        # Recorded, marked as answered by another fake, with the response botocore parsed.
        created, got = iamfake.calls
        assert (created.operation, created.params, created.error) == (
            "CreateInstanceProfile",
            {"InstanceProfileName": "web"},
            None,
        )
        assert created.answered_elsewhere
        assert got.answered_elsewhere
        assert created.response is not None
        assert created.response["InstanceProfile"]["Arn"] == profile["Arn"]
        assert created.caller == "arn:aws:iam::123456789012:root"
        iamfake.assert_called("create_instance_profile", InstanceProfileName="web", times=1)
        assert "(answered elsewhere)" in repr(created)


@TRANSPORTS
def test_an_error_another_fake_answers_is_recorded_with_its_code(transport):
    with mock_aws(), fake_iam(transport=transport, unmodelled="passthrough") as iamfake:
        iam = boto3.client("iam")
        with pytest.raises(iam.exceptions.NoSuchEntityException):
            iam.get_instance_profile(InstanceProfileName="missing")
        (call,) = iamfake.calls
        assert (call.operation, call.error, call.response, call.answered_elsewhere) == (
            "GetInstanceProfile",
            "NoSuchEntity",
            None,
            True,
        )


def test_calls_the_fake_answers_are_not_marked_elsewhere():
    with mock_aws(), fake_iam(unmodelled="passthrough") as iamfake:
        boto3.client("iam").create_user(UserName="bob")
        (call,) = iamfake.calls
        assert not call.answered_elsewhere


@pytest.mark.iamfake(unmodelled="passthrough")
def test_passthrough_without_moto_is_blocked(iam):
    with pytest.raises(BlockedRequest, match=r"blocked a request to https://iam\.amazonaws\.com/"):
        iam.create_instance_profile(InstanceProfileName="web")


@pytest.mark.usefixtures("iamfake")
def test_other_services_without_moto_are_blocked():
    with pytest.raises(BlockedRequest, match="nothing in the process answered"):
        s3_round_trip()


@pytest.mark.iamfake(strict=False)  # the test catches UnsupportedOperation on purpose
def test_unmodelled_error_mode_does_not_fall_through_to_moto():
    with mock_aws():
        iam = boto3.client("iam")
        with pytest.raises(UnsupportedOperation, match="does not model iam:CreateInstanceProfile"):
            iam.create_instance_profile(InstanceProfileName="web")
