"""Managed policies: create, read, versions, tags, attachment to users, delete rules, listing.

Facts: shared/reference/iam-entities.md §5, Appendix A and C (messages REAL unless noted).
"""

from __future__ import annotations

import json

import pytest
from helpers import error_of

DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}
CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword"
ACCOUNT = "123456789012"


def make_policy(iam, name="p", path="/", document=DOC, **extra):
    return iam.create_policy(PolicyName=name, Path=path, PolicyDocument=json.dumps(document), **extra)["Policy"]


def test_create_policy_returns_default_version_v1_counts_zero_and_no_tags(iam):
    policy = make_policy(iam, "reader", path="/team/")
    assert policy["Arn"] == f"arn:aws:iam::{ACCOUNT}:policy/team/reader"
    assert policy["DefaultVersionId"] == "v1"
    assert (policy["AttachmentCount"], policy["PermissionsBoundaryUsageCount"]) == (0, 0)
    assert policy["IsAttachable"] is True
    assert policy["PolicyId"].startswith("ANPA")
    assert len(policy["PolicyId"]) == 21
    assert "Tags" not in policy
    assert "Description" not in policy


def test_get_policy_adds_empty_tags_and_description(iam):
    arn = make_policy(iam, "reader", Description="read things")["Arn"]
    got = iam.get_policy(PolicyArn=arn)["Policy"]
    assert got["Tags"] == []
    assert got["Description"] == "read things"


def test_duplicate_policy_name_differing_in_case(iam):
    make_policy(iam, "Reader")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        make_policy(iam, "reader")
    assert error_of(exc_info) == (
        "EntityAlreadyExists",
        409,
        "A policy called reader already exists. Duplicate names are not allowed.",
    )


def test_policy_document_comes_back_as_the_submitted_dict(iam):
    document = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Action": "apigateway:GET",
                "Resource": "arn:aws:apigateway:us-east-1::/tags/arn%3Aaws%3Aapigateway%3Aus-east-1",
                "Condition": {"StringEquals": {"aws:username": "a b+c%20"}},
            }
        ],
    }
    arn = make_policy(iam, document=document)["Arn"]
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"] == document


def test_malformed_document_is_refused(iam):
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException) as exc_info:
        iam.create_policy(PolicyName="p", PolicyDocument="This is not a json document")
    assert error_of(exc_info) == ("MalformedPolicyDocument", 400, "Syntax errors in policy.")


def test_malformed_policy_arn_gets_a_validation_error(iam):
    iam.create_user(UserName="bob")
    for call in (
        lambda: iam.get_policy(PolicyArn="longpolicynamebutnoarn"),
        lambda: iam.attach_user_policy(UserName="bob", PolicyArn="longpolicynamebutnoarn"),
    ):
        with pytest.raises(iam.exceptions.ClientError) as exc_info:
            call()
        assert error_of(exc_info) == ("ValidationError", 400, "ARN longpolicynamebutnoarn is not valid.")


