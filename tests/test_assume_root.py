"""AssumeRoot sessions and their task policies (reference 5)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import allow, allowing, error_of

pytestmark = pytest.mark.iamfake(users=["admin"])
MANAGEMENT = "123456789012"
MEMBER = "210987654321"
START = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def admin_may_assume_root(iamfake):  # type: ignore[no-untyped-def]
    allow(iamfake, "admin", allowing("sts:AssumeRoot"))


def task(name: str) -> dict[str, str]:
    return {"arn": f"arn:aws:iam::aws:policy/root-task/{name}"}


def assume_root(fake: Any, policy: str, target: str = MEMBER, **extra: Any) -> dict[str, Any]:
    """Credentials of a root session in `target`, asked for by the IAM user admin."""
    sts = fake.client("sts", user="admin")
    credentials: dict[str, Any] = sts.assume_root(TargetPrincipal=target, TaskPolicyArn=task(policy), **extra)[
        "Credentials"
    ]
    return credentials


def session(fake: Any, policy: str, service: str = "iam", target: str = MEMBER) -> Any:
    """A client signed with a fresh root session's credentials."""
    creds = assume_root(fake, policy, target)
    return fake.client(
        service,
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )


def denied(caller_account: str, action: str, resource: str) -> str:
    return (
        f"User: arn:aws:iam::{caller_account}:root is not authorized to perform: iam:{action} on resource: "
        f"{resource} with an explicit deny in a session policy"
    )


def test_credentials_shape(iamfake):
    creds = assume_root(iamfake, "IAMAuditRootUserCredentials")
    assert re.fullmatch(r"ASIA[A-Z2-7]{16}", creds["AccessKeyId"])
    assert len(creds["SecretAccessKey"]) == 40
    assert isinstance(creds["SessionToken"], str)
    assert len(creds["SessionToken"]) > 100
    assert creds["Expiration"] == START + dt.timedelta(seconds=900)
    shorter = assume_root(iamfake, "IAMAuditRootUserCredentials", DurationSeconds=300)
    assert shorter["Expiration"] == START + dt.timedelta(seconds=300)
    assert shorter["AccessKeyId"] != creds["AccessKeyId"]


def test_root_password_lifecycle_end_to_end(iamfake):
    create = session(iamfake, "IAMCreateRootUserPassword")
    created = create.create_login_profile()["LoginProfile"]
    assert created == {"UserName": MEMBER, "CreateDate": START, "PasswordResetRequired": False}
    assert create.get_login_profile()["LoginProfile"] == created
    with pytest.raises(ClientError) as exc_info:
        create.delete_login_profile()
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        denied(MEMBER, "DeleteLoginProfile", f"arn:aws:iam::{MEMBER}:root"),
    )

    delete = session(iamfake, "IAMDeleteRootUserCredentials")
    assert delete.get_login_profile()["LoginProfile"]["UserName"] == MEMBER
    delete.delete_login_profile()
    with pytest.raises(delete.exceptions.NoSuchEntityException) as exc_info:
        delete.get_login_profile()
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Login Profile for User {MEMBER} cannot be found.")


def test_root_sessions_of_different_accounts_are_separate(iamfake):
    session(iamfake, "IAMCreateRootUserPassword").create_login_profile()
    other = session(iamfake, "IAMAuditRootUserCredentials", target=MANAGEMENT)
    with pytest.raises(other.exceptions.NoSuchEntityException):
        other.get_login_profile()
    assert other.list_access_keys()["AccessKeyMetadata"] == []


def test_caller_identity_of_a_root_session(iamfake):
    identity = session(iamfake, "IAMCreateRootUserPassword", "sts").get_caller_identity()
    assert {k: identity[k] for k in ("UserId", "Account", "Arn")} == {
        "UserId": MEMBER,
        "Account": MEMBER,
        "Arn": f"arn:aws:iam::{MEMBER}:root",
    }


def test_a_password_is_refused_in_a_root_session(iamfake):
    create = session(iamfake, "IAMCreateRootUserPassword")
    with pytest.raises(ClientError) as exc_info:
        create.create_login_profile(Password="Str0ng!Passw0rd")
    assert error_of(exc_info)[:2] == ("ValidationError", 400)
    with pytest.raises(create.exceptions.NoSuchEntityException):
        create.get_login_profile()


