"""Enforcement: IAM users are refused what their policies do not allow, with IAM's exact AccessDenied
(reference iam-authorization.md §1, §5, §7, §9); the root and unknown credentials may do anything."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError
from helpers import allow, allowing, error_of

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
DENY_ALL = "arn:aws:iam::aws:policy/AWSDenyAll"
READ_ONLY = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"


def refused(call: Any, **kwargs: Any) -> tuple[str, int, str]:
    with pytest.raises(ClientError) as exc_info:
        call(**kwargs)
    return error_of(exc_info)


def implicit(action: str, resource: str | None, by: str = "identity-based policy", who: str = ALICE) -> str:
    on = f" on resource: {resource}" if resource is not None else ""
    return f"User: {who} is not authorized to perform: iam:{action}{on} because no {by} allows the iam:{action} action"


def explicit(action: str, resource: str, where: str = "an identity-based policy", who: str = ALICE) -> str:
    denied = f"User: {who} is not authorized to perform: iam:{action} on resource: {resource}"
    return f"{denied} with an explicit deny in {where}"


def statement(effect: str, action: str | list[str], resource: str = "*", **extra: Any) -> dict[str, Any]:
    return {"Effect": effect, "Action": action, "Resource": resource, **extra}


def policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


# --- the message forms (REAL unless marked) ---


def test_a_new_user_may_do_nothing(iamfake):
    alice = iamfake.client(user="alice")
    assert refused(alice.get_user) == ("AccessDenied", 403, implicit("GetUser", "user alice"))
    assert refused(alice.get_user, UserName="bob")[2] == implicit("GetUser", "user bob")
    # Authorization comes before the target is looked up (REAL): no NoSuchEntity for a missing user.
    assert refused(alice.get_user, UserName="nobody")[2] == implicit("GetUser", "user nobody")


def test_access_key_calls_without_user_name_print_user_null(iamfake):
    alice = iamfake.client(user="alice")
    assert refused(alice.list_access_keys)[2] == implicit("ListAccessKeys", "user nullalice")
    assert refused(alice.create_access_key)[2] == implicit("CreateAccessKey", "user nullalice")
    assert refused(alice.list_access_keys, UserName="alice")[2] == implicit("ListAccessKeys", "user alice")


def test_creations_and_listings_name_their_arns(iamfake):
    alice = iamfake.client(user="alice")
    assert refused(alice.create_user, UserName="carol")[2] == implicit(
        "CreateUser", f"arn:aws:iam::{ACCOUNT}:user/carol"
    )
    assert refused(alice.create_user, UserName="carol", Path="/eng/")[2] == implicit(
        "CreateUser", f"arn:aws:iam::{ACCOUNT}:user/eng/carol"
    )
    assert refused(alice.list_users)[2] == implicit("ListUsers", f"arn:aws:iam::{ACCOUNT}:user/")
    assert refused(alice.list_groups)[2] == implicit("ListGroups", f"arn:aws:iam::{ACCOUNT}:group/")
    assert refused(alice.add_user_to_group, GroupName="devs", UserName="bob")[2] == implicit(
        "AddUserToGroup", "group devs"
    )
    assert refused(alice.get_account_summary)[2] == implicit("GetAccountSummary", "*")


def test_creating_a_user_with_tags_also_needs_tag_user(iamfake):
    allow(iamfake, "alice", allowing("iam:CreateUser"))
    alice = iamfake.client(user="alice")
    tags = [{"Key": "team", "Value": "blue"}]
    assert refused(alice.create_user, UserName="carol", Tags=tags)[2] == implicit(
        "TagUser", f"arn:aws:iam::{ACCOUNT}:user/carol"
    )
    alice.create_user(UserName="carol")  # without tags, CreateUser alone is enough
    allow(iamfake, "alice", allowing("iam:CreateUser", "iam:TagUser"))
    assert alice.create_user(UserName="dave", Tags=tags)["User"]["Tags"] == tags


def test_an_explicit_deny_wins_over_any_allow(iamfake):
    allow(iamfake, "alice", policy(statement("Allow", "iam:*"), statement("Deny", "iam:CreateAccessKey")))
    alice = iamfake.client(user="alice")
    assert refused(alice.create_access_key, UserName="alice") == (
        "AccessDenied",
        403,
        explicit("CreateAccessKey", "user alice"),
    )
    assert alice.list_access_keys()["AccessKeyMetadata"]


def test_an_explicit_deny_in_a_group_policy_is_identity_based(iamfake, iam):
    allow(iamfake, "alice", allowing("iam:*"))
    iamfake.add_group("contractors", users=["alice"])
    iam.put_group_policy(
        GroupName="contractors",
        PolicyName="no-users",
        PolicyDocument=json.dumps(policy(statement("Deny", "iam:*User"))),
    )
    alice = iamfake.client(user="alice")
    assert refused(alice.delete_user, UserName="bob")[2] == explicit("DeleteUser", "user bob")
    assert alice.list_groups()["Groups"]


def test_a_group_policy_allows_its_members(iamfake, iam):
    iamfake.add_group("readers", users=["alice"])
    alice = iamfake.client(user="alice")
    assert refused(alice.list_users)[0] == "AccessDenied"
    iam.put_group_policy(GroupName="readers", PolicyName="read", PolicyDocument=json.dumps(allowing("iam:List*")))
    assert {u["UserName"] for u in alice.list_users()["Users"]} == {"alice", "bob"}
    iam.remove_user_from_group(GroupName="readers", UserName="alice")
    assert refused(alice.list_users)[0] == "AccessDenied"


def test_a_permissions_boundary_caps_what_policies_allow(iamfake, iam):
    allow(iamfake, "alice", allowing("iam:*"))
    iam.put_user_permissions_boundary(UserName="alice", PermissionsBoundary=READ_ONLY)
    alice = iamfake.client(user="alice")
    assert alice.get_user()["User"]["UserName"] == "alice"
    assert refused(alice.create_user, UserName="carol")[2] == implicit(
        "CreateUser", f"arn:aws:iam::{ACCOUNT}:user/carol", by="permissions boundary"
    )
    # The boundary allows ListGroups, but no identity policy does: identity-based is named.
    iam.delete_user_policy(UserName="alice", PolicyName="allow")
    assert refused(alice.list_groups)[2] == implicit("ListGroups", f"arn:aws:iam::{ACCOUNT}:group/")


def test_an_explicit_deny_in_a_boundary(iamfake, iam):
    allow(iamfake, "alice", allowing("iam:*"))
    iam.put_user_permissions_boundary(UserName="alice", PermissionsBoundary=DENY_ALL)
    alice = iamfake.client(user="alice")
    assert refused(alice.delete_user, UserName="bob")[2] == explicit(
        "DeleteUser", "user bob", where="a permissions boundary"
    )
    assert refused(alice.get_user)[2] == explicit("GetUser", "user alice", where="a permissions boundary")


def test_a_user_with_a_path_is_named_with_it(iamfake):
    iamfake.add_user("carol", path="/eng/")
    carol = iamfake.client(user="carol")
    assert refused(carol.get_user)[2] == implicit("GetUser", "user carol", who=f"arn:aws:iam::{ACCOUNT}:user/eng/carol")


# --- who is never refused ---


def test_the_root_and_unknown_credentials_may_do_anything(iamfake, iam):
    iam.put_user_policy(UserName="alice", PolicyName="p", PolicyDocument=json.dumps(allowing("iam:GetUser")))
    assert iam.create_user(UserName="carol")["User"]["UserName"] == "carol"
    stranger = iamfake.client("iam", aws_access_key_id="AKIAHARDCODEDEXAMPLE", aws_secret_access_key="x" * 40)
    assert stranger.delete_user(UserName="carol")


def test_get_caller_identity_is_never_denied(iamfake):
    allow(iamfake, "alice", policy(statement("Deny", "*")))
    assert iamfake.client("sts", user="alice").get_caller_identity()["Arn"] == ALICE


# --- variables, conditions and the fake clock ---


def test_user_name_variable_confines_keys_to_the_users_own(iamfake):
    own_keys = policy(
        statement("Allow", ["iam:CreateAccessKey", "iam:ListAccessKeys"], "arn:aws:iam::*:user/${aws:username}")
    )
    for name in ("alice", "bob"):
        allow(iamfake, name, own_keys)
    alice, bob = iamfake.client(user="alice"), iamfake.client(user="bob")
    assert alice.create_access_key()["AccessKey"]["UserName"] == "alice"
    assert bob.create_access_key(UserName="bob")["AccessKey"]["UserName"] == "bob"
    assert refused(alice.create_access_key, UserName="bob")[2] == implicit("CreateAccessKey", "user bob")
    assert refused(bob.list_access_keys, UserName="alice")[2] == implicit(
        "ListAccessKeys", "user alice", who=f"arn:aws:iam::{ACCOUNT}:user/bob"
    )


def test_principal_and_resource_tags_in_conditions(iamfake):
    iamfake.add_user("carol", tags={"team": "blue"})
    iamfake.add_user("dave", tags={"team": "red"})
    iamfake.add_user("erin", tags={"team": "blue"})
    same_team = policy(
        statement(
            "Allow",
            "iam:GetUser",
            Condition={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}},
        )
    )
    allow(iamfake, "carol", same_team)
    carol = iamfake.client(user="carol")
    assert carol.get_user(UserName="erin")["User"]["UserName"] == "erin"
    assert refused(carol.get_user, UserName="dave")[2] == implicit(
        "GetUser", "user dave", who=f"arn:aws:iam::{ACCOUNT}:user/carol"
    )


def test_request_tags_in_conditions(iamfake):
    allow(
        iamfake,
        "alice",
        policy(
            statement(
                "Allow",
                ["iam:CreateUser", "iam:TagUser"],
                Condition={
                    "StringEquals": {"aws:RequestTag/team": "blue"},
                    "ForAllValues:StringEquals": {"aws:TagKeys": ["team"]},
                },
            )
        ),
    )
    alice = iamfake.client(user="alice")
    alice.create_user(UserName="carol", Tags=[{"Key": "team", "Value": "blue"}])
    assert refused(alice.create_user, UserName="dave", Tags=[{"Key": "team", "Value": "red"}])[0] == "AccessDenied"
    assert refused(alice.create_user, UserName="dave")[0] == "AccessDenied"  # no tag: RequestTag absent


def test_a_date_condition_follows_the_fake_clock(iamfake):
    until = (iamfake.clock.now() + dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    allow(
        iamfake,
        "alice",
        policy(statement("Allow", "iam:ListUsers", Condition={"DateLessThan": {"aws:CurrentTime": until}})),
    )
    alice = iamfake.client(user="alice")
    assert alice.list_users()["Users"]
    iamfake.clock.advance(dt.timedelta(days=2))
    assert refused(alice.list_users)[0] == "AccessDenied"


def test_long_term_keys_carry_no_mfa_key(iamfake):
    allow(
        iamfake,
        "alice",
        policy(
            statement("Allow", "iam:ListUsers", Condition={"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
            statement("Allow", "iam:ListGroups", Condition={"BoolIfExists": {"aws:MultiFactorAuthPresent": "true"}}),
            statement("Allow", "iam:ListRoles", Condition={"Null": {"aws:MultiFactorAuthPresent": "false"}}),
        ),
    )
    alice = iamfake.client(user="alice")
    assert refused(alice.list_users)[0] == "AccessDenied"  # §3.5: Bool on an absent key does not allow
    assert alice.list_groups()["Groups"] == []  # ...BoolIfExists does
    if iamfake.backend.covers("iam", "ListRoles"):
        assert refused(alice.list_roles)[0] == "AccessDenied"


# --- policy changes take effect at once ---


def test_a_policy_put_or_deleted_takes_effect_on_the_next_call(iamfake, iam):
    alice = iamfake.client(user="alice")
    assert refused(alice.list_users)[0] == "AccessDenied"
    iam.put_user_policy(UserName="alice", PolicyName="read", PolicyDocument=json.dumps(allowing("iam:ListUsers")))
    assert alice.list_users()["Users"]
    iam.put_user_policy(
        UserName="alice",
        PolicyName="read",
        PolicyDocument=json.dumps(allowing("iam:ListUsers", resource=f"arn:aws:iam::{ACCOUNT}:user/eng/*")),
    )
    assert refused(alice.list_users)[0] == "AccessDenied"
    assert alice.list_users(PathPrefix="/eng/team/")["Users"] == []
    iam.delete_user_policy(UserName="alice", PolicyName="read")
    assert refused(alice.list_users, PathPrefix="/eng/team/")[0] == "AccessDenied"


def test_a_tag_change_reaches_the_principal_tags(iamfake, iam):
    allow(
        iamfake,
        "alice",
        policy(statement("Allow", "iam:ListUsers", Condition={"StringEquals": {"aws:PrincipalTag/role": "admin"}})),
    )
    alice = iamfake.client(user="alice")
    assert refused(alice.list_users)[0] == "AccessDenied"
    iam.tag_user(UserName="alice", Tags=[{"Key": "role", "Value": "admin"}])
    assert alice.list_users()["Users"]