def test_get_unknown_policy(iam):
    arn = f"arn:aws:iam::{ACCOUNT}:policy/nothing"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_policy(PolicyArn=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {arn} does not exist or is not attachable.")


# --- versions -------------------------------------------------------------------------------


def test_versions_are_listed_newest_first_without_documents(iam):
    arn = make_policy(iam)["Arn"]
    created = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC), SetAsDefault=True)
    assert created["PolicyVersion"]["VersionId"] == "v2"
    assert created["PolicyVersion"]["IsDefaultVersion"] is True
    assert "Document" not in created["PolicyVersion"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    versions = iam.list_policy_versions(PolicyArn=arn)["Versions"]
    assert [(v["VersionId"], v["IsDefaultVersion"]) for v in versions] == [("v3", False), ("v2", True), ("v1", False)]
    assert all("Document" not in v for v in versions)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"] == "v2"


def test_five_version_limit_and_numbers_never_reused(iam):
    arn = make_policy(iam)["Arn"]
    for _ in range(4):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    assert error_of(exc_info) == (
        "LimitExceeded",
        409,
        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an "
        "existing version.",
    )
    iam.delete_policy_version(PolicyArn=arn, VersionId="v5")
    again = iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    assert again["PolicyVersion"]["VersionId"] == "v6"


def test_set_default_version_moves_the_default(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    iam.set_default_policy_version(PolicyArn=arn, VersionId="v2")
    defaults = [v["VersionId"] for v in iam.list_policy_versions(PolicyArn=arn)["Versions"] if v["IsDefaultVersion"]]
    assert defaults == ["v2"]


def test_default_version_cannot_be_deleted(iam):
    arn = make_policy(iam)["Arn"]
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_policy_version(PolicyArn=arn, VersionId="v1")
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete the default version of a policy.")


@pytest.mark.parametrize("op", ["get_policy_version", "delete_policy_version", "set_default_policy_version"])
def test_unknown_version(iam, op):
    arn = make_policy(iam)["Arn"]
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(PolicyArn=arn, VersionId="v9")
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {arn} version v9 does not exist or is not attachable.")


def test_version_id_pattern_is_validated(iam):
    arn = make_policy(iam)["Arn"]
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.get_policy_version(PolicyArn=arn, VersionId="wrong_version_id")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
    )


# --- DeletePolicy and its conflicts (Appendix C, in order) --------------------------------------


def test_delete_detached_single_version_policy(iam):
    arn = make_policy(iam)["Arn"]
    iam.delete_policy(PolicyArn=arn)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.delete_policy(PolicyArn=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {arn} was not found.")


def test_delete_policy_attached_to_a_user_conflicts_first(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_policy(PolicyArn=arn)
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete a policy attached to entities.")


def test_delete_policy_used_as_a_boundary_conflicts(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(TRUST), PermissionsBoundary=arn)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 1
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_policy(PolicyArn=arn)
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete a policy attached to entities.")
    iam.delete_role_permissions_boundary(RoleName="r")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["PermissionsBoundaryUsageCount"] == 0
    iam.delete_policy(PolicyArn=arn)


def test_delete_policy_with_extra_versions_conflicts(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_policy(PolicyArn=arn)
    assert error_of(exc_info) == (
        "DeleteConflict",
        409,
        "This policy has more than one version. Before you delete a policy, you must delete the policy's "
        "versions. The default version is deleted with the policy.",
    )
    iam.delete_policy_version(PolicyArn=arn, VersionId="v2")
    iam.delete_policy(PolicyArn=arn)


# --- AWS managed policies ------------------------------------------------------------------------

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
REFERENCE_CHANGE_PASSWORD = {  # shared/reference/iam-authorization.md §6.1
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": ["iam:ChangePassword"],
            "Resource": ["arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::*:user/*/${aws:username}"],
        },
        {"Effect": "Allow", "Action": ["iam:GetAccountPasswordPolicy"], "Resource": "*"},
    ],
}


def test_aws_managed_policy_exists_with_its_document(iam):
    policy = iam.get_policy(PolicyArn=CHANGE_PASSWORD)["Policy"]
    assert policy["PolicyName"] == "IAMUserChangePassword"
    assert policy["Description"] == "Provides the ability for an IAM user to change their own password."
    assert policy["Tags"] == []
    version = iam.get_policy_version(PolicyArn=CHANGE_PASSWORD, VersionId=policy["DefaultVersionId"])
    assert version["PolicyVersion"]["Document"] == REFERENCE_CHANGE_PASSWORD
    assert version["PolicyVersion"]["IsDefaultVersion"] is True


def test_attach_aws_managed_policy_and_read_it_back(iam):
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=CHANGE_PASSWORD)
    attached = iam.list_attached_user_policies(UserName="bob")["AttachedPolicies"]
    assert attached == [{"PolicyName": "IAMUserChangePassword", "PolicyArn": CHANGE_PASSWORD}]
    assert iam.get_policy(PolicyArn=CHANGE_PASSWORD)["Policy"]["AttachmentCount"] == 1
    only = iam.list_policies(Scope="AWS", OnlyAttached=True)["Policies"]
    assert [p["Arn"] for p in only] == [CHANGE_PASSWORD]
    iam.detach_user_policy(UserName="bob", PolicyArn=CHANGE_PASSWORD)
    assert iam.list_policies(Scope="AWS", OnlyAttached=True)["Policies"] == []
    assert iam.get_policy(PolicyArn=CHANGE_PASSWORD)["Policy"]["AttachmentCount"] == 0


def test_unknown_aws_managed_policy(iam):
    arn = "arn:aws:iam::aws:policy/AWSLambdaFullAccess"
    iam.create_user(UserName="bob")
    for call in (lambda: iam.get_policy(PolicyArn=arn), lambda: iam.attach_user_policy(UserName="bob", PolicyArn=arn)):
        with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
            call()
        assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {arn} does not exist or is not attachable.")


@pytest.mark.parametrize(
    ("op", "params", "message"),
    [
        ("delete_policy", {}, "Cannot delete policies outside your own account."),
        (
            "delete_policy_version",
            {"VersionId": "v1"},
            "Cannot delete policy versions for policies outside your own account.",
        ),
        ("set_default_policy_version", {"VersionId": "v1"}, "Cannot update policies outside your own account."),
    ],
)
def test_aws_managed_policies_cannot_be_changed(iam, op, params, message):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        getattr(iam, op)(PolicyArn=CHANGE_PASSWORD, **params)
    assert error_of(exc_info) == ("AccessDenied", 403, message)


def test_list_policies_scopes(iam):
    local = make_policy(iam, "mine")["Arn"]
    aws = [p["Arn"] for p in iam.get_paginator("list_policies").paginate(Scope="AWS").build_full_result()["Policies"]]
    assert CHANGE_PASSWORD in aws
    assert local not in aws
    assert all(arn.startswith("arn:aws:iam::aws:policy/") for arn in aws)
    assert [p["Arn"] for p in iam.list_policies(Scope="Local")["Policies"]] == [local]
    everything = iam.get_paginator("list_policies").paginate().build_full_result()["Policies"]
    assert {p["Arn"] for p in everything} == {*aws, local}
    assert all("Tags" not in p and "Description" not in p for p in everything)


def test_list_policies_aws_scope_pages(iam):
    first = iam.list_policies(Scope="AWS", MaxItems=2)
    assert len(first["Policies"]) == 2
    assert first["IsTruncated"] is True
    assert first["Marker"]
    rest = iam.list_policies(Scope="AWS", Marker=first["Marker"])["Policies"]
    assert not {p["Arn"] for p in first["Policies"]} & {p["Arn"] for p in rest}


def test_list_policies_filters(iam):
    a = make_policy(iam, "a", path="/x/")["Arn"]
    b = make_policy(iam, "b")["Arn"]
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=b)
    assert [p["Arn"] for p in iam.list_policies(Scope="Local", PathPrefix="/x/")["Policies"]] == [a]
    assert [p["Arn"] for p in iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]] == [b]
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(TRUST), PermissionsBoundary=a)
    bounds = iam.list_policies(Scope="Local", PolicyUsageFilter="PermissionsBoundary")["Policies"]
    assert [p["Arn"] for p in bounds] == [a]
    perms = iam.list_policies(Scope="Local", PolicyUsageFilter="PermissionsPolicy")["Policies"]
    assert [p["Arn"] for p in perms] == [b]


