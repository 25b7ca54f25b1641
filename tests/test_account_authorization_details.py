"""GetAccountAuthorizationDetails: every user, role and policy with its relationships, filtered and paged."""

from __future__ import annotations

import json

DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
DOC2 = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword"


def arrange(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC2))
    iamfake.add_user("bob", policies=[arn, CHANGE_PASSWORD])
    iamfake.add_role("worker", policies=[arn])
    iam.put_role_policy(RoleName="worker", PolicyName="inline", PolicyDocument=json.dumps(DOC2))
    return arn


def test_everything_with_relationships_and_decoded_documents(iamfake, iam):
    arn = arrange(iamfake, iam)
    details = iam.get_account_authorization_details()
    assert details["IsTruncated"] is False
    (user,) = details["UserDetailList"]
    assert user["UserName"] == "bob"
    assert {a["PolicyArn"] for a in user["AttachedManagedPolicies"]} == {arn, CHANGE_PASSWORD}
    (role,) = details["RoleDetailList"]
    assert role["RolePolicyList"] == [{"PolicyName": "inline", "PolicyDocument": DOC2}]
    assert role["AssumeRolePolicyDocument"]["Statement"][0]["Action"] == "sts:AssumeRole"
    assert role["AttachedManagedPolicies"] == [{"PolicyName": "reader", "PolicyArn": arn}]
    policies = {p["Arn"]: p for p in details["Policies"]}
    assert set(policies) == {arn, CHANGE_PASSWORD}  # local ones, and the AWS managed ones in use
    local = policies[arn]
    assert local["AttachmentCount"] == 2
    assert [(v["VersionId"], v["IsDefaultVersion"], v["Document"]) for v in local["PolicyVersionList"]] == [
        ("v2", False, DOC2),
        ("v1", True, DOC),
    ]
    assert details["GroupDetailList"] == []


def test_filter_keeps_only_the_named_kinds(iamfake, iam):
    arrange(iamfake, iam)
    roles_only = iam.get_account_authorization_details(Filter=["Role"])
    assert [r["RoleName"] for r in roles_only["RoleDetailList"]] == ["worker"]
    assert roles_only["UserDetailList"] == [] and roles_only["Policies"] == []  # noqa: PT018
    local = iam.get_account_authorization_details(Filter=["LocalManagedPolicy"])["Policies"]
    assert [p["PolicyName"] for p in local] == ["reader"]
    aws = iam.get_account_authorization_details(Filter=["AWSManagedPolicy"])["Policies"]
    assert [p["PolicyName"] for p in aws] == ["IAMUserChangePassword"]


def test_pages_through_a_paginator(iamfake, iam):
    for index in range(4):
        iamfake.add_user(f"u{index}")
        iamfake.add_role(f"r{index}")
    pages = list(iam.get_paginator("get_account_authorization_details").paginate(PaginationConfig={"PageSize": 3}))
    assert len(pages) == 3
    assert [len(p["UserDetailList"]) + len(p["RoleDetailList"]) for p in pages] == [3, 3, 2]
    users = [u["UserName"] for p in pages for u in p["UserDetailList"]]
    roles = [r["RoleName"] for p in pages for r in p["RoleDetailList"]]
    assert (users, roles) == ([f"u{i}" for i in range(4)], [f"r{i}" for i in range(4)])
