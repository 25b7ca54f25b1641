"""STS AssumeRole and role sessions (reference iam-authorization.md §1.1, §3.1, §5.3, §5.5)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from helpers import allow, allowing, error_of

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/app"
START = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def trust(principal: str = f"arn:aws:iam::{ACCOUNT}:root", **condition: Any) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": "Allow", "Principal": {"AWS": principal}, "Action": "sts:AssumeRole"}
    if condition:
        statement["Condition"] = condition
    return {"Version": "2012-10-17", "Statement": [statement]}


def as_session(service: str, credentials: dict[str, Any]) -> Any:
    return boto3.client(
        service,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )


@pytest.fixture
def role(iamfake, iam):  # type: ignore[no-untyped-def]
    """Role app, trusting the account, allowed to list users; alice may assume any role."""
    iamfake.add_role("app", trust())
    iam.put_role_policy(RoleName="app", PolicyName="list", PolicyDocument=json.dumps(allowing("iam:ListUsers")))
    allow(iamfake, "alice", allowing("sts:AssumeRole"))


def test_a_session_acts_as_the_assumed_role(iamfake, role):
    answer = iamfake.client("sts", user="alice").assume_role(RoleArn=ROLE, RoleSessionName="deploy")
    role_id = iamfake.client().get_role(RoleName="app")["Role"]["RoleId"]
    assert answer["AssumedRoleUser"] == {
        "AssumedRoleId": f"{role_id}:deploy",
        "Arn": f"arn:aws:sts::{ACCOUNT}:assumed-role/app/deploy",
    }
    credentials = answer["Credentials"]
    assert credentials["Expiration"] == START + dt.timedelta(hours=1)
    identity = as_session("sts", credentials).get_caller_identity()
    assert (identity["Arn"], identity["UserId"]) == (
        f"arn:aws:sts::{ACCOUNT}:assumed-role/app/deploy",
        f"{role_id}:deploy",
    )
    session = as_session("iam", credentials)
    assert {u["UserName"] for u in session.list_users()["Users"]} == {"alice", "bob"}
    with pytest.raises(ClientError) as exc_info:
        session.create_user(UserName="carol")
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/app/deploy is not authorized to perform: iam:CreateUser on "
        f"resource: arn:aws:iam::{ACCOUNT}:user/carol "
        "because no identity-based policy allows the iam:CreateUser action",
    )
    iamfake.assert_called("CreateUser", times=1)
    assert iamfake.calls[-1].caller == f"arn:aws:sts::{ACCOUNT}:assumed-role/app/deploy"


def test_get_user_without_a_name_in_a_role_session_has_no_resource_part(iamfake, role):
    """REAL (reference §1.5): a role session's refused GetUser names no resource."""
    session = iamfake.client("iam", role="app", session_name="lab")
    with pytest.raises(ClientError) as exc_info:
        session.get_user()
    assert error_of(exc_info)[2] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/app/lab is not authorized to perform: iam:GetUser "
        "because no identity-based policy allows the iam:GetUser action"
    )


def test_the_callers_own_permission_is_needed(iamfake, role, iam):
    iam.delete_user_policy(UserName="alice", PolicyName="allow")
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("sts", user="alice").assume_role(RoleArn=ROLE, RoleSessionName="s1")
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        f"User: {ALICE} is not authorized to perform: sts:AssumeRole on resource: {ROLE} "
        "because no identity-based policy allows the sts:AssumeRole action",
    )


def test_a_trust_policy_naming_the_user_allows_without_an_identity_policy(iamfake, iam):
    """DOC (§1.1 step 4): a same-account resource-based policy naming the caller's ARN allows alone."""
    iamfake.add_role("app", trust(ALICE))
    assert iamfake.client("sts", user="alice").assume_role(RoleArn=ROLE, RoleSessionName="s1")["Credentials"]
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("sts", user="bob").assume_role(RoleArn=ROLE, RoleSessionName="s1")
    # REAL (§5.5): a trust-policy refusal names the role ARN and gives no reason.
    assert error_of(exc_info)[2] == (
        f"User: arn:aws:iam::{ACCOUNT}:user/bob is not authorized to perform: sts:AssumeRole on resource: {ROLE}"
    )


