"""Roles: lifecycle, trust policy, tags, inline and attached policies, boundary, delete rules.

REAL texts are asserted where the reference saw them for roles; the others follow the
user and group rules (INFERRED) and are asserted as the fake's documented behaviour.
"""

from __future__ import annotations

import json

import pytest
from helpers import error_of

ACCOUNT = "123456789012"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}


def make_role(iam, name="worker", **extra):
    return iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST), **extra)["Role"]


def make_policy(iam, name="p"):
    return iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]


def test_create_role_returns_the_trust_policy_as_a_dict(iam):
    role = make_role(iam, Path="/svc/", Description="runs jobs")
    assert role["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/svc/worker"
    assert role["RoleId"].startswith("AROA")
    assert role["AssumeRolePolicyDocument"] == TRUST
    assert role["Description"] == "runs jobs"


def test_get_role_shows_session_duration_and_empty_last_used(iam):
    make_role(iam)
    role = iam.get_role(RoleName="WORKER")["Role"]
    assert role["RoleName"] == "worker"
    assert role["MaxSessionDuration"] == 3600
    assert role["RoleLastUsed"] == {}
    assert role["AssumeRolePolicyDocument"] == TRUST


def test_trust_policy_text_survives_percent_signs_and_spaces(iam):
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": "a%3Ab c+d"}},
            }
        ],
    }
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(trust, indent=2))
    assert iam.get_role(RoleName="r")["Role"]["AssumeRolePolicyDocument"] == trust


def test_duplicate_role(iam):
    make_role(iam, "Worker")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        make_role(iam, "worker")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "Role with name worker already exists.")


def test_malformed_trust_policy(iam):
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException) as exc_info:
        iam.create_role(RoleName="r", AssumeRolePolicyDocument="not json")
    assert error_of(exc_info)[:2] == ("MalformedPolicyDocument", 400)
    assert iam.list_roles()["Roles"] == []


@pytest.mark.parametrize(
    ("op", "params"),
    [
        ("get_role", {}),
        ("delete_role", {}),
        ("update_role", {"Description": "x"}),
        ("list_role_tags", {}),
        ("list_role_policies", {}),
        ("list_attached_role_policies", {}),
        ("delete_role_permissions_boundary", {}),
    ],
)
def test_unknown_role(iam, op, params):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(RoleName="nobody", **params)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The role with name nobody cannot be found.")


def test_list_roles_pages_filters_and_leaves_out_tags(iam):
    for index in range(5):
        make_role(iam, f"r{index}", Path="/a/" if index % 2 else "/", Tags=[{"Key": "k", "Value": "v"}])
    full = iam.get_paginator("list_roles").paginate(PaginationConfig={"PageSize": 2}).build_full_result()
    assert [r["RoleName"] for r in full["Roles"]] == [f"r{i}" for i in range(5)]
    assert all("Tags" not in r and "RoleLastUsed" not in r for r in full["Roles"])
    assert full["Roles"][0]["AssumeRolePolicyDocument"] == TRUST
    assert [r["RoleName"] for r in iam.list_roles(PathPrefix="/a/")["Roles"]] == ["r1", "r3"]


def test_update_role_and_trust_policy(iam):
    make_role(iam)
    iam.update_role(RoleName="worker", Description="new", MaxSessionDuration=7200)
    new_trust = {**TRUST, "Statement": [{**TRUST["Statement"][0], "Principal": {"Service": "ec2.amazonaws.com"}}]}
    iam.update_assume_role_policy(RoleName="worker", PolicyDocument=json.dumps(new_trust))
    role = iam.get_role(RoleName="worker")["Role"]
    assert (role["Description"], role["MaxSessionDuration"]) == ("new", 7200)
    assert role["AssumeRolePolicyDocument"] == new_trust


def test_max_session_duration_is_validated(iam):
    make_role(iam)
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.update_role(RoleName="worker", MaxSessionDuration=50000)
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'maxSessionDuration' failed to satisfy constraint: "
        "Member must have value less than or equal to 43200",
    )


# --- tags -----------------------------------------------------------------------------------


def test_role_tag_keys_are_case_insensitive(iam):
    make_role(iam, Tags=[{"Key": "somekey", "Value": "1"}])
    iam.tag_role(RoleName="worker", Tags=[{"Key": "Somekey", "Value": "2"}, {"Key": "b", "Value": ""}])
    assert iam.list_role_tags(RoleName="worker")["Tags"] == [
        {"Key": "b", "Value": ""},
        {"Key": "Somekey", "Value": "2"},
    ]
    iam.untag_role(RoleName="worker", TagKeys=["SOMEKEY", "absent"])
    assert iam.get_role(RoleName="worker")["Role"]["Tags"] == [{"Key": "b", "Value": ""}]


