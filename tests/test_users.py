"""Users: create, get, list with paging, delete; names unique case-insensitively (reference 2.6)."""

from __future__ import annotations

import pytest
from helpers import error_of


def test_create_user_with_path_and_tags(iam):
    user = iam.create_user(UserName="Bob", Path="/eng/", Tags=[{"Key": "team", "Value": "blue"}])["User"]
    assert user["Path"] == "/eng/"
    assert user["Tags"] == [{"Key": "team", "Value": "blue"}]
    assert iam.get_user(UserName="Bob")["User"]["Tags"] == [{"Key": "team", "Value": "blue"}]


def test_duplicate_user_differing_only_in_case(iam):
    iam.create_user(UserName="Bob")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.create_user(UserName="BOB")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "User with name BOB already exists.")


def test_lookup_is_case_insensitive_and_returns_the_stored_name(iam):
    iam.create_user(UserName="Bob")
    assert iam.get_user(UserName="bob")["User"]["UserName"] == "Bob"


@pytest.mark.parametrize("op", ["get_user", "delete_user"])
def test_unknown_user(iam, op):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(UserName="nobody")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_list_users_filters_by_path_prefix_and_leaves_out_tags(iam):
    iam.create_user(UserName="a", Path="/eng/", Tags=[{"Key": "k", "Value": "v"}])
    iam.create_user(UserName="b", Path="/ops/")
    listed = iam.list_users(PathPrefix="/eng/")
    assert [u["UserName"] for u in listed["Users"]] == ["a"]
    assert "Tags" not in listed["Users"][0]
    assert listed["IsTruncated"] is False
    assert "Marker" not in listed


def test_list_users_pages_with_marker(iam):
    for name in ["carol", "Alice", "bob", "dave", "erin"]:
        iam.create_user(UserName=name)
    first = iam.list_users(MaxItems=2)
    assert [u["UserName"] for u in first["Users"]] == ["Alice", "bob"]
    assert first["IsTruncated"] is True
    second = iam.list_users(MaxItems=2, Marker=first["Marker"])
    assert [u["UserName"] for u in second["Users"]] == ["carol", "dave"]
    third = iam.list_users(MaxItems=2, Marker=second["Marker"])
    assert [u["UserName"] for u in third["Users"]] == ["erin"]
    assert third["IsTruncated"] is False


def test_paginator_walks_every_page(iam):
    for index in range(7):
        iam.create_user(UserName=f"user{index}")
    pages = list(iam.get_paginator("list_users").paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["Users"]) for p in pages] == [3, 3, 1]


def test_deleted_user_name_can_be_reused(iam):
    iam.create_user(UserName="Bob")
    iam.delete_user(UserName="bob")
    assert iam.create_user(UserName="BOB")["User"]["UserName"] == "BOB"


def test_add_user_returns_the_user_as_get_user_does(iamfake, iam):
    added = iamfake.add_user("Bob", path="/eng/", tags={"team": "blue"})
    got = iam.get_user(UserName="Bob")["User"]
    assert added == got
    assert iamfake.calls[-1].operation == "GetUser"
    assert len(iamfake.calls) == 1  # arrange helpers are not recorded


def test_add_user_twice_is_a_clear_usage_error(iamfake):
    iamfake.add_user("Bob")
    from pytest_iamfake import UsageError

    with pytest.raises(
        UsageError,
        match=r"CreateUser\(UserName='bob', Path='/'\) failed in the fake: "
        r"EntityAlreadyExists: User with name bob already exists\.",
    ):
        iamfake.add_user("bob")


def test_add_login_profile_can_bypass_the_policy(iamfake, iam):
    iamfake.add_user("Bob")
    from pytest_iamfake import UsageError

    with pytest.raises(UsageError, match="PasswordPolicyViolation: Password should have a minimum length of 8"):
        iamfake.add_login_profile("Bob", "weak")
    profile = iamfake.add_login_profile("Bob", "weak", reset_required=True, check_policy=False)
    assert profile == iam.get_login_profile(UserName="Bob")["LoginProfile"]
    assert profile["PasswordResetRequired"] is True
