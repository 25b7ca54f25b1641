"""Tests of the audit, written with pytest-iamfake: the fake clock stands in for 90 days."""

from __future__ import annotations

import datetime as dt

import pytest
from audit import (
    StaleKey,
    console_users_without_mfa,
    credential_report,
    stale_keys_from_last_used,
    stale_keys_from_report,
)

pytestmark = pytest.mark.iamfake(users=["alice", "bob", "carol", "dave"])
# What carol and dave's keys are used for: reading their own user and keys.
READ_OWN_USER = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:GetUser", "iam:ListAccessKeys"],
            "Resource": "arn:aws:iam::*:user/${aws:username}",
        }
    ],
}


@pytest.fixture
def account(iamfake):  # type: ignore[no-untyped-def]
    """alice: console password; bob: none.  carol's key is used on day 0, dave's on day 95,
    erin's key is made on day 0 and never used; the audit runs on day 100."""
    iamfake.add_login_profile("alice", "Str0ng!Passw0rd")
    for name in ("carol", "dave"):
        iamfake.add_user_policy(name, READ_OWN_USER)
    carol = iamfake.client(user="carol")
    carol.get_user()
    iamfake.add_user("erin")
    erin_key = iamfake.add_access_key("erin")["AccessKeyId"]
    iamfake.clock.advance(dt.timedelta(days=95))
    iamfake.client(user="dave").get_user()
    iamfake.clock.advance(dt.timedelta(days=5))
    return {"carol": carol, "erin_key": erin_key}


def test_console_users_without_mfa(iamfake, account):
    rows = credential_report(iamfake.client(), sleep=iamfake.clock.advance)
    # MFA comes from the report's mfa_active column: nobody here has a device yet.
    assert console_users_without_mfa(rows) == ["alice"]


def test_a_console_user_with_mfa_is_not_flagged(iamfake, account):
    iamfake.add_login_profile("bob", "An0ther!Passw0rd")
    iamfake.add_mfa_device("alice")
    rows = credential_report(iamfake.client(), sleep=iamfake.clock.advance)
    assert console_users_without_mfa(rows) == ["bob"]


def test_stale_keys_from_the_credential_report(iamfake, account):
    rows = credential_report(iamfake.client(), sleep=iamfake.clock.advance)
    stale = stale_keys_from_report(rows, iamfake.clock.now())
    assert stale == [
        StaleKey("carol", "access_key_1", dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)),
        StaleKey("erin", "access_key_1", None),
    ]


def test_stale_keys_from_get_access_key_last_used(iamfake, account):
    stale = stale_keys_from_last_used(iamfake.clock.now(), iamfake.client())
    assert [(k.user, k.last_used) for k in stale] == [
        ("carol", dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)),
        ("erin", None),
    ]
    assert stale[1].key == account["erin_key"]


def test_both_audits_agree(iamfake, account):
    rows = credential_report(iamfake.client(), sleep=iamfake.clock.advance)
    from_report = [k.user for k in stale_keys_from_report(rows, iamfake.clock.now())]
    assert from_report == [k.user for k in stale_keys_from_last_used(iamfake.clock.now(), iamfake.client())]


def test_a_deactivated_key_is_not_reported(iamfake, account):
    iam = iamfake.client()
    key_id = iam.list_access_keys(UserName="carol")["AccessKeyMetadata"][0]["AccessKeyId"]
    iam.update_access_key(UserName="carol", AccessKeyId=key_id, Status="Inactive")
    assert [k.user for k in stale_keys_from_last_used(iamfake.clock.now(), iam)] == ["erin"]


def test_the_audit_waits_for_a_slow_report_on_the_fake_clock(iamfake, account):
    iamfake.set_credential_report_delay(12)
    started = iamfake.clock.now()
    rows = credential_report(iamfake.client(), sleep=iamfake.clock.advance)
    assert iamfake.clock.now() - started == dt.timedelta(seconds=15)  # three polls of 5 s
    assert [r["user"] for r in rows][:2] == ["<root_account>", "alice"]


def test_a_key_used_again_is_no_longer_stale(iamfake, account):
    account["carol"].list_access_keys()
    assert [k.user for k in stale_keys_from_last_used(iamfake.clock.now(), iamfake.client())] == ["erin"]