def test_duplicate_role_tag_keys(iam):
    make_role(iam)
    with pytest.raises(iam.exceptions.InvalidInputException) as exc_info:
        iam.tag_role(RoleName="worker", Tags=[{"Key": "mykey", "Value": "1"}, {"Key": "MyKey", "Value": "2"}])
    assert error_of(exc_info) == (
        "InvalidInput",
        400,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
    )


def test_more_than_fifty_tags_in_total(iam):
    make_role(iam, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(50)])
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.tag_role(RoleName="worker", Tags=[{"Key": "one-more", "Value": "v"}])
    assert error_of(exc_info) == ("LimitExceeded", 409, "The number of tags has reached the maximum limit.")


# --- inline policies ----------------------------------------------------------------------------


def test_inline_policy_lifecycle(iam):
    make_role(iam)
    iam.put_role_policy(RoleName="worker", PolicyName="read", PolicyDocument=json.dumps(DOC))
    got = iam.get_role_policy(RoleName="worker", PolicyName="read")
    assert (got["RoleName"], got["PolicyName"], got["PolicyDocument"]) == ("worker", "read", DOC)
    assert iam.list_role_policies(RoleName="worker")["PolicyNames"] == ["read"]
    iam.delete_role_policy(RoleName="worker", PolicyName="read")
    assert iam.list_role_policies(RoleName="worker")["PolicyNames"] == []


@pytest.mark.parametrize("op", ["get_role_policy", "delete_role_policy"])
def test_missing_inline_policy(iam, op):
    make_role(iam)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(RoleName="worker", PolicyName="nope")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The role policy with name nope cannot be found.")


def test_malformed_inline_policy(iam):
    make_role(iam)
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException):
        iam.put_role_policy(RoleName="worker", PolicyName="bad", PolicyDocument="[]")
    assert iam.list_role_policies(RoleName="worker")["PolicyNames"] == []


# --- managed policies ---------------------------------------------------------------------------


def test_attach_detach_and_list_role_policies(iam):
    make_role(iam)
    arn = make_policy(iam)
    aws = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    iam.attach_role_policy(RoleName="worker", PolicyArn=arn)
    iam.attach_role_policy(RoleName="worker", PolicyArn=aws)
    attached = iam.list_attached_role_policies(RoleName="worker")["AttachedPolicies"]
    assert {a["PolicyArn"] for a in attached} == {arn, aws}
    only_service_role = iam.list_attached_role_policies(RoleName="worker", PathPrefix="/service-role/")
    assert [a["PolicyName"] for a in only_service_role["AttachedPolicies"]] == ["AWSLambdaBasicExecutionRole"]
    iam.detach_role_policy(RoleName="worker", PolicyArn=aws)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.detach_role_policy(RoleName="worker", PolicyArn=aws)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {aws} was not found.")


def test_malformed_policy_arn_on_attach(iam):
    make_role(iam)
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.attach_role_policy(RoleName="worker", PolicyArn="longpolicynamebutnoarn")
    assert error_of(exc_info) == ("ValidationError", 400, "ARN longpolicynamebutnoarn is not valid.")


def test_service_role_policy_is_not_attachable_to_a_customer_role(iam):
    make_role(iam)
    with pytest.raises(iam.exceptions.PolicyNotAttachableException) as exc_info:
        iam.attach_role_policy(
            RoleName="worker", PolicyArn="arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy"
        )
    assert error_of(exc_info) == (
        "PolicyNotAttachable",
        400,
        "Cannot attach a Service Role Policy to a Customer Role.",
    )


def test_eleventh_policy_on_a_role(iam):
    make_role(iam)
    for index in range(10):
        iam.attach_role_policy(RoleName="worker", PolicyArn=make_policy(iam, f"p{index}"))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.attach_role_policy(RoleName="worker", PolicyArn=make_policy(iam, "extra"))
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerRole: 10")


# --- permissions boundary -----------------------------------------------------------------------


def test_boundary_put_shows_in_get_role_and_counts(iam):
    make_role(iam)
    arn = make_policy(iam)
    iam.put_role_permissions_boundary(RoleName="worker", PermissionsBoundary=arn)
    assert iam.get_role(RoleName="worker")["Role"]["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "Policy",
        "PermissionsBoundaryArn": arn,
    }
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 1
    iam.delete_role_permissions_boundary(RoleName="worker")
    assert "PermissionsBoundary" not in iam.get_role(RoleName="worker")["Role"]
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 0


