"""STS GetSessionToken (with and without MFA, expiry) and GetAccessKeyInfo (reference iam-authorization.md §3.4)."""

from __future__ import annotations

import datetime as dt
import re

import boto3
import pytest
from botocore.exceptions import ClientError, ParamValidationError
from helpers import allow, error_of, needs_member

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"


@pytest.fixture(autouse=True)
def users_act_on_themselves(iamfake):  # type: ignore[no-untyped-def]
    """These tests are about sessions, not permissions: each user may do anything to itself."""
    for name in iamfake.options.users:
        allow(iamfake, name)


def session_client(service: str, credentials):  # type: ignore[no-untyped-def]
    return boto3.client(
        service,
        region_name="us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )


def test_a_session_without_mfa_acts_as_the_user_but_cannot_call_iam(iamfake):
    sts = iamfake.client("sts", user="alice")
    answer = sts.get_session_token()
    credentials = answer["Credentials"]
    assert set(credentials) == {"AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"}
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", credentials["AccessKeyId"])
    assert len(credentials["SecretAccessKey"]) == 40
    assert credentials["Expiration"] == iamfake.clock.now() + dt.timedelta(hours=12)  # the default
    assert "SessionTokenSize" not in answer
    identity = session_client("sts", credentials).get_caller_identity()
    user = iamfake.client(user="alice").get_user()["User"]
    assert (identity["Arn"], identity["UserId"], identity["Account"]) == (user["Arn"], user["UserId"], ACCOUNT)
    with pytest.raises(ClientError) as exc_info:
        session_client("iam", credentials).get_user()
    assert error_of(exc_info) == ("InvalidClientTokenId", 403, "The security token included in the request is invalid")


def test_a_session_with_mfa_calls_iam_and_carries_the_mfa_time(iamfake):
    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    credentials = sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial))["Credentials"]
    issued = iamfake.clock.now()
    assert session_client("iam", credentials).get_user()["User"]["UserName"] == "alice"
    principal = iamfake.backend.caller_for(credentials["AccessKeyId"])
    assert (principal.user_name, principal.mfa_authenticated_at, principal.token_issued_at) == ("alice", issued, issued)
    plain = sts.get_session_token()["Credentials"]
    assert iamfake.backend.caller_for(plain["AccessKeyId"]).mfa_authenticated_at is None


@pytest.mark.parametrize("window", [-1, 0, 1])
def test_the_token_code_may_be_one_step_off(iamfake, window):
    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial, window=window))


def test_a_wrong_token_code_is_access_denied(iamfake):
    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    with pytest.raises(ClientError) as exc_info:
        sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial, window=2))
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
    )


@pytest.mark.parametrize("whose", ["bob's device", "the user's ARN", "no device"])
def test_a_serial_number_that_is_not_the_callers_device_is_access_denied(iamfake, whose):
    bobs = iamfake.add_mfa_device("bob")
    serial = {
        "bob's device": bobs,
        "the user's ARN": f"arn:aws:iam::{ACCOUNT}:user/alice",
        "no device": f"arn:aws:iam::{ACCOUNT}:mfa/nothing",
    }[whose]
    sts = iamfake.client("sts", user="alice")
    with pytest.raises(ClientError) as exc_info:
        sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(bobs))
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        "MultiFactorAuthentication failed, unable to validate MFA code.  "
        "Please verify your MFA serial number is valid and associated with this user.",
    )


def test_duration_is_checked_against_the_service_model(iamfake):
    sts = iamfake.client("sts", user="alice")
    longest = sts.get_session_token(DurationSeconds=129600)["Credentials"]
    assert longest["Expiration"] == iamfake.clock.now() + dt.timedelta(hours=36)
    with pytest.raises(ClientError) as exc_info:
        sts.get_session_token(DurationSeconds=129601)
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: "
        "Member must have value less than or equal to 129600",
    )
    with pytest.raises(ParamValidationError):
        sts.get_session_token(DurationSeconds=899)  # botocore checks min itself