def test_list_policies_marker_it_never_issued(iam):
    with pytest.raises(iam.exceptions.ClientError) as exc_info:
        iam.list_policies(Marker="not-a-marker!")
    assert error_of(exc_info) == ("ValidationError", 400, "Invalid Marker.")


# --- attachment to users ----------------------------------------------------------------------


def test_detach_a_policy_that_is_not_attached(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_user(UserName="bob")
    for missing in (arn, "arn:aws:iam::aws:policy/Nonexistent"):
        with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
            iam.detach_user_policy(UserName="bob", PolicyArn=missing)
        assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {missing} was not found.")


def test_attach_to_an_unknown_user(iam):
    arn = make_policy(iam)["Arn"]
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.attach_user_policy(UserName="nobody", PolicyArn=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_attaching_twice_counts_once(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 1
    assert len(iam.list_attached_user_policies(UserName="bob")["AttachedPolicies"]) == 1


def test_eleventh_policy_on_a_user_exceeds_the_quota(iam):
    iam.create_user(UserName="bob")
    for index in range(10):
        iam.attach_user_policy(UserName="bob", PolicyArn=make_policy(iam, f"p{index}")["Arn"])
    extra = make_policy(iam, "extra")["Arn"]
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.attach_user_policy(UserName="bob", PolicyArn=extra)
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerUser: 10")
    assert iam.get_policy(PolicyArn=extra)["Policy"]["AttachmentCount"] == 0


def test_list_attached_user_policies_pages_through_a_paginator(iam):
    iam.create_user(UserName="bob")
    arns = [make_policy(iam, f"p{index}")["Arn"] for index in range(7)]
    for arn in arns:
        iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    pages = list(
        iam.get_paginator("list_attached_user_policies").paginate(UserName="bob", PaginationConfig={"PageSize": 3})
    )
    assert [len(p["AttachedPolicies"]) for p in pages] == [3, 3, 1]
    assert sorted(a["PolicyArn"] for p in pages for a in p["AttachedPolicies"]) == sorted(arns)


def test_delete_user_with_an_attached_policy_conflicts(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName="bob")
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete entity, must detach all policies first.")
    iam.detach_user_policy(UserName="bob", PolicyArn=arn)
    iam.delete_user(UserName="bob")
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 0


def test_delete_user_login_profile_conflict_comes_before_attached_policies(iam):
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=CHANGE_PASSWORD)
    iam.create_login_profile(UserName="bob", Password="A-long-enough-passw0rd!")
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName="bob")
    assert error_of(exc_info)[2] == "Cannot delete entity, must delete login profile first."


# --- who uses a policy ------------------------------------------------------------------------


def test_list_entities_for_policy(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_user(UserName="bob")
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.attach_role_policy(RoleName="r", PolicyArn=arn)
    everyone = iam.list_entities_for_policy(PolicyArn=arn)
    assert [u["UserName"] for u in everyone["PolicyUsers"]] == ["bob"]
    assert [r["RoleName"] for r in everyone["PolicyRoles"]] == ["r"]
    assert everyone["PolicyGroups"] == []
    assert iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"] == 2
    roles_only = iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="Role")
    assert (roles_only["PolicyUsers"], len(roles_only["PolicyRoles"])) == ([], 1)
    local = iam.list_entities_for_policy(PolicyArn=arn, EntityFilter="LocalManagedPolicy")
    assert (local["PolicyUsers"], local["PolicyGroups"], local["PolicyRoles"]) == ([], [], [])


def test_list_entities_for_policy_boundary_usage(iam):
    arn = make_policy(iam)["Arn"]
    iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_permissions_boundary(RoleName="r", PermissionsBoundary=arn)
    bound = iam.list_entities_for_policy(PolicyArn=arn, PolicyUsageFilter="PermissionsBoundary")
    assert [r["RoleName"] for r in bound["PolicyRoles"]] == ["r"]
    assert iam.list_entities_for_policy(PolicyArn=arn)["PolicyRoles"] == []


def test_list_entities_for_an_unknown_policy(iam):
    arn = f"arn:aws:iam::{ACCOUNT}:policy/none"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.list_entities_for_policy(PolicyArn=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {arn} does not exist or is not attachable.")


def test_list_entities_for_policy_pages_through_a_paginator(iam):
    arn = make_policy(iam)["Arn"]
    for index in range(5):
        iam.create_user(UserName=f"u{index}")
        iam.attach_user_policy(UserName=f"u{index}", PolicyArn=arn)
    for index in range(3):
        iam.create_role(RoleName=f"r{index}", AssumeRolePolicyDocument=json.dumps(TRUST))
        iam.attach_role_policy(RoleName=f"r{index}", PolicyArn=arn)
    full = (
        iam.get_paginator("list_entities_for_policy")
        .paginate(PolicyArn=arn, PaginationConfig={"PageSize": 2})
        .build_full_result()
    )
    assert sorted(u["UserName"] for u in full["PolicyUsers"]) == [f"u{i}" for i in range(5)]
    assert sorted(r["RoleName"] for r in full["PolicyRoles"]) == [f"r{i}" for i in range(3)]


# --- tags -----------------------------------------------------------------------------------------


def test_policy_tags_overwrite_are_case_sensitive_and_list_shorter_keys_first(iam):
    arn = make_policy(iam, Tags=[{"Key": "abc", "Value": "1"}, {"Key": "b", "Value": "2"}])["Arn"]
    iam.tag_policy(
        PolicyArn=arn, Tags=[{"Key": "z", "Value": ""}, {"Key": "a", "Value": "3"}, {"Key": "A", "Value": "4"}]
    )
    iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "b", "Value": "new"}])
    keys = [(t["Key"], t["Value"]) for t in iam.list_policy_tags(PolicyArn=arn)["Tags"]]
    assert keys == [("A", "4"), ("a", "3"), ("b", "new"), ("z", ""), ("abc", "1")]
    iam.untag_policy(PolicyArn=arn, TagKeys=["a", "missing"])
    assert [t["Key"] for t in iam.get_policy(PolicyArn=arn)["Policy"]["Tags"]] == ["abc", "b", "z", "A"]


