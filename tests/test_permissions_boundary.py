"""PutUserPermissionsBoundary, DeleteUserPermissionsBoundary (reference iam-entities.md §2.3)."""

from __future__ import annotations

import pytest
from helpers import error_of

AWS_MANAGED = "arn:aws:iam::aws:policy/PowerUserAccess"


def test_put_and_delete_a_boundary(iam):
    iam.create_user(UserName="bob")
    iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=AWS_MANAGED)
    assert iam.get_user(UserName="bob")["User"]["PermissionsBoundary"] == {
        "PermissionsBoundaryType": "Policy",
        "PermissionsBoundaryArn": AWS_MANAGED,
    }
    assert "PermissionsBoundary" not in iam.list_users()["Users"][0]
    iam.delete_user_permissions_boundary(UserName="bob")
    assert "PermissionsBoundary" not in iam.get_user(UserName="bob")["User"]
    iam.delete_user_permissions_boundary(UserName="bob")  # none left: still fine


def test_create_user_with_a_boundary(iam):
    user = iam.create_user(UserName="bob", PermissionsBoundary=AWS_MANAGED)["User"]
    assert user["PermissionsBoundary"]["PermissionsBoundaryArn"] == AWS_MANAGED


@pytest.mark.parametrize(
    "arn", ["arn:aws:iam::123456789012:not_a_policy/invalid", "arn:aws:iam::123456789012:user/bob"]
)
def test_an_arn_that_is_no_policy_arn(iam, arn):
    iam.create_user(UserName="bob")
    with pytest.raises(iam.exceptions.InvalidInputException) as exc_info:
        iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=arn)
    assert error_of(exc_info) == ("InvalidInput", 400, f"ARN {arn} is not valid.")
    assert "PermissionsBoundary" not in iam.get_user(UserName="bob")["User"]


@pytest.mark.parametrize(
    "arn", ["arn:aws:iam::123456789012:policy/missing", "arn:aws:iam::aws:policy/NoSuchAwsManagedPolicy"]
)
def test_a_policy_that_does_not_exist(iam, arn):
    iam.create_user(UserName="bob")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.put_user_permissions_boundary(UserName="bob", PermissionsBoundary=arn)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"Scope ARN: {arn} does not exist or is not attachable.")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.create_user(UserName="carol", PermissionsBoundary=arn)
    assert [u["UserName"] for u in iam.list_users()["Users"]] == ["bob"]


@pytest.mark.parametrize("op", ["put_user_permissions_boundary", "delete_user_permissions_boundary"])
def test_unknown_user(iam, op):
    params = {"UserName": "nobody"}
    if op.startswith("put"):
        params["PermissionsBoundary"] = AWS_MANAGED
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(**params)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_a_boundary_does_not_block_delete_user(iam):
    iam.create_user(UserName="bob", PermissionsBoundary=AWS_MANAGED, Tags=[{"Key": "k", "Value": "v"}])
    iam.delete_user(UserName="bob")
