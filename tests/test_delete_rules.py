"""IAM's delete rules for users and groups (reference iam-entities.md Appendix C): each
DeleteConflict row, and the INFERRED order when several apply."""

from __future__ import annotations

import pytest
from helpers import POLICY, error_of

GOOD = "Str0ng!Passw0rd"


def conflict(iam, call):
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        call()
    code, status, message = error_of(exc_info)
    assert (code, status) == ("DeleteConflict", 409)
    return message


def test_delete_user_with_an_inline_policy(iamfake, iam):
    iamfake.add_user("bob")
    iam.put_user_policy(UserName="bob", PolicyName="p", PolicyDocument=POLICY)
    assert conflict(iam, lambda: iam.delete_user(UserName="bob")) == "Cannot delete entity, must delete policies first."
    iam.delete_user_policy(UserName="bob", PolicyName="p")
    iam.delete_user(UserName="bob")


def test_delete_user_in_a_group(iamfake, iam):
    iamfake.add_group("devs")
    iamfake.add_user("bob", groups=["devs"])
    assert (
        conflict(iam, lambda: iam.delete_user(UserName="bob"))
        == "Cannot delete entity, must remove users from group first."
    )
    iam.remove_user_from_group(UserName="bob", GroupName="devs")
    iam.delete_user(UserName="bob")
    assert iam.get_group(GroupName="devs")["Users"] == []


def test_delete_user_reports_conflicts_in_the_documented_removal_order(iamfake, iam):
    iamfake.add_group("devs")
    iamfake.add_user("bob", groups=["devs"])
    iamfake.add_login_profile("bob", GOOD)
    iamfake.add_access_key("bob")
    iam.put_user_policy(UserName="bob", PolicyName="p", PolicyDocument=POLICY)
    seen = []
    undo = [
        lambda: iam.delete_login_profile(UserName="bob"),
        lambda: iam.delete_access_key(
            UserName="bob", AccessKeyId=iam.list_access_keys(UserName="bob")["AccessKeyMetadata"][0]["AccessKeyId"]
        ),
        lambda: iam.delete_user_policy(UserName="bob", PolicyName="p"),
        lambda: iam.remove_user_from_group(UserName="bob", GroupName="devs"),
    ]
    for step in undo:
        seen.append(conflict(iam, lambda: iam.delete_user(UserName="bob")))
        step()
    iam.delete_user(UserName="bob")
    assert seen == [
        "Cannot delete entity, must delete login profile first.",
        "Cannot delete entity, must delete access keys first.",
        "Cannot delete entity, must delete policies first.",
        "Cannot delete entity, must remove users from group first.",
    ]


def test_delete_group_with_members(iamfake, iam):
    iamfake.add_user("bob")
    iamfake.add_group("devs", users=["bob"])
    assert (
        conflict(iam, lambda: iam.delete_group(GroupName="devs"))
        == "Cannot delete entity, must remove users from group first."
    )


def test_delete_group_with_an_inline_policy(iamfake, iam):
    iamfake.add_group("devs")
    iam.put_group_policy(GroupName="devs", PolicyName="p", PolicyDocument=POLICY)
    assert (
        conflict(iam, lambda: iam.delete_group(GroupName="devs")) == "Cannot delete entity, must delete policies first."
    )
    iam.delete_group_policy(GroupName="devs", PolicyName="p")
    iam.delete_group(GroupName="devs")
    assert iam.list_groups()["Groups"] == []


def test_delete_group_reports_members_before_policies(iamfake, iam):
    iamfake.add_user("bob")
    iamfake.add_group("devs", users=["bob"])
    iam.put_group_policy(GroupName="devs", PolicyName="p", PolicyDocument=POLICY)
    assert conflict(iam, lambda: iam.delete_group(GroupName="devs")).endswith("must remove users from group first.")
    iam.remove_user_from_group(UserName="bob", GroupName="devs")
    assert conflict(iam, lambda: iam.delete_group(GroupName="devs")).endswith("must delete policies first.")
