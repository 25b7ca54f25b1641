"""IAM's policy simulator, answered by the same engine that authorizes calls (botocore model docs)."""

from __future__ import annotations

import json

import pytest
from botocore.exceptions import ClientError
from helpers import error_of

pytestmark = pytest.mark.iamfake(users=["alice"])
ACCOUNT = "123456789012"
ALICE = f"arn:aws:iam::{ACCOUNT}:user/alice"
OWN = {
    "Version": "2012-10-17",
    "Statement": [
        {"Sid": "Own", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "arn:aws:iam::*:user/${aws:username}"},
        {
            "Sid": "NoDeleteWithoutMFA",
            "Effect": "Deny",
            "Action": "iam:DeleteUser",
            "Resource": "*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}},
        },
    ],
}
TEXT = json.dumps(OWN, indent=2)  # statement 1 spans lines 3-8, statement 2 lines 9-20


def position(line: int, column: int) -> dict[str, int]:
    return {"Line": line, "Column": column}


@pytest.fixture
def alice_policy(iam):  # type: ignore[no-untyped-def]
    iam.put_user_policy(UserName="alice", PolicyName="own", PolicyDocument=TEXT)


def test_principal_policy_allows_with_the_statement_and_its_position(iam, alice_policy):
    result = iam.simulate_principal_policy(PolicySourceArn=ALICE, ActionNames=["iam:GetUser"])["EvaluationResults"]
    assert result == [
        {
            "EvalActionName": "iam:GetUser",
            "EvalResourceName": "*",
            "EvalDecision": "implicitDeny",  # "*" is not alice's own user ARN
            "MatchedStatements": [],
            "MissingContextValues": [],
        }
    ]
    own = iam.simulate_principal_policy(PolicySourceArn=ALICE, ActionNames=["iam:GetUser"], ResourceArns=[ALICE])
    (answer,) = own["EvaluationResults"]
    assert answer["EvalDecision"] == "allowed"
    statement = {
        "SourcePolicyId": "own",
        "SourcePolicyType": "user",
        "StartPosition": position(4, 5),
        "EndPosition": position(9, 6),
    }
    assert answer["MatchedStatements"] == [statement]
    assert answer["ResourceSpecificResults"] == [
        {
            "EvalResourceName": ALICE,
            "EvalResourceDecision": "allowed",
            "MatchedStatements": [statement],
            "MissingContextValues": [],
        }
    ]
    assert answer["EvalDecisionDetails"] == {}


def test_explicit_deny_reports_only_the_deny_and_missing_context(iam, alice_policy):
    (missing,) = iam.simulate_principal_policy(PolicySourceArn=ALICE, ActionNames=["iam:DeleteUser"])[
        "EvaluationResults"
    ]
    assert (missing["EvalDecision"], missing["MissingContextValues"]) == (
        "implicitDeny",
        ["aws:MultiFactorAuthPresent"],
    )
    (denied,) = iam.simulate_principal_policy(
        PolicySourceArn=ALICE,
        ActionNames=["iam:DeleteUser"],
        ContextEntries=[
            {"ContextKeyName": "aws:MultiFactorAuthPresent", "ContextKeyValues": ["false"], "ContextKeyType": "boolean"}
        ],
    )["EvaluationResults"]
    assert denied["EvalDecision"] == "explicitDeny"
    assert [s["StartPosition"] for s in denied["MatchedStatements"]] == [position(10, 5)]
    assert denied["MissingContextValues"] == []


def test_group_policies_are_part_of_a_users_simulation(iamfake, iam):
    iamfake.add_group("readers", users=["alice"])
    iam.put_group_policy(
        GroupName="readers",
        PolicyName="read",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:List*", "Resource": "*"}]}
        ),
    )
    results = iam.simulate_principal_policy(PolicySourceArn=ALICE, ActionNames=["iam:ListUsers", "iam:CreateUser"])
    decisions = {r["EvalActionName"]: r["EvalDecision"] for r in results["EvaluationResults"]}
    assert decisions == {"iam:ListUsers": "allowed", "iam:CreateUser": "implicitDeny"}
    (listed,) = [r for r in results["EvaluationResults"] if r["EvalDecision"] == "allowed"]
    assert [(s["SourcePolicyId"], s["SourcePolicyType"]) for s in listed["MatchedStatements"]] == [("read", "group")]
    group = iam.simulate_principal_policy(
        PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:group/readers", ActionNames=["iam:ListGroups"]
    )
    assert group["EvaluationResults"][0]["EvalDecision"] == "allowed"


