"""MFA and sign-in as the audit surfaces see them: the credential report and the account summary.

They read MFA state through `model/hooks.py` (`mfa_active`, `mfa_devices`, `mfa_devices_in_use`),
which returns what `model/mfa.py` knows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])


def report_rows(iam) -> dict[str, dict[str, str]]:  # type: ignore[no-untyped-def]
    iam.generate_credential_report()
    content = iam.get_credential_report()["Content"].decode("utf-8")
    return {row["user"]: row for row in csv.DictReader(io.StringIO(content))}


def test_the_report_shows_mfa_active_for_an_enabled_device(iamfake, iam):
    serial = iamfake.add_mfa_device("alice")
    rows = report_rows(iam)
    assert (rows["alice"]["mfa_active"], rows["bob"]["mfa_active"], rows["<root_account>"]["mfa_active"]) == (
        "true",
        "false",
        "false",
    )
    iam.deactivate_mfa_device(UserName="alice", SerialNumber=serial)
    iamfake.clock.advance(dt.timedelta(hours=5))  # a new report: the old one is reused for four hours
    assert report_rows(iam)["alice"]["mfa_active"] == "false"


def test_the_report_shows_the_console_sign_in(iamfake, iam):
    iamfake.add_login_profile("alice", "Correct-Horse-9")
    iamfake.clock.advance(dt.timedelta(days=2, seconds=5))
    assert iamfake.sign_in("alice", "Correct-Horse-9").ok
    assert report_rows(iam)["alice"]["password_last_used"] == "2020-01-03T00:00:05Z"


def test_the_summary_counts_devices_and_devices_in_use(iamfake, iam):
    def counts() -> tuple[int, int]:
        summary = iam.get_account_summary()["SummaryMap"]
        return summary["MFADevices"], summary["MFADevicesInUse"]

    assert counts() == (0, 0)
    serial = iamfake.add_mfa_device("alice")
    iam.create_virtual_mfa_device(VirtualMFADeviceName="spare")
    assert counts() == (2, 1)
    iam.deactivate_mfa_device(UserName="alice", SerialNumber=serial)
    assert counts() == (2, 0)
    iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert counts() == (1, 0)


def test_the_roots_device_shows_in_the_summary_and_the_report(iamfake, iam):
    iamfake.add_root_mfa_device()
    summary = iam.get_account_summary()["SummaryMap"]
    assert (summary["AccountMFAEnabled"], summary["MFADevices"], summary["MFADevicesInUse"]) == (1, 1, 1)
    rows = report_rows(iam)
    assert (rows["<root_account>"]["mfa_active"], rows["alice"]["mfa_active"]) == ("true", "false")