def test_boundary_that_is_no_policy_arn(iam):
    make_role(iam)
    arn = f"arn:aws:iam::{ACCOUNT}:not_a_policy/invalid"
    for call in (
        lambda: iam.put_role_permissions_boundary(RoleName="worker", PermissionsBoundary=arn),
        lambda: make_role(iam, "other", PermissionsBoundary=arn),
    ):
        with pytest.raises(iam.exceptions.InvalidInputException) as exc_info:
            call()
        assert error_of(exc_info) == ("InvalidInput", 400, f"ARN {arn} is not valid.")


def test_boundary_naming_no_policy(iam):
    make_role(iam)
    arn = f"arn:aws:iam::{ACCOUNT}:policy/missing"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.put_role_permissions_boundary(RoleName="worker", PermissionsBoundary=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Scope ARN: {arn} does not exist or is not attachable.")


def test_deleting_a_role_releases_its_boundary(iam):
    arn = make_policy(iam)
    make_role(iam, PermissionsBoundary=arn)
    iam.delete_role(RoleName="worker")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 0


# --- DeleteRole conflicts -----------------------------------------------------------------------


def test_delete_role_with_inline_policy_conflicts_before_attached(iam):
    make_role(iam)
    iam.put_role_policy(RoleName="worker", PolicyName="read", PolicyDocument=json.dumps(DOC))
    iam.attach_role_policy(RoleName="worker", PolicyArn=make_policy(iam))
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_role(RoleName="worker")
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete entity, must delete policies first.")


def test_delete_role_with_attached_policy_conflicts(iam):
    make_role(iam)
    arn = make_policy(iam)
    iam.attach_role_policy(RoleName="worker", PolicyArn=arn)
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_role(RoleName="worker")
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete entity, must detach all policies first.")
    iam.detach_role_policy(RoleName="worker", PolicyArn=arn)
    iam.delete_role(RoleName="worker")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_role(RoleName="worker")


# --- arrange -------------------------------------------------------------------------------------


def test_add_role_defaults_to_trusting_the_account_root(iamfake, iam):
    role = iamfake.add_role("deployer")
    expected = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"}, "Action": "sts:AssumeRole"}
        ],
    }
    assert role["AssumeRolePolicyDocument"] == expected
    assert iam.get_role(RoleName="deployer")["Role"]["AssumeRolePolicyDocument"] == expected


def test_add_role_with_trust_policy_path_and_policies(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    role = iamfake.add_role("worker", TRUST, path="/svc/", policies=[arn])
    assert role["Arn"] == f"arn:aws:iam::{ACCOUNT}:role/svc/worker"
    assert role["AssumeRolePolicyDocument"] == TRUST
    assert [a["PolicyArn"] for a in iam.list_attached_role_policies(RoleName="worker")["AttachedPolicies"]] == [arn]
    assert iamfake.calls[-1].operation == "ListAttachedRolePolicies"
    assert len(iamfake.calls) == 1


def test_trust_policy_without_a_principal(iam):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException) as exc_info:
        iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(trust))
    assert error_of(exc_info)[:2] == ("MalformedPolicyDocument", 400)
    assert "no principals" in error_of(exc_info)[2]


def test_inline_role_policies_share_a_10240_character_quota(iam):
    make_role(iam)
    statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::" + "b" * 5200}
    document = json.dumps({"Version": "2012-10-17", "Statement": [statement]})
    iam.put_role_policy(RoleName="worker", PolicyName="one", PolicyDocument=document)
    iam.put_role_policy(RoleName="worker", PolicyName="one", PolicyDocument=document)  # replacing: same total
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.put_role_policy(RoleName="worker", PolicyName="two", PolicyDocument=document)
    assert error_of(exc_info) == ("LimitExceeded", 409, "Maximum policy size of 10240 bytes exceeded for role worker")


@pytest.mark.parametrize(
    ("operation", "key", "fill"),
    [
        (
            "list_role_tags",
            "Tags",
            lambda iam, i: iam.tag_role(RoleName="worker", Tags=[{"Key": f"k{i}", "Value": ""}]),
        ),
        (
            "list_role_policies",
            "PolicyNames",
            lambda iam, i: iam.put_role_policy(RoleName="worker", PolicyName=f"p{i}", PolicyDocument=json.dumps(DOC)),
        ),
        (
            "list_attached_role_policies",
            "AttachedPolicies",
            lambda iam, i: iam.attach_role_policy(RoleName="worker", PolicyArn=make_policy(iam, f"p{i}")),
        ),
    ],
)
def test_role_listings_page_through_paginators(iam, operation, key, fill):
    make_role(iam)
    for index in range(5):
        fill(iam, index)
    pages = list(iam.get_paginator(operation).paginate(RoleName="worker", PaginationConfig={"PageSize": 2}))
    assert [len(p[key]) for p in pages] == [2, 2, 1]
