"""UpdateUser (reference iam-entities.md §2.1): a rename or new path carries everything along."""

from __future__ import annotations

import json

import boto3
import pytest
from helpers import OWN_USER, POLICY, error_of

GOOD = "Str0ng!Passw0rd"


def test_rename_and_new_path_keep_id_and_creation_date(iam):
    created = iam.create_user(UserName="bob")["User"]
    iam.update_user(UserName="bob", NewUserName="robert", NewPath="/eng/")
    got = iam.get_user(UserName="robert")["User"]
    assert (got["UserId"], got["CreateDate"]) == (created["UserId"], created["CreateDate"])
    assert got["Arn"] == "arn:aws:iam::123456789012:user/eng/robert"
    assert got["Path"] == "/eng/"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_user(UserName="bob")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name bob cannot be found.")


def test_new_path_alone_moves_the_arn(iam):
    iam.create_user(UserName="bob")
    iam.update_user(UserName="bob", NewPath="/ops/")
    assert iam.get_user(UserName="bob")["User"]["Arn"] == "arn:aws:iam::123456789012:user/ops/bob"
    assert [u["UserName"] for u in iam.list_users(PathPrefix="/ops/")["Users"]] == ["bob"]


def test_everything_follows_the_rename(iamfake, iam):
    iamfake.add_group("devs")
    iamfake.add_user("bob", groups=["devs"], tags={"team": "blue"})
    iamfake.add_login_profile("bob", GOOD)
    key = iamfake.add_access_key("bob")
    iam.put_user_policy(UserName="bob", PolicyName="p", PolicyDocument=POLICY)
    # ${aws:username} in the group's policy names the user as it is called now.
    iam.put_group_policy(GroupName="devs", PolicyName="self", PolicyDocument=json.dumps(OWN_USER))
    profile_created = iam.get_login_profile(UserName="bob")["LoginProfile"]["CreateDate"]

    iam.update_user(UserName="bob", NewUserName="robert")

    assert [u["UserName"] for u in iam.get_group(GroupName="devs")["Users"]] == ["robert"]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="robert")["Groups"]] == ["devs"]
    profile = iam.get_login_profile(UserName="robert")["LoginProfile"]
    assert (profile["UserName"], profile["CreateDate"]) == ("robert", profile_created)
    assert [k["UserName"] for k in iam.list_access_keys(UserName="robert")["AccessKeyMetadata"]] == ["robert"]
    assert iam.list_user_policies(UserName="robert")["PolicyNames"] == ["p"]
    assert iam.list_user_tags(UserName="robert")["Tags"] == [{"Key": "team", "Value": "blue"}]
    assert iamfake.check_password("robert", GOOD)
    for op in ("list_groups_for_user", "list_access_keys", "list_user_policies"):
        with pytest.raises(iam.exceptions.NoSuchEntityException):
            getattr(iam, op)(UserName="bob")

    # The same key still signs, now as the renamed user.
    as_user = dict(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    identity = boto3.client("sts", **as_user).get_caller_identity()
    assert identity["Arn"] == "arn:aws:iam::123456789012:user/robert"
    assert boto3.client("iam", **as_user).get_user()["User"]["UserName"] == "robert"


def test_rename_to_a_taken_name(iam):
    iam.create_user(UserName="bob")
    iam.create_user(UserName="carol")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.update_user(UserName="bob", NewUserName="CAROL")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "User with name CAROL already exists.")
    iam.update_user(UserName="bob", NewUserName="Bob")  # its own name in another case
    assert [u["UserName"] for u in iam.list_users()["Users"]] == ["Bob", "carol"]


def test_update_an_unknown_user(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.update_user(UserName="nobody", NewUserName="somebody")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_a_new_user_under_a_renamed_users_old_name_gets_its_own_id(iam):
    first = iam.create_user(UserName="bob")["User"]["UserId"]
    iam.update_user(UserName="bob", NewUserName="robert")
    assert iam.create_user(UserName="bob")["User"]["UserId"] != first
