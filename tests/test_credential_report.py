"""The credential report: states, errors, IAM's 22 columns and their value formats (reference 9.3)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from helpers import data

pytestmark = pytest.mark.iamfake(users=["alice"])
ACCOUNT = "123456789012"
COLUMNS = (
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
    "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
    "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
    "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,"
    "access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
)
START = "2020-01-01T00:00:00Z"


def report(iam) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    iam.generate_credential_report()
    content = iam.get_credential_report()["Content"]
    assert isinstance(content, bytes)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def row_of(rows: list[dict[str, str]], user: str) -> dict[str, str]:
    return next(r for r in rows if r["user"] == user)


def test_get_before_generate_is_report_not_present_without_a_message(iam):
    with pytest.raises(iam.exceptions.CredentialReportNotPresentException) as exc_info:
        iam.get_credential_report()
    assert exc_info.value.response["Error"]["Code"] == "ReportNotPresent"
    assert exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 410
    assert "Message" not in exc_info.value.response["Error"]
    assert str(exc_info.value).endswith(": Unknown")


def test_generate_starts_then_completes(iam):
    assert {k: v for k, v in iam.generate_credential_report().items() if k != "ResponseMetadata"} == {
        "State": "STARTED",
        "Description": "No report exists. Starting a new report generation task",
    }
    again = iam.generate_credential_report()
    assert again["State"] == "COMPLETE"
    assert "Description" not in again
    got = iam.get_credential_report()
    assert got["ReportFormat"] == "text/csv"
    assert got["GeneratedTime"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def test_while_in_progress(iamfake, iam):
    iamfake.set_credential_report_delay(30)
    iam.generate_credential_report()
    assert iam.generate_credential_report()["State"] == "INPROGRESS"
    with pytest.raises(iam.exceptions.CredentialReportNotReadyException) as exc_info:
        iam.get_credential_report()
    assert exc_info.value.response["Error"]["Code"] == "ReportInProgress"
    assert exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert "Message" not in exc_info.value.response["Error"]
    iamfake.clock.advance(30)
    assert iam.get_credential_report()["Content"]
    assert iam.generate_credential_report()["State"] == "COMPLETE"


def test_the_report_is_reused_for_four_hours_then_expires(iamfake, iam):
    iam.generate_credential_report()
    iam.create_user(UserName="bob")
    iamfake.clock.advance(dt.timedelta(hours=3, minutes=59))
    assert iam.generate_credential_report()["State"] == "COMPLETE"
    assert "bob" not in iam.get_credential_report()["Content"].decode()  # the cached report
    iamfake.clock.advance(dt.timedelta(minutes=1))
    with pytest.raises(iam.exceptions.CredentialReportExpiredException) as exc_info:
        iam.get_credential_report()
    assert exc_info.value.response["Error"]["Code"] == "ReportExpired"
    assert exc_info.value.response["ResponseMetadata"]["HTTPStatusCode"] == 410
    assert iam.generate_credential_report()["State"] == "STARTED"
    assert "bob" in iam.get_credential_report()["Content"].decode()


def test_header_and_the_root_row_first(iam):
    iam.generate_credential_report()
    lines = iam.get_credential_report()["Content"].decode().splitlines()
    assert lines[0] == COLUMNS
    root = dict(zip(COLUMNS.split(","), next(csv.reader([lines[1]])), strict=True))
    assert root == {
        "user": "<root_account>",
        "arn": f"arn:aws:iam::{ACCOUNT}:root",
        "user_creation_time": START,
        "password_enabled": "not_supported",
        "password_last_used": "no_information",
        "password_last_changed": "not_supported",
        "password_next_rotation": "not_supported",
        "mfa_active": "false",
        "access_key_1_active": "false",
        "access_key_1_last_rotated": "N/A",
        "access_key_1_last_used_date": "N/A",
        "access_key_1_last_used_region": "N/A",
        "access_key_1_last_used_service": "N/A",
        "access_key_2_active": "false",
        "access_key_2_last_rotated": "N/A",
        "access_key_2_last_used_date": "N/A",
        "access_key_2_last_used_region": "N/A",
        "access_key_2_last_used_service": "N/A",
        "cert_1_active": "false",
        "cert_1_last_rotated": "N/A",
        "cert_2_active": "false",
        "cert_2_last_rotated": "N/A",
    }


def test_a_user_without_password_keys_or_certificates(iam):
    alice = row_of(report(iam), "alice")
    assert alice["arn"] == f"arn:aws:iam::{ACCOUNT}:user/alice"
    assert alice["user_creation_time"] == START
    assert [alice[c] for c in ("password_enabled", "password_last_used", "password_last_changed")] == [
        "false",
        "N/A",
        "N/A",
    ]
    assert alice["password_next_rotation"] == "N/A"
    assert alice["mfa_active"] == "false"
    assert [alice["access_key_1_active"], alice["access_key_1_last_rotated"]] == ["false", "N/A"]
    assert [alice["cert_1_active"], alice["cert_1_last_rotated"]] == ["false", "N/A"]


def test_a_user_with_a_password_never_used_and_two_keys_the_inactive_older_one_second(iamfake, iam):
    """The case AWS was recorded with: password, an older Inactive key and a newer Active one."""
    iamfake.clock.advance(60)
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-9")
    older = iamfake.add_access_key("alice")["AccessKeyId"]
    iamfake.clock.advance(60)
    iamfake.add_access_key("alice")
    iam.update_access_key(UserName="alice", AccessKeyId=older, Status="Inactive")
    alice = row_of(report(iam), "alice")
    assert alice["password_enabled"] == "true"
    assert alice["password_last_used"] == "no_information"
    assert alice["password_last_changed"] == "2020-01-01T00:01:00Z"
    assert alice["password_next_rotation"] == "N/A"
    assert [alice[f"access_key_1_{c}"] for c in ("active", "last_rotated")] == ["true", "2020-01-01T00:02:00Z"]
    # The inactive key keeps its creation time as last_rotated (REAL).
    assert [alice[f"access_key_2_{c}"] for c in ("active", "last_rotated")] == ["false", "2020-01-01T00:01:00Z"]
    for slot in (1, 2):
        assert [alice[f"access_key_{slot}_last_used_{c}"] for c in ("date", "region", "service")] == ["N/A"] * 3


@pytest.mark.usefixtures("regional_sts")
def test_key_use_and_rotation_policy_in_the_report(iamfake, iam):
    iam.update_account_password_policy(MaxPasswordAge=90)
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-9")
    alice_sts = iamfake.client("sts", user="alice", region_name="eu-west-1")
    iamfake.clock.advance(dt.timedelta(days=2))
    alice_sts.get_caller_identity()
    alice = row_of(report(iam), "alice")
    assert alice["password_next_rotation"] == "2020-03-31T00:00:00Z"  # 90 days after it was set
    assert [alice[f"access_key_1_last_used_{c}"] for c in ("date", "region", "service")] == [
        "2020-01-03T00:00:00Z",
        "eu-west-1",
        "sts",
    ]


def test_password_last_used_shows_in_the_report_and_get_user(iamfake, iam):
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-9")
    # Console sign-in sets this field; no API call can (reference 2.4).
    iamfake.backend.account(iamfake.options.account_id).require_user("alice").password_last_used = dt.datetime(
        2020, 1, 1, 12, tzinfo=dt.timezone.utc
    )
    assert row_of(report(iam), "alice")["password_last_used"] == "2020-01-01T12:00:00Z"
    assert iam.get_user(UserName="alice")["User"]["PasswordLastUsed"] == dt.datetime(
        2020, 1, 1, 12, tzinfo=dt.timezone.utc
    )
    assert "PasswordLastUsed" in iam.list_users()["Users"][0]


def test_a_user_who_never_signed_in_has_no_password_last_used(iam):
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-9")
    assert "PasswordLastUsed" not in iam.get_user(UserName="alice")["User"]


def test_certificates_report_their_real_status(iamfake, iam):
    first = iam.upload_signing_certificate(UserName="alice", CertificateBody=data("cert_1.pem"))["Certificate"]
    iamfake.clock.advance(60)
    iam.upload_signing_certificate(UserName="alice", CertificateBody=data("cert_2.pem"))
    iam.update_signing_certificate(UserName="alice", CertificateId=first["CertificateId"], Status="Inactive")
    alice = row_of(report(iam), "alice")
    assert [alice["cert_1_active"], alice["cert_1_last_rotated"]] == ["true", "2020-01-01T00:01:00Z"]
    assert [alice["cert_2_active"], alice["cert_2_last_rotated"]] == ["false", START]


def test_users_follow_the_root_row_in_name_order(iam):
    iam.create_user(UserName="Zed")
    iam.create_user(UserName="bob")
    assert [r["user"] for r in report(iam)] == ["<root_account>", "alice", "bob", "Zed"]


def test_injected_report_errors_carry_iams_wording(iamfake, iam):
    from helpers import error_of

    iamfake.fail("GenerateCredentialReport", "LimitExceeded")
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.generate_credential_report()
    assert error_of(exc_info) == ("LimitExceeded", 409, "No more capacity to launch new report generation tasks")
    iamfake.fail("GetCredentialReport", "ReportInProgress")
    with pytest.raises(iam.exceptions.CredentialReportNotReadyException) as exc_info:
        iam.get_credential_report()
    assert "Message" not in exc_info.value.response["Error"]


def test_mfa_columns_read_the_mfa_hook(iam, monkeypatch):
    """The MFA module plugs in through model.hooks: the report and the summary follow it."""
    from pytest_iamfake.model import hooks

    monkeypatch.setattr(hooks, "mfa_active", lambda user: user.name == "alice" or user.is_root)
    rows = report(iam)
    assert [r["mfa_active"] for r in rows] == ["true", "true"]
    assert iam.get_account_summary()["SummaryMap"]["AccountMFAEnabled"] == 1
