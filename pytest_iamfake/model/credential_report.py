"""GenerateCredentialReport and GetCredentialReport (reference 9.3).

The report is a CSV of IAM's 22 columns, the root row first, written with the csv
module.  Generation takes `Account.report_seconds` of fake time (CHOSEN default 0:
done at once); a report is reused for four hours and expires after that (DOC).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime, timedelta

from . import errors, hooks
from .account import AccessKey, Account, CredentialReport, SigningCertificate, User
from .registry import Request, Result
from .timestamps import as_stored

COLUMNS = (
    "user",
    "arn",
    "user_creation_time",
    "password_enabled",
    "password_last_used",
    "password_last_changed",
    "password_next_rotation",
    "mfa_active",
    "access_key_1_active",
    "access_key_1_last_rotated",
    "access_key_1_last_used_date",
    "access_key_1_last_used_region",
    "access_key_1_last_used_service",
    "access_key_2_active",
    "access_key_2_last_rotated",
    "access_key_2_last_used_date",
    "access_key_2_last_used_region",
    "access_key_2_last_used_service",
    "cert_1_active",
    "cert_1_last_rotated",
    "cert_2_active",
    "cert_2_last_rotated",
)
LIFETIME = timedelta(hours=4)  # DOC: a report is reused for four hours
STARTED_DESCRIPTION = "No report exists. Starting a new report generation task"  # REAL
IN_PROGRESS_DESCRIPTION = "Report generation task is in progress"  # CHOSEN (text UNKNOWN)
NA, NO_INFORMATION, NOT_SUPPORTED = "N/A", "no_information", "not_supported"


def stamp(moment: datetime) -> str:
    """The report's timestamps: `2026-02-17T10:12:13Z` (REAL, 2026)."""
    return as_stored(moment).strftime("%Y-%m-%dT%H:%M:%SZ")


def flag(value: bool) -> str:
    return "true" if value else "false"  # lower case on the wire (REAL)


def slots(entries: Iterable[AccessKey | SigningCertificate]) -> list[AccessKey | SigningCertificate | None]:
    """Two report slots. CHOSEN: Active before Inactive, then by creation (REAL for the one case seen)."""
    ordered = sorted(entries, key=lambda e: (e.status != "Active", e.sequence))[:2]
    return [*ordered, *[None] * (2 - len(ordered))]


def key_columns(key: AccessKey | SigningCertificate | None) -> list[str]:
    if not isinstance(key, AccessKey):
        return ["false", NA, NA, NA, NA]
    # last_rotated is the creation time even for an Inactive key (REAL).
    use = key.last_used
    used = [NA, NA, NA] if use is None else [stamp(use.when), use.region, use.service]
    return [flag(key.status == "Active"), stamp(key.created), *used]


def certificate_columns(cert: AccessKey | SigningCertificate | None) -> list[str]:
    if not isinstance(cert, SigningCertificate):
        return ["false", NA]
    return [flag(cert.status == "Active"), stamp(cert.uploaded)]


def password_columns(account: Account, user: User) -> list[str]:
    """password_enabled, _last_used, _last_changed, _next_rotation."""
    if user.is_root:
        last_used = stamp(user.password_last_used) if user.password_last_used else NO_INFORMATION
        return [NOT_SUPPORTED, last_used, NOT_SUPPORTED, NOT_SUPPORTED]  # DOC
    profile = user.login_profile
    if profile is None:
        return ["false", NA, NA, NA]  # DOC
    last_used = stamp(user.password_last_used) if user.password_last_used else NO_INFORMATION  # REAL
    policy = account.password_policy
    rotation = NA  # REAL without a rotation policy
    if policy is not None and policy.MaxPasswordAge:
        rotation = stamp(profile.password_set + timedelta(days=policy.MaxPasswordAge))  # DOC
    return ["true", last_used, stamp(profile.password_set), rotation]


def row(account: Account, user: User) -> list[str]:
    key_1, key_2 = slots(user.access_keys.values())
    cert_1, cert_2 = slots(user.signing_certificates.values())
    return [
        "<root_account>" if user.is_root else user.name,
        user.arn,
        stamp(user.created),
        *password_columns(account, user),
        flag(hooks.mfa_active(user)),
        *key_columns(key_1),
        *key_columns(key_2),
        *certificate_columns(cert_1),
        *certificate_columns(cert_2),
    ]


def build(account: Account) -> bytes:
    """The CSV: header, the root row, then one row per user in name order (CHOSEN)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerow(row(account, account.root))
    for user in account.users.values():
        writer.writerow(row(account, user))
    return out.getvalue().rstrip("\n").encode()


def generate_credential_report(req: Request) -> Result:
    account = req.account
    now = account.clock.now()
    report = account.credential_report
    if report is not None and now < report.ready:
        return {"State": "INPROGRESS", "Description": IN_PROGRESS_DESCRIPTION}
    if report is not None and now - report.started < LIFETIME:
        return {"State": "COMPLETE"}  # the recent report is reused (DOC)
    # INFERRED: the report shows the state when generation starts.
    account.credential_report = CredentialReport(build(account), now, now + timedelta(seconds=account.report_seconds))
    return {"State": "STARTED", "Description": STARTED_DESCRIPTION}


def get_credential_report(req: Request) -> Result:
    account = req.account
    report = account.credential_report
    now = account.clock.now()
    if report is None:
        raise errors.report_not_present()
    if now < report.ready:
        raise errors.report_in_progress()
    if now - report.started >= LIFETIME:
        raise errors.report_expired()
    return {"Content": report.content, "ReportFormat": "text/csv", "GeneratedTime": as_stored(report.ready)}