def test_the_roots_session_lasts_an_hour_at_most(iamfake):
    sts = iamfake.client("sts")
    now = iamfake.clock.now()
    assert sts.get_session_token()["Credentials"]["Expiration"] == now + dt.timedelta(hours=1)
    assert sts.get_session_token(DurationSeconds=7200)["Credentials"]["Expiration"] == now + dt.timedelta(hours=1)
    assert sts.get_session_token(DurationSeconds=900)["Credentials"]["Expiration"] == now + dt.timedelta(minutes=15)
    credentials = sts.get_session_token()["Credentials"]
    assert session_client("sts", credentials).get_caller_identity()["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"


def test_the_session_expires_on_the_fake_clock(iamfake):
    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    credentials = sts.get_session_token(DurationSeconds=900, SerialNumber=serial, TokenCode=iamfake.mfa_code(serial))[
        "Credentials"
    ]
    iamfake.clock.advance(899)
    session_client("sts", credentials).get_caller_identity()
    iamfake.clock.advance(1)
    for service, call in (("sts", "get_caller_identity"), ("iam", "get_user")):
        with pytest.raises(ClientError) as exc_info:
            getattr(session_client(service, credentials), call)()
        assert error_of(exc_info) == ("ExpiredToken", 400, "The security token included in the request is expired")


def test_session_credentials_cannot_get_a_session_token(iamfake):
    credentials = iamfake.client("sts", user="alice").get_session_token()["Credentials"]
    with pytest.raises(ClientError) as exc_info:
        session_client("sts", credentials).get_session_token()
    assert error_of(exc_info) == ("AccessDenied", 403, "Cannot call GetSessionToken with session credentials")


def test_a_session_of_a_deleted_user_is_refused(iamfake, iam):
    serial = iamfake.add_mfa_device("alice")
    key = iamfake.add_access_key("alice")
    sts = iamfake.client("sts", user="alice")
    credentials = sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial))["Credentials"]
    iam.deactivate_mfa_device(UserName="alice", SerialNumber=serial)
    iam.delete_access_key(UserName="alice", AccessKeyId=key["AccessKeyId"])
    iam.delete_user_policy(UserName="alice", PolicyName="allow")
    iam.delete_user(UserName="alice")
    with pytest.raises(ClientError) as exc_info:
        session_client("iam", credentials).list_users()
    assert error_of(exc_info)[:2] == ("InvalidClientTokenId", 403)


@needs_member("sts", "GetSessionToken", "MinimumSessionTokenSize")
def test_a_minimum_token_size_pads_the_token(iamfake):
    answer = iamfake.client("sts", user="alice").get_session_token(MinimumSessionTokenSize=2048)
    assert len(answer["Credentials"]["SessionToken"]) == 2048
    assert (answer["SessionTokenSize"], answer["SessionTokenUtilization"]) == (2048, 50)


def test_get_access_key_info_names_the_keys_account(iamfake):
    sts = iamfake.client("sts")
    user_key = iamfake.add_access_key("alice")["AccessKeyId"]
    assert sts.get_access_key_info(AccessKeyId=user_key)["Account"] == ACCOUNT
    session_key = iamfake.client("sts", user="bob").get_session_token()["Credentials"]["AccessKeyId"]
    assert sts.get_access_key_info(AccessKeyId=session_key)["Account"] == ACCOUNT
    # CHOSEN: a key the fake never issued belongs to the fake's default account.
    assert sts.get_access_key_info(AccessKeyId="AKIAIOSFODNN7EXAMPLE")["Account"] == ACCOUNT


@pytest.mark.iamfake(account_id="210987654321", users=["carol"])
def test_get_access_key_info_follows_the_account_option(iamfake):
    key = iamfake.add_access_key("carol")["AccessKeyId"]
    assert iamfake.client("sts").get_access_key_info(AccessKeyId=key)["Account"] == "210987654321"


def test_get_access_key_info_validates_the_id(iamfake):
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("sts").get_access_key_info(AccessKeyId="AKIA-NOT-VALID-ID")
    code, status, message = error_of(exc_info)
    assert (code, status) == ("ValidationError", 400)
    assert message.startswith("1 validation error detected: Value at 'accessKeyId'")


def test_the_session_feeds_the_mfa_context_keys(iamfake):
    from pytest_iamfake.model.evaluation import user_context

    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    with_mfa = sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial))["Credentials"]
    plain = sts.get_session_token()["Credentials"]
    iamfake.clock.advance(600)

    def keys(credentials):  # type: ignore[no-untyped-def]
        p = iamfake.backend.caller_for(credentials["AccessKeyId"])
        return user_context(
            account_id=p.account_id,
            user_name=p.user_name,
            user_id=p.user_id,
            now=iamfake.clock.now(),
            mfa_authenticated_at=p.mfa_authenticated_at,
            token_issued_at=p.token_issued_at,
        )

    assert (keys(with_mfa)["aws:MultiFactorAuthPresent"], keys(with_mfa)["aws:MultiFactorAuthAge"]) == (True, "600")
    assert keys(plain)["aws:MultiFactorAuthPresent"] is False
    assert "aws:MultiFactorAuthAge" not in keys(plain)