def test_an_unknown_role_is_refused_like_an_untrusting_one(iamfake, role):
    missing = f"arn:aws:iam::{ACCOUNT}:role/nope"
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("sts", user="alice").assume_role(RoleArn=missing, RoleSessionName="s1")
    assert error_of(exc_info) == (
        "AccessDenied",
        403,
        f"User: {ALICE} is not authorized to perform: sts:AssumeRole on resource: {missing}",
    )


def test_roles_may_not_be_assumed_by_root(iam, role):
    with pytest.raises(ClientError) as exc_info:
        boto3.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="s1")
    assert error_of(exc_info) == ("AccessDenied", 403, "Roles may not be assumed by root accounts.")


def test_external_id_condition(iamfake, iam):
    iamfake.add_role("app", trust(StringEquals={"sts:ExternalId": "partner-42"}))
    allow(iamfake, "alice", allowing("sts:AssumeRole"))
    sts = iamfake.client("sts", user="alice")
    for wrong in ({}, {"ExternalId": "partner-41"}):
        with pytest.raises(ClientError) as exc_info:
            sts.assume_role(RoleArn=ROLE, RoleSessionName="s1", **wrong)
        assert error_of(exc_info)[2].endswith(f"sts:AssumeRole on resource: {ROLE}")
    assert sts.assume_role(RoleArn=ROLE, RoleSessionName="s1", ExternalId="partner-42")["Credentials"]


def test_mfa_condition_in_the_trust_policy(iamfake, iam):
    iamfake.add_role("app", trust(Bool={"aws:MultiFactorAuthPresent": "true"}))
    allow(iamfake, "alice", allowing("sts:AssumeRole"))
    serial = iamfake.add_mfa_device("alice")
    sts = iamfake.client("sts", user="alice")
    with pytest.raises(ClientError):
        sts.assume_role(RoleArn=ROLE, RoleSessionName="s1")  # long-term keys: no MFA key at all
    answer = sts.assume_role(
        RoleArn=ROLE, RoleSessionName="s1", SerialNumber=serial, TokenCode=iamfake.mfa_code(serial)
    )
    principal = iamfake.backend.caller_for(answer["Credentials"]["AccessKeyId"])
    assert principal.mfa_authenticated_at == START


def test_a_wrong_mfa_code_is_refused(iamfake, role):
    serial = iamfake.add_mfa_device("alice")
    code = iamfake.mfa_code(serial)
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("sts", user="alice").assume_role(
            RoleArn=ROLE, RoleSessionName="s1", SerialNumber=serial, TokenCode=wrong
        )
    assert error_of(exc_info)[0] == "AccessDenied"
    assert "MultiFactorAuthentication failed" in error_of(exc_info)[2]


def test_session_policies_narrow_the_role(iamfake, role):
    only_self = json.dumps(allowing("iam:ListUsers", resource=f"arn:aws:iam::{ACCOUNT}:user/eng/*"))
    answer = iamfake.client("sts", user="alice").assume_role(RoleArn=ROLE, RoleSessionName="s1", Policy=only_self)
    assert answer["PackedPolicySize"] > 0
    session = as_session("iam", answer["Credentials"])
    assert session.list_users(PathPrefix="/eng/a/")["Users"] == []
    with pytest.raises(ClientError) as exc_info:
        session.list_users()
    assert error_of(exc_info)[2] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/app/s1 is not authorized to perform: iam:ListUsers on resource: "
        f"arn:aws:iam::{ACCOUNT}:user/ because no session policy allows the iam:ListUsers action"
    )


def test_managed_session_policies_and_an_explicit_deny(iamfake, role):
    deny_all = "arn:aws:iam::aws:policy/AWSDenyAll"
    answer = iamfake.client("sts", user="alice").assume_role(
        RoleArn=ROLE, RoleSessionName="s1", PolicyArns=[{"arn": deny_all}]
    )
    with pytest.raises(ClientError) as exc_info:
        as_session("iam", answer["Credentials"]).list_users()
    assert error_of(exc_info)[2].endswith("with an explicit deny in a session policy")