def test_policy_tags_page(iam):
    arn = make_policy(iam, Tags=[{"Key": k, "Value": "v"} for k in "abc"])["Arn"]
    first = iam.list_policy_tags(PolicyArn=arn, MaxItems=1)
    assert first["IsTruncated"] is True
    assert len(first["Tags"]) == 1
    rest = iam.list_policy_tags(PolicyArn=arn, Marker=first["Marker"])
    assert [t["Key"] for t in rest["Tags"]] == ["b", "c"]
    assert "Marker" not in rest


def test_duplicate_policy_tag_keys(iam):
    arn = make_policy(iam)["Arn"]
    with pytest.raises(iam.exceptions.InvalidInputException) as exc_info:
        iam.tag_policy(PolicyArn=arn, Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}])
    assert error_of(exc_info) == ("InvalidInput", 400, "Duplicate tag keys found.")


@pytest.mark.parametrize("op", ["tag_policy", "untag_policy"])
def test_tagging_an_unknown_policy(iam, op):
    arn = f"arn:aws:iam::{ACCOUNT}:policy/none"
    params = {"Tags": [{"Key": "k", "Value": "v"}]} if op == "tag_policy" else {"TagKeys": ["k"]}
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(PolicyArn=arn, **params)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Policy {arn} was not found.")


