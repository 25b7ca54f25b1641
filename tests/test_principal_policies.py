"""What a principal's permissions are made of, for the authorization evaluator:
policies.policies_of_user, roles.policies_of_role and policies.boundary_of."""

from __future__ import annotations

import json

from pytest_iamfake.model import policies, roles

DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
DENY = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
CHANGE_PASSWORD = "arn:aws:iam::aws:policy/IAMUserChangePassword"


def account_of(iamfake):
    return iamfake.backend.account(iamfake.options.account_id)


def test_user_policies_are_labelled_by_source(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    iamfake.add_user("bob", policies=[arn, CHANGE_PASSWORD])
    account = account_of(iamfake)
    found = policies.policies_of_user(account, account.require_user("bob"))
    labels = [label for label, _ in found]
    assert labels == [f"user bob attached {arn}", f"user bob attached {CHANGE_PASSWORD}"]
    assert found[0][1] == DOC
    assert found[1][1]["Statement"][1]["Action"] == ["iam:GetAccountPasswordPolicy"]


def test_a_new_default_version_is_what_counts(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    iamfake.add_user("bob", policies=[arn])
    iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(DENY), SetAsDefault=True)
    account = account_of(iamfake)
    assert policies.policies_of_user(account, account.require_user("bob")) == [(f"user bob attached {arn}", DENY)]


def test_role_policies_and_boundary(iamfake, iam):
    arn = iamfake.add_policy("reader", DOC)
    boundary = iamfake.add_policy("limit", DENY)
    iamfake.add_role("worker", policies=[arn])
    iam.put_role_policy(RoleName="worker", PolicyName="inline", PolicyDocument=json.dumps(DENY))
    iam.put_role_permissions_boundary(RoleName="worker", PermissionsBoundary=boundary)
    account = account_of(iamfake)
    role = roles.require_role(account, "worker")
    assert roles.policies_of_role(account, role) == [
        ("role worker inline inline", DENY),
        (f"role worker attached {arn}", DOC),
    ]
    assert policies.boundary_of(account, role) == DENY
    iam.delete_role_permissions_boundary(RoleName="worker")
    assert policies.boundary_of(account, role) is None
    assert roles.trust_policy_of(role)["Statement"][0]["Action"] == "sts:AssumeRole"