def test_a_malformed_session_policy(iamfake, role):
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("sts", user="alice").assume_role(RoleArn=ROLE, RoleSessionName="s1", Policy='{"Statement": 1}')
    assert error_of(exc_info)[0] == "MalformedPolicyDocument"


def test_duration_and_expiry_on_the_fake_clock(iamfake, role):
    sts = iamfake.client("sts", user="alice")
    answer = sts.assume_role(RoleArn=ROLE, RoleSessionName="s1", DurationSeconds=900)
    assert answer["Credentials"]["Expiration"] == START + dt.timedelta(seconds=900)
    session = as_session("iam", answer["Credentials"])
    session.list_users()
    iamfake.clock.advance(900)
    with pytest.raises(ClientError) as exc_info:
        session.list_users()
    assert error_of(exc_info)[0] == "ExpiredToken"
    with pytest.raises(ClientError) as exc_info:
        sts.assume_role(RoleArn=ROLE, RoleSessionName="s1", DurationSeconds=7200)  # MaxSessionDuration is 3600
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
    )


def test_role_chaining_is_limited_to_one_hour(iamfake, iam, role):
    iam.update_role(RoleName="app", MaxSessionDuration=7200)
    iam.put_role_policy(RoleName="app", PolicyName="chain", PolicyDocument=json.dumps(allowing("sts:AssumeRole")))
    first = iamfake.client("sts", user="alice").assume_role(RoleArn=ROLE, RoleSessionName="one", DurationSeconds=7200)
    session = as_session("sts", first["Credentials"])
    with pytest.raises(ClientError) as exc_info:
        session.assume_role(RoleArn=ROLE, RoleSessionName="two", DurationSeconds=7200)
    assert "role chaining" in error_of(exc_info)[2]
    chained = session.assume_role(RoleArn=ROLE, RoleSessionName="two")
    assert chained["AssumedRoleUser"]["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/app/two"


def test_role_policies_changed_later_apply_to_live_sessions(iamfake, iam, role):
    session = iamfake.client("iam", role="app")
    assert session.list_users()["Users"]
    iam.delete_role_policy(RoleName="app", PolicyName="list")
    with pytest.raises(ClientError):
        session.list_users()
    policy = iamfake.add_policy("lister", allowing("iam:List*"))
    iam.attach_role_policy(RoleName="app", PolicyArn=policy)
    assert session.list_groups()["Groups"] == []


def test_a_role_boundary_caps_the_session(iamfake, iam, role):
    iam.put_role_permissions_boundary(RoleName="app", PermissionsBoundary="arn:aws:iam::aws:policy/AWSDenyAll")
    with pytest.raises(ClientError) as exc_info:
        iamfake.client("iam", role="app").list_users()
    assert error_of(exc_info)[2].endswith("with an explicit deny in a permissions boundary")


def test_principal_tags_of_a_session_come_from_the_role_and_the_session(iamfake, iam, role):
    iam.tag_role(RoleName="app", Tags=[{"Key": "team", "Value": "blue"}])
    iam.put_role_policy(
        RoleName="app",
        PolicyName="groups",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "iam:ListGroups",
                        "Resource": "*",
                        "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}},
                    }
                ],
            }
        ),
    )
    allow(iamfake, "alice", allowing("sts:AssumeRole", "sts:TagSession"))
    sts = iamfake.client("sts", user="alice")
    blue = sts.assume_role(RoleArn=ROLE, RoleSessionName="s1")["Credentials"]
    with pytest.raises(ClientError):
        as_session("iam", blue).list_groups()
    red = sts.assume_role(RoleArn=ROLE, RoleSessionName="s1", Tags=[{"Key": "team", "Value": "red"}])["Credentials"]
    assert as_session("iam", red).list_groups()["Groups"] == []


def test_client_for_a_role(iamfake, role):
    sts = iamfake.client("sts", role="app", session_name="ci")
    assert sts.get_caller_identity()["Arn"] == f"arn:aws:sts::{ACCOUNT}:assumed-role/app/ci"
