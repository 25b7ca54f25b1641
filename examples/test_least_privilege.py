"""The onboarding app run as the role it runs as in production, with a hand-written policy.

Least privilege, tested: the policy must allow every action `onboard` needs, and nothing more.
A missing action surfaces as IAM's own AccessDenied, and `iamfake.explain` says which statement
would have had to match.
"""

from __future__ import annotations

import copy

import pytest
from app import CHANGE_OWN_PASSWORD, onboard
from botocore.exceptions import ClientError

ACCOUNT = "123456789012"
# What the onboarding role may do: create users (tagging them on the way), add them to the
# staff groups, attach exactly one managed policy, and give them a console password.
ONBOARDING_POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "CreateUsers",
            "Effect": "Allow",
            "Action": ["iam:CreateUser", "iam:TagUser", "iam:CreateLoginProfile"],
            "Resource": f"arn:aws:iam::{ACCOUNT}:user/*",
        },
        {
            "Sid": "StaffGroupsOnly",
            "Effect": "Allow",
            "Action": "iam:AddUserToGroup",
            "Resource": f"arn:aws:iam::{ACCOUNT}:group/staff-*",
        },
        {
            "Sid": "OnlyChangeOwnPassword",
            "Effect": "Allow",
            "Action": "iam:AttachUserPolicy",
            "Resource": f"arn:aws:iam::{ACCOUNT}:user/*",
            "Condition": {"ArnEquals": {"iam:PolicyARN": CHANGE_OWN_PASSWORD}},
        },
    ],
}


@pytest.fixture
def onboarding_role(iamfake):  # type: ignore[no-untyped-def]
    """The role with ONBOARDING_POLICY as its only policy; returns a client signed as a session of it."""

    def make(policy: dict = ONBOARDING_POLICY):  # type: ignore[type-arg]
        iamfake.add_role("onboarding", policies=[iamfake.add_policy("onboarding", policy)])
        return iamfake.client("iam", role="onboarding")

    return make


def test_the_policy_allows_everything_onboarding_does(iamfake, onboarding_role):
    iamfake.add_group("staff-engineering")

    outcome = onboard("alice", iam=onboarding_role(), groups=["staff-engineering"])

    assert outcome.ok, outcome.message
    assert iamfake.client().get_login_profile(UserName="alice")["LoginProfile"]["PasswordResetRequired"]


def test_a_missing_action_surfaces_as_iams_access_denied(iamfake, onboarding_role):
    # Forget iam:TagUser: the app never calls TagUser, but CreateUser with Tags needs it.
    policy = copy.deepcopy(ONBOARDING_POLICY)
    policy["Statement"][0]["Action"].remove("iam:TagUser")

    with pytest.raises(ClientError) as exc_info:
        onboard("alice", iam=onboarding_role(policy))

    assert exc_info.value.response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/onboarding/iamfake is not authorized to perform: "
        f"iam:TagUser on resource: arn:aws:iam::{ACCOUNT}:user/alice "
        "because no identity-based policy allows the iam:TagUser action"
    )
    # The refused call carries the explanation; explain() gives the same for any question.
    refused = iamfake.get_call("CreateUser")
    assert "statement 0 (Sid CreateUsers), Allow: no match: action iam:TagUser is not in Action" in refused.explanation
    decision = iamfake.explain("onboarding", "iam:TagUser", f"arn:aws:iam::{ACCOUNT}:user/alice")
    assert decision.decision == "implicitDeny"


def test_the_policy_allows_nothing_more(iamfake, onboarding_role):
    onboarding_role()
    user = f"arn:aws:iam::{ACCOUNT}:user/alice"
    iamfake.assert_denied(
        "onboarding", "iam:AttachUserPolicy", user, {"iam:PolicyARN": "arn:aws:iam::aws:policy/AdministratorAccess"}
    )
    iamfake.assert_denied("onboarding", "iam:AddUserToGroup", f"arn:aws:iam::{ACCOUNT}:group/admins")
    iamfake.assert_denied("onboarding", "iam:DeleteUser", user)
    iamfake.assert_allowed("onboarding", "iam:AttachUserPolicy", user, {"iam:PolicyARN": CHANGE_OWN_PASSWORD})


def test_onboarding_into_a_group_the_role_may_not_touch_is_refused(iamfake, onboarding_role):
    iamfake.add_group("admins")

    with pytest.raises(ClientError) as exc_info:
        onboard("alice", iam=onboarding_role(), groups=["admins"])

    assert exc_info.value.response["Error"]["Message"].endswith(
        "iam:AddUserToGroup on resource: group admins because no identity-based policy allows the "
        "iam:AddUserToGroup action"
    )
