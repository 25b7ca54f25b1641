"""A small security audit under test: console users without MFA, and access keys unused for 90 days.

Stale keys are found two ways, as audit tools do: from the credential report (one call for the
whole account, up to four hours old) and from GetAccessKeyLastUsed (one call per key, current).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3

STALE_AFTER = dt.timedelta(days=90)


@dataclass(frozen=True)
class StaleKey:
    """An Active access key not used for STALE_AFTER (or never used and older than that)."""

    user: str
    key: str  # the key id, or "access_key_<n>" when read from the credential report
    last_used: dt.datetime | None


def credential_report(iam: Any = None, *, sleep: Callable[[float], object] = time.sleep) -> list[dict[str, str]]:
    """The rows of a fresh (or at most four hours old) credential report; waits while IAM generates it."""
    iam = iam or boto3.client("iam")
    while iam.generate_credential_report()["State"] != "COMPLETE":
        sleep(5)
    content = iam.get_credential_report()["Content"]
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def console_users_without_mfa(rows: list[dict[str, str]]) -> list[str]:
    """Users who can sign in to the console (a password) but have no MFA device enabled."""
    return [r["user"] for r in rows if r["password_enabled"] == "true" and r["mfa_active"] == "false"]


def _instant(value: str) -> dt.datetime | None:
    if value in ("N/A", "no_information", "not_supported"):
        return None
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))


def stale_keys_from_report(rows: list[dict[str, str]], now: dt.datetime) -> list[StaleKey]:
    """Active keys whose last use (or, never used, whose creation) is older than STALE_AFTER."""
    stale = []
    for row in rows:
        for n in (1, 2):
            if row[f"access_key_{n}_active"] != "true":
                continue
            used = _instant(row[f"access_key_{n}_last_used_date"])
            since = used or _instant(row[f"access_key_{n}_last_rotated"])
            if since is not None and now - since >= STALE_AFTER:
                stale.append(StaleKey(row["user"], f"access_key_{n}", used))
    return stale


def stale_keys_from_last_used(now: dt.datetime, iam: Any = None) -> list[StaleKey]:
    """The same audit, key by key, with ListUsers, ListAccessKeys and GetAccessKeyLastUsed."""
    iam = iam or boto3.client("iam")
    stale = []
    for page in iam.get_paginator("list_users").paginate():
        for user in page["Users"]:
            keys = iam.list_access_keys(UserName=user["UserName"])["AccessKeyMetadata"]
            for key in keys:
                if key["Status"] != "Active":
                    continue
                info = iam.get_access_key_last_used(AccessKeyId=key["AccessKeyId"])["AccessKeyLastUsed"]
                used = info.get("LastUsedDate")  # absent for a key never used
                since = used or key["CreateDate"]
                if now - since >= STALE_AFTER:
                    stale.append(StaleKey(user["UserName"], key["AccessKeyId"], used))
    return stale
