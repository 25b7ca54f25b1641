"""Groups and membership (reference iam-entities.md §4): lifecycle, errors, paging, renames."""

from __future__ import annotations

import pytest
from helpers import POLICY, error_of

from pytest_iamfake import UsageError


def test_create_group_returns_the_group_with_its_path_in_the_arn(iam):
    group = iam.create_group(GroupName="devs", Path="/some/location/")["Group"]
    assert set(group) == {"Path", "GroupName", "GroupId", "Arn", "CreateDate"}
    assert group["Arn"] == "arn:aws:iam::123456789012:group/some/location/devs"
    assert group["GroupId"].startswith("AGPA")
    assert len(group["GroupId"]) == 21
    assert iam.create_group(GroupName="ops")["Group"]["Path"] == "/"


def test_group_names_are_unique_case_insensitively(iam):
    iam.create_group(GroupName="Admins")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.create_group(GroupName="ADMINS")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "Group with name ADMINS already exists.")


@pytest.mark.parametrize(
    "call",
    [
        lambda iam: iam.get_group(GroupName="ghost"),
        lambda iam: iam.delete_group(GroupName="ghost"),
        lambda iam: iam.update_group(GroupName="ghost", NewPath="/x/"),
        lambda iam: iam.list_group_policies(GroupName="ghost"),
        lambda iam: iam.put_group_policy(GroupName="ghost", PolicyName="p", PolicyDocument=POLICY),
    ],
    ids=["get", "delete", "update", "list-policies", "put-policy"],
)
def test_unknown_group(iam, call):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        call(iam)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The group with name ghost cannot be found.")


def test_get_group_lists_its_members_without_tags(iam):
    iam.create_user(UserName="bob", Tags=[{"Key": "team", "Value": "blue"}])
    iam.create_group(GroupName="devs")
    assert iam.get_group(GroupName="devs")["Users"] == []
    iam.add_user_to_group(GroupName="devs", UserName="bob")
    got = iam.get_group(GroupName="Devs")
    assert got["Group"]["GroupName"] == "devs"
    assert [set(u) for u in got["Users"]] == [{"Path", "UserName", "UserId", "Arn", "CreateDate"}]
    assert got["IsTruncated"] is False


def test_list_groups_filters_by_path_prefix(iam):
    iam.create_group(GroupName="a", Path="/eng/")
    iam.create_group(GroupName="b", Path="/ops/")
    iam.create_group(GroupName="c", Path="/engineering/")
    listed = iam.list_groups(PathPrefix="/eng")
    assert [g["GroupName"] for g in listed["Groups"]] == ["a", "c"]
    assert listed["IsTruncated"] is False
    assert "Marker" not in listed


def test_adding_a_member_twice_keeps_one_membership(iam):
    iam.create_user(UserName="bob")
    iam.create_group(GroupName="devs")
    iam.add_user_to_group(GroupName="devs", UserName="bob")
    iam.add_user_to_group(GroupName="devs", UserName="BOB")
    assert len(iam.list_groups_for_user(UserName="bob")["Groups"]) == 1
    iam.remove_user_from_group(GroupName="devs", UserName="bob")
    assert iam.list_groups_for_user(UserName="bob")["Groups"] == []
    assert iam.get_group(GroupName="devs")["Users"] == []


def test_removing_a_user_who_is_no_member_succeeds(iam):
    iam.create_user(UserName="bob")
    iam.create_group(GroupName="devs")
    iam.remove_user_from_group(GroupName="devs", UserName="bob")


@pytest.mark.parametrize("op", ["add_user_to_group", "remove_user_from_group"])
def test_membership_checks_the_user_before_the_group(iam, op):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(GroupName="nogroup", UserName="nobody")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")
    iam.create_user(UserName="bob")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(GroupName="nogroup", UserName="bob")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The group with name nogroup cannot be found.")


def test_list_groups_for_an_unknown_user(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.list_groups_for_user(UserName="nobody")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_a_user_joins_at_most_ten_groups(iamfake, iam):
    iamfake.add_user("bob")
    for index in range(11):
        iamfake.add_group(f"g{index:02d}")
    for index in range(10):
        iam.add_user_to_group(GroupName=f"g{index:02d}", UserName="bob")
    iam.add_user_to_group(GroupName="g00", UserName="bob")  # already a member: still fine
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.add_user_to_group(GroupName="g10", UserName="bob")
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for GroupsPerUser: 10")
    assert "bob" not in [u["UserName"] for u in iam.get_group(GroupName="g10")["Users"]]


def test_update_group_renames_and_moves_and_members_stay(iam):
    iam.create_user(UserName="bob")
    created = iam.create_group(GroupName="devs")["Group"]
    iam.add_user_to_group(GroupName="devs", UserName="bob")
    iam.update_group(GroupName="devs", NewGroupName="builders", NewPath="/eng/")
    got = iam.get_group(GroupName="builders")
    assert got["Group"]["GroupId"] == created["GroupId"]
    assert got["Group"]["CreateDate"] == created["CreateDate"]
    assert got["Group"]["Arn"] == "arn:aws:iam::123456789012:group/eng/builders"
    assert [u["UserName"] for u in got["Users"]] == ["bob"]
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="bob")["Groups"]] == ["builders"]
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_group(GroupName="devs")
    iam.remove_user_from_group(GroupName="builders", UserName="bob")
    assert iam.get_group(GroupName="builders")["Users"] == []


