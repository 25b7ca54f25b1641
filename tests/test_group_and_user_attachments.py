"""Managed policies on groups, and what renames, boundaries and deletes do to a policy's counts.

Facts: shared/reference/iam-entities.md §4.3, §4.4, §5.4, §5.5 and Appendix C (texts REAL).
"""

from __future__ import annotations

import json

import pytest
from helpers import error_of

from pytest_iamfake.model import policies

DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
EMR = "arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceforEC2Role"


def make_policy(iam, name="p"):
    return iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]


def test_attach_detach_and_list_group_policies(iam):
    iam.create_group(GroupName="devs")
    arn = make_policy(iam)
    iam.attach_group_policy(GroupName="devs", PolicyArn=arn)
    iam.attach_group_policy(GroupName="devs", PolicyArn=EMR)  # REAL: AWS managed ones attach too
    attached = iam.list_attached_group_policies(GroupName="devs")["AttachedPolicies"]
    assert {(a["PolicyName"], a["PolicyArn"]) for a in attached} == {
        ("p", arn),
        ("AmazonElasticMapReduceforEC2Role", EMR),
    }
    assert [g["GroupName"] for g in iam.list_entities_for_policy(PolicyArn=arn)["PolicyGroups"]] == ["devs"]
    iam.detach_group_policy(GroupName="devs", PolicyArn=EMR)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.detach_group_policy(GroupName="devs", PolicyArn=EMR)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {EMR} was not found.")


@pytest.mark.parametrize("op", ["attach_group_policy", "detach_group_policy"])
def test_unknown_group(iam, op):
    arn = make_policy(iam)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(GroupName="nobody", PolicyArn=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The group with name nobody cannot be found.")


def test_eleventh_policy_on_a_group(iam):
    iam.create_group(GroupName="devs")
    for index in range(10):
        iam.attach_group_policy(GroupName="devs", PolicyArn=make_policy(iam, f"p{index}"))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.attach_group_policy(GroupName="devs", PolicyArn=make_policy(iam, "extra"))
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerGroup: 10")


def test_list_attached_group_policies_pages_through_a_paginator(iam):
    iam.create_group(GroupName="devs")
    for index in range(5):
        iam.attach_group_policy(GroupName="devs", PolicyArn=make_policy(iam, f"p{index}"))
    pages = list(
        iam.get_paginator("list_attached_group_policies").paginate(GroupName="devs", PaginationConfig={"PageSize": 2})
    )
    assert [len(p["AttachedPolicies"]) for p in pages] == [2, 2, 1]


def test_delete_group_with_attached_policy_conflicts_after_members_and_inline(iam):
    iam.create_group(GroupName="devs")
    iam.create_user(UserName="bob")
    iam.add_user_to_group(GroupName="devs", UserName="bob")
    iam.put_group_policy(GroupName="devs", PolicyName="inline", PolicyDocument=json.dumps(DOC))
    arn = make_policy(iam)
    iam.attach_group_policy(GroupName="devs", PolicyArn=arn)
    expected = [
        "Cannot delete entity, must remove users from group first.",
        "Cannot delete entity, must delete policies first.",
        "Cannot delete entity, must detach all policies first.",
    ]
    undo = [
        lambda: iam.remove_user_from_group(GroupName="devs", UserName="bob"),
        lambda: iam.delete_group_policy(GroupName="devs", PolicyName="inline"),
        lambda: iam.detach_group_policy(GroupName="devs", PolicyArn=arn),
    ]
    for message, step in zip(expected, undo, strict=True):
        with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
            iam.delete_group(GroupName="devs")
        assert error_of(exc_info) == ("DeleteConflict", 409, message)
        step()
    iam.delete_group(GroupName="devs")


def test_delete_user_reports_inline_then_attached_then_groups(iam):
    iam.create_user(UserName="bob")
    iam.put_user_policy(UserName="bob", PolicyName="inline", PolicyDocument=json.dumps(DOC))
    arn = make_policy(iam)
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    iam.create_group(GroupName="devs")
    iam.add_user_to_group(GroupName="devs", UserName="bob")
    expected = [
        "Cannot delete entity, must delete policies first.",
        "Cannot delete entity, must detach all policies first.",
        "Cannot delete entity, must remove users from group first.",
    ]
    undo = [
        lambda: iam.delete_user_policy(UserName="bob", PolicyName="inline"),
        lambda: iam.detach_user_policy(UserName="bob", PolicyArn=arn),
        lambda: iam.remove_user_from_group(GroupName="devs", UserName="bob"),
    ]
    for message, step in zip(expected, undo, strict=True):
        with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
            iam.delete_user(UserName="bob")
        assert error_of(exc_info) == ("DeleteConflict", 409, message)
        step()
    iam.delete_user(UserName="bob")


def test_renames_keep_attachments(iam):
    arn = make_policy(iam)
    iam.create_user(UserName="bob")
    iam.create_group(GroupName="devs")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    iam.attach_group_policy(GroupName="devs", PolicyArn=arn)
    iam.update_user(UserName="bob", NewUserName="robert")
    iam.update_group(GroupName="devs", NewGroupName="engineers")
    assert [a["PolicyArn"] for a in iam.list_attached_user_policies(UserName="robert")["AttachedPolicies"]] == [arn]
    assert [a["PolicyArn"] for a in iam.list_attached_group_policies(GroupName="engineers")["AttachedPolicies"]] == [
        arn
    ]
    entities = iam.list_entities_for_policy(PolicyArn=arn)
    assert [u["UserName"] for u in entities["PolicyUsers"]] == ["robert"]
    assert [g["GroupName"] for g in entities["PolicyGroups"]] == ["engineers"]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 2


def test_user_boundaries_are_counted(iam):
    arn = make_policy(iam)
    iam.create_user(UserName="ann", PermissionsBoundary=arn)
    iam.create_user(UserName="bob")
    iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=arn)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 2
    bound = iam.list_entities_for_policy(PolicyArn=arn, PolicyUsageFilter="PermissionsBoundary")
    assert sorted(u["UserName"] for u in bound["PolicyUsers"]) == ["ann", "bob"]
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_policy(PolicyArn=arn)
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete a policy attached to entities.")
    iam.delete_user_permissions_boundary(UserName="bob")
    iam.delete_user(UserName="ann")  # a boundary does not block DeleteUser (DOC)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 0
    iam.delete_policy(PolicyArn=arn)