@pytest.mark.parametrize(
    ("call", "kwargs", "action", "resource"),
    [
        (
            "create_login_profile",
            {"UserName": "admin", "Password": "Str0ng!Passw0rd"},
            "CreateLoginProfile",
            "user admin",
        ),
        ("get_login_profile", {"UserName": "admin"}, "GetLoginProfile", "user admin"),
        ("update_login_profile", {"UserName": "admin"}, "UpdateLoginProfile", "user admin"),
        ("get_user", {}, "GetUser", f"arn:aws:iam::{MEMBER}:root"),
        # ListUsers names its path prefix, as in IAM's REAL messages for users (reference §5.4).
        ("list_users", {}, "ListUsers", f"arn:aws:iam::{MEMBER}:user/"),
        ("create_access_key", {}, "CreateAccessKey", f"arn:aws:iam::{MEMBER}:root"),
    ],
)
def test_anything_outside_the_task_policy_is_denied(iamfake, call, kwargs, action, resource):
    create = session(iamfake, "IAMCreateRootUserPassword")
    with pytest.raises(ClientError) as exc_info:
        getattr(create, call)(**kwargs)
    assert error_of(exc_info) == ("AccessDenied", 403, denied(MEMBER, action, resource))


def test_audit_policy_reads_the_root_user(iamfake):
    audit = session(iamfake, "IAMAuditRootUserCredentials")
    assert audit.get_user()["User"]["Arn"] == f"arn:aws:iam::{MEMBER}:root"
    assert audit.list_access_keys()["AccessKeyMetadata"] == []
    with pytest.raises(ClientError, match="explicit deny in a session policy"):
        audit.create_login_profile()


def test_a_root_session_cannot_assume_root_again(iamfake):
    sts = session(iamfake, "IAMAuditRootUserCredentials", "sts")
    with pytest.raises(ClientError) as exc_info:
        sts.assume_root(TargetPrincipal=MEMBER, TaskPolicyArn=task("IAMAuditRootUserCredentials"))
    assert error_of(exc_info)[:2] == ("AccessDenied", 403)


def test_session_expires(iamfake):
    audit = session(iamfake, "IAMAuditRootUserCredentials")
    iamfake.clock.advance(899)
    audit.get_user()
    iamfake.clock.advance(1)
    with pytest.raises(ClientError) as exc_info:
        audit.get_user()
    assert error_of(exc_info) == ("ExpiredToken", 400, "The security token included in the request is expired")


def test_root_credentials_cannot_call_assume_root(iamfake):
    sts = iamfake.client("sts")
    with pytest.raises(ClientError) as exc_info:
        sts.assume_root(TargetPrincipal=MEMBER, TaskPolicyArn=task("IAMAuditRootUserCredentials"))
    assert error_of(exc_info) == ("AccessDenied", 403, "Root user credentials cannot be used to call AssumeRoot.")


@pytest.mark.parametrize(
    "arn",
    [
        "arn:aws:iam::aws:policy/root-task/IAMDoEverything",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws:iam::123456789012:policy/root-task/IAMAuditRootUserCredentials",
    ],
)
def test_unknown_task_policy_is_a_validation_error(iamfake, arn):
    sts = iamfake.client("sts", user="admin")
    with pytest.raises(ClientError) as exc_info:
        sts.assume_root(TargetPrincipal=MEMBER, TaskPolicyArn={"arn": arn})
    assert error_of(exc_info)[:2] == ("ValidationError", 400)


@pytest.mark.parametrize("target", ["21098765432x", "arn:aws:iam::210987654321:user/bob", "1234567890123"])
def test_bad_target_principal_is_a_validation_error(iamfake, target):
    sts = iamfake.client("sts", user="admin")
    with pytest.raises(ClientError) as exc_info:
        sts.assume_root(TargetPrincipal=target, TaskPolicyArn=task("IAMAuditRootUserCredentials"))
    assert error_of(exc_info)[:2] == ("ValidationError", 400)


def test_target_may_be_the_root_arn(iamfake):
    creds = assume_root(iamfake, "IAMAuditRootUserCredentials", target=f"arn:aws:iam::{MEMBER}:root")
    sts = iamfake.client(
        "sts",
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
    )
    assert sts.get_caller_identity()["Account"] == MEMBER