def test_update_group_to_a_taken_name(iam):
    iam.create_group(GroupName="devs")
    iam.create_group(GroupName="ops")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.update_group(GroupName="devs", NewGroupName="OPS")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "Group with name OPS already exists.")
    iam.update_group(GroupName="devs", NewGroupName="DEVS")  # its own name in another case
    assert [g["GroupName"] for g in iam.list_groups()["Groups"]] == ["DEVS", "ops"]


def test_a_recreated_group_gets_a_new_id(iam):
    first = iam.create_group(GroupName="devs")["Group"]["GroupId"]
    iam.delete_group(GroupName="devs")
    assert iam.create_group(GroupName="devs")["Group"]["GroupId"] != first


def test_group_name_pattern_has_its_own_sentence(iam):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.create_group(GroupName="bad name")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "The specified value for groupName is invalid. "
        "It must contain only alphanumeric characters and/or the following: +=,.@_-",
    )


# --- paging through botocore's paginators ---------------------------------------------------


def test_list_groups_paginator(iamfake, iam):
    for index in range(7):
        iamfake.add_group(f"group{index}")
    pages = list(iam.get_paginator("list_groups").paginate(PaginationConfig={"PageSize": 3}))
    assert [len(p["Groups"]) for p in pages] == [3, 3, 1]
    assert [g["GroupName"] for p in pages for g in p["Groups"]] == [f"group{i}" for i in range(7)]


def test_get_group_paginator_pages_its_users(iamfake, iam):
    for index in range(5):
        iamfake.add_user(f"user{index}")
    iamfake.add_group("devs", users=[f"user{index}" for index in range(5)])
    pages = list(iam.get_paginator("get_group").paginate(GroupName="devs", PaginationConfig={"PageSize": 2}))
    assert [[u["UserName"] for u in p["Users"]] for p in pages] == [["user0", "user1"], ["user2", "user3"], ["user4"]]
    assert all(p["Group"]["GroupName"] == "devs" for p in pages)
    whole = iam.get_paginator("get_group").paginate(GroupName="devs").build_full_result()
    assert len(whole["Users"]) == 5


def test_list_groups_for_user_paginator(iamfake, iam):
    iamfake.add_user("bob")
    for name in ["c", "A", "b"]:
        iamfake.add_group(name, users=["bob"])
    pages = list(iam.get_paginator("list_groups_for_user").paginate(UserName="bob", PaginationConfig={"PageSize": 2}))
    assert [[g["GroupName"] for g in p["Groups"]] for p in pages] == [["A", "b"], ["c"]]


# --- arrange helpers ------------------------------------------------------------------------


def test_add_group_returns_the_group_as_get_group_does(iamfake, iam):
    iamfake.add_user("bob")
    added = iamfake.add_group("devs", path="/eng/", users=["bob"])
    got = iam.get_group(GroupName="devs")
    assert added == got["Group"]
    assert [u["UserName"] for u in got["Users"]] == ["bob"]
    assert len(iamfake.calls) == 1  # arrange helpers are not recorded


def test_add_user_joins_groups_and_accepts_tags_in_boto3_form(iamfake, iam):
    iamfake.add_group("devs")
    iamfake.add_user("bob", groups=["devs"], tags=[{"Key": "team", "Value": "blue"}])
    assert [g["GroupName"] for g in iam.list_groups_for_user(UserName="bob")["Groups"]] == ["devs"]
    assert iam.list_user_tags(UserName="bob")["Tags"] == [{"Key": "team", "Value": "blue"}]


def test_add_group_with_an_unknown_member_is_a_clear_usage_error(iamfake, iam):
    with pytest.raises(UsageError, match="no IAM user 'ghost'; add_user first"):
        iamfake.add_group("devs", users=["ghost"])
    assert iam.list_groups()["Groups"] == []  # nothing half-made


def test_add_user_into_an_unknown_group_is_a_clear_usage_error(iamfake, iam):
    with pytest.raises(UsageError, match="no IAM group 'ghost'; add_group first"):
        iamfake.add_user("bob", groups="ghost")
    assert iam.list_users()["Users"] == []


def test_add_group_twice_is_a_clear_usage_error(iamfake):
    iamfake.add_group("devs")
    with pytest.raises(UsageError, match=r"Group with name devs already exists\."):
        iamfake.add_group("devs")


def test_add_user_with_tags_in_another_form_is_a_clear_usage_error(iamfake):
    with pytest.raises(UsageError, match=r"takes a dict of strings .* or boto3.s list form"):
        iamfake.add_user("bob", tags=[("team", "blue")])


@pytest.mark.parametrize("helper", ["add_user", "add_group"])
def test_arranging_managed_policies(iamfake, iam, helper):
    arn = "arn:aws:iam::aws:policy/IAMUserChangePassword"
    operation = "AttachUserPolicy" if helper == "add_user" else "AttachGroupPolicy"
    if not iamfake.backend.covers("iam", operation):
        with pytest.raises(UsageError, match=f"managed policies arrive with {operation}"):
            getattr(iamfake, helper)("bob", policies=[arn])
        assert iam.list_users()["Users"] == []  # nothing half-made
        assert iam.list_groups()["Groups"] == []
        return
    getattr(iamfake, helper)("bob", policies=[arn])
    listed = (
        iam.list_attached_user_policies(UserName="bob")
        if helper == "add_user"
        else iam.list_attached_group_policies(GroupName="bob")
    )
    assert [p["PolicyArn"] for p in listed["AttachedPolicies"]] == [arn]