def test_moving_a_user_boundary_moves_the_count(iam):
    first, second = make_policy(iam, "first"), make_policy(iam, "second")
    iam.create_user(UserName="bob", PermissionsBoundary=first)
    iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=second)
    counts = [iam.get_policy(PolicyArn=a)["Policy"]["PermissionsBoundaryUsageCount"] for a in (first, second)]
    assert counts == [0, 1]


def test_a_customer_policy_is_a_valid_user_boundary(iam):
    arn = make_policy(iam)
    iam.create_user(UserName="bob")
    iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=arn)
    assert iam.get_user(UserName="bob")["User"]["PermissionsBoundary"]["PermissionsBoundaryArn"] == arn


def test_add_group_with_policies(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    iamfake.add_group("devs", policies=[arn, EMR])
    attached = {a["PolicyArn"] for a in iam.list_attached_group_policies(GroupName="devs")["AttachedPolicies"]}
    assert attached == {arn, EMR}


def test_policies_of_user_include_its_groups(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    iamfake.add_group("devs", policies=[arn])
    iamfake.add_user("bob", groups=["devs"])
    iam.put_group_policy(GroupName="devs", PolicyName="inline", PolicyDocument=json.dumps(DOC))
    iam.put_user_policy(UserName="bob", PolicyName="own", PolicyDocument=json.dumps(DOC))
    account = iamfake.backend.account(iamfake.options.account_id)
    labels = [label for label, _ in policies.policies_of_user(account, account.require_user("bob"))]
    assert labels == ["user bob inline own", "group devs inline inline", f"group devs attached {arn}"]


def test_account_authorization_details_lists_groups(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    iamfake.add_group("devs", policies=[arn])
    iamfake.add_user("bob", groups=["devs"])
    iam.put_group_policy(GroupName="devs", PolicyName="inline", PolicyDocument=json.dumps(DOC))
    details = iam.get_account_authorization_details(Filter=["User", "Group"])
    (group,) = details["GroupDetailList"]
    assert group["GroupPolicyList"] == [{"PolicyName": "inline", "PolicyDocument": DOC}]
    assert group["AttachedManagedPolicies"] == [{"PolicyName": "reader", "PolicyArn": arn}]
    assert details["UserDetailList"][0]["GroupList"] == ["devs"]


def test_account_summary_counts_roles_policies_and_attached_versions(iamfake, iam):
    before = iam.get_account_summary()["SummaryMap"]
    arn = iamfake.add_policy("reader", DOC)
    iamfake.add_policy("unused", DOC)
    iamfake.add_role("worker", policies=[arn])
    iamfake.add_user("bob", policies=[arn, EMR])
    after = iam.get_account_summary()["SummaryMap"]
    assert after["Roles"] - before["Roles"] == 1
    assert after["Policies"] - before["Policies"] == 2
    assert after["PolicyVersionsInUse"] - before["PolicyVersionsInUse"] == 2  # reader and the EMR policy