def test_a_boundary_passed_in_replaces_the_users_own(iam, alice_policy):
    boundary = json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:List*", "Resource": "*"}]}
    )
    (answer,) = iam.simulate_principal_policy(
        PolicySourceArn=ALICE,
        ActionNames=["iam:GetUser"],
        ResourceArns=[ALICE],
        PermissionsBoundaryPolicyInputList=[boundary],
    )["EvaluationResults"]
    assert answer["EvalDecision"] == "implicitDeny"
    assert answer["PermissionsBoundaryDecisionDetail"] == {"AllowedByPermissionsBoundary": False}


def test_custom_policy_names_inputs_by_position(iam):
    allow_list = json.dumps(
        {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "iam:List*", "Resource": "*"}}
    )
    (answer,) = iam.simulate_custom_policy(PolicyInputList=[TEXT, allow_list], ActionNames=["iam:ListUsers"])[
        "EvaluationResults"
    ]
    assert answer["EvalDecision"] == "allowed"
    assert [(s["SourcePolicyId"], s["SourcePolicyType"]) for s in answer["MatchedStatements"]] == [
        ("PolicyInputList.2", "none")
    ]


def test_custom_policy_with_a_caller_resolves_its_user_name(iam):
    results = iam.simulate_custom_policy(
        PolicyInputList=[TEXT], ActionNames=["iam:GetUser"], ResourceArns=[ALICE], CallerArn=ALICE
    )["EvaluationResults"]
    assert results[0]["EvalDecision"] == "allowed"


def test_results_page_with_the_paginator(iam):
    actions = [f"iam:List{name}" for name in ("Users", "Groups", "Roles", "Policies", "AccessKeys")]
    pages = iam.get_paginator("simulate_custom_policy").paginate(
        PolicyInputList=[TEXT], ActionNames=actions, PaginationConfig={"PageSize": 2}
    )
    seen = [[r["EvalActionName"] for r in p["EvaluationResults"]] for p in pages]
    assert seen == [actions[:2], actions[2:4], actions[4:]]


def test_a_malformed_input_policy_is_invalid_input(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.simulate_custom_policy(PolicyInputList=['{"Statement": []}'], ActionNames=["iam:GetUser"])
    assert error_of(exc_info)[:2] == ("InvalidInput", 400)


def test_an_unknown_source_is_no_such_entity(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.simulate_principal_policy(PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:user/ghost", ActionNames=["iam:GetUser"])
    with pytest.raises(iam.exceptions.InvalidInputException):
        iam.simulate_principal_policy(PolicySourceArn="arn:aws:s3:::a-bucket-name", ActionNames=["iam:GetUser"])


def test_the_simulator_agrees_with_enforcement(iamfake, iam, alice_policy):
    alice = iamfake.client(user="alice")
    assert alice.get_user()["User"]["UserName"] == "alice"
    with pytest.raises(ClientError):
        alice.get_user(UserName="bob")
    answers = iam.simulate_principal_policy(
        PolicySourceArn=ALICE, ActionNames=["iam:GetUser"], ResourceArns=[ALICE, f"arn:aws:iam::{ACCOUNT}:user/bob"]
    )["EvaluationResults"][0]["ResourceSpecificResults"]
    assert [a["EvalResourceDecision"] for a in answers] == ["allowed", "implicitDeny"]


def test_a_roles_policies_are_simulated(iamfake, iam):
    iamfake.add_role("app")
    iam.put_role_policy(
        RoleName="app",
        PolicyName="list",
        PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:List*", "Resource": "*"}]}
        ),
    )
    results = iam.simulate_principal_policy(
        PolicySourceArn=f"arn:aws:iam::{ACCOUNT}:role/app", ActionNames=["iam:ListUsers", "iam:DeleteRole"]
    )["EvaluationResults"]
    assert [(r["EvalActionName"], r["EvalDecision"]) for r in results] == [
        ("iam:ListUsers", "allowed"),
        ("iam:DeleteRole", "implicitDeny"),
    ]
    assert results[0]["MatchedStatements"][0]["SourcePolicyType"] == "role"