# --- arrange helpers ---------------------------------------------------------------------------


def test_add_policy_and_add_user_with_policies(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC, path="/team/")
    assert arn == f"arn:aws:iam::{ACCOUNT}:policy/team/reader"
    iamfake.add_user("bob", policies=[arn, CHANGE_PASSWORD])
    attached = {a["PolicyArn"] for a in iam.list_attached_user_policies(UserName="bob")["AttachedPolicies"]}
    assert attached == {arn, CHANGE_PASSWORD}
    assert [c.operation for c in iamfake.calls] == ["ListAttachedUserPolicies"]  # arranging is not recorded


def test_add_policy_takes_json_text(iamfake, iam):
    arn = iamfake.add_policy("reader", json.dumps(DOC))
    assert iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"] == DOC


def test_managed_policy_size_quota(iam):
    statement = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::" + "b" * 6200}
    document = {"Version": "2012-10-17", "Statement": [statement]}
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        make_policy(iam, document=document)
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for PolicySize: 6144")


def test_grammar_errors_reach_the_caller_with_aws_wording(iam):
    document = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:List:Bucket", "Resource": "*"}],
    }
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException) as exc_info:
        make_policy(iam, document=document)
    assert error_of(exc_info) == ("MalformedPolicyDocument", 400, "Actions/Condition can contain only one colon.")
    arn = make_policy(iam, "ok")["Arn"]
    with pytest.raises(iam.exceptions.MalformedPolicyDocumentException):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(document))
    assert len(iam.list_policy_versions(PolicyArn=arn)["Versions"]) == 1


def test_policy_versions_page_through_a_paginator(iam):
    arn = make_policy(iam)["Arn"]
    for _ in range(4):
        iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DOC))
    pages = list(iam.get_paginator("list_policy_versions").paginate(PolicyArn=arn, PaginationConfig={"PageSize": 2}))
    assert [[v["VersionId"] for v in p["Versions"]] for p in pages] == [["v5", "v4"], ["v3", "v2"], ["v1"]]


def test_aws_managed_policies_used_as_boundaries_are_listed(iam):
    aws = "arn:aws:iam::aws:policy/AdministratorAccess"
    iam.create_user(UserName="bob", PermissionsBoundary=aws)
    listed = iam.list_policies(Scope="AWS", PolicyUsageFilter="PermissionsBoundary")["Policies"]
    assert [(p["Arn"], p["PermissionsBoundaryUsageCount"], p["AttachmentCount"]) for p in listed] == [(aws, 1, 0)]
    assert iam.list_policies(Scope="AWS", OnlyAttached=True)["Policies"] == []


def test_a_recreated_policy_gets_a_fresh_id(iam):
    first = make_policy(iam, "reader")
    iam.delete_policy(PolicyArn=first["Arn"])
    second = make_policy(iam, "reader")
    assert second["Arn"] == first["Arn"]
    assert second["PolicyId"] != first["PolicyId"]
