"""Access keys: lifecycle, quota, paging, and signing with them (reference 2.5, 2.6, 4.5)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from botocore.exceptions import ClientError
from helpers import allow, error_of, needs_enum_value

from pytest_iamfake import UsageError, fake_iam

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"


def key_ids(iam, user: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [k["AccessKeyId"] for k in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]]


def test_create_access_key_shape(iam):
    key = iam.create_access_key(UserName="alice")["AccessKey"]
    assert set(key) == {"UserName", "AccessKeyId", "Status", "SecretAccessKey", "CreateDate"}
    assert key["UserName"] == "alice"
    assert key["Status"] == "Active"
    assert re.fullmatch(r"AKIA[A-Z2-7]{16}", key["AccessKeyId"])
    assert len(key["SecretAccessKey"]) == 40
    assert key["CreateDate"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def test_key_ids_are_deterministic_and_never_repeat():
    def run() -> list[str]:
        with fake_iam(users=["alice"]) as fake:
            iam = fake.client()
            first = fake.add_access_key("alice")["AccessKeyId"]
            iam.delete_access_key(UserName="alice", AccessKeyId=first)
            return [first, fake.add_access_key("alice")["AccessKeyId"]]

    ids = run()
    assert ids == run()
    assert ids[0] != ids[1]


def test_third_key_exceeds_the_quota(iam):
    iam.create_access_key(UserName="alice")
    iam.create_access_key(UserName="alice")
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        iam.create_access_key(UserName="alice")
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2")
    iam.create_access_key(UserName="bob")  # the quota is per user


def test_list_in_creation_order_with_paging(iamfake, iam):
    first = iamfake.add_access_key("alice")["AccessKeyId"]
    iamfake.clock.advance(60)
    second = iamfake.add_access_key("alice")["AccessKeyId"]
    listed = iam.list_access_keys(UserName="alice")
    assert listed["IsTruncated"] is False
    assert "Marker" not in listed
    assert [k["AccessKeyId"] for k in listed["AccessKeyMetadata"]] == [first, second]
    assert set(listed["AccessKeyMetadata"][0]) == {"UserName", "AccessKeyId", "Status", "CreateDate"}
    page = iam.list_access_keys(UserName="alice", MaxItems=1)
    assert page["IsTruncated"] is True
    assert [k["AccessKeyId"] for k in page["AccessKeyMetadata"]] == [first]
    rest = iam.list_access_keys(UserName="alice", MaxItems=1, Marker=page["Marker"])
    assert [k["AccessKeyId"] for k in rest["AccessKeyMetadata"]] == [second]
    assert rest["IsTruncated"] is False
    pages = iam.get_paginator("list_access_keys").paginate(UserName="alice", PaginationConfig={"PageSize": 1})
    assert [k["AccessKeyId"] for p in pages for k in p["AccessKeyMetadata"]] == [first, second]


def test_user_without_keys_lists_none(iam):
    assert iam.list_access_keys(UserName="bob")["AccessKeyMetadata"] == []


@pytest.mark.parametrize("op", ["create_access_key", "list_access_keys"])
def test_missing_user_is_no_such_entity(iam, op):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        getattr(iam, op)(UserName="ghost")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name ghost cannot be found.")


def test_update_status(iamfake, iam):
    key_id = iamfake.add_access_key("alice")["AccessKeyId"]
    iam.update_access_key(UserName="alice", AccessKeyId=key_id, Status="Inactive")
    assert iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["Status"] == "Inactive"
    iam.update_access_key(UserName="alice", AccessKeyId=key_id, Status="Active")
    assert iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["Status"] == "Active"


@pytest.mark.parametrize("op", ["update_access_key", "delete_access_key"])
def test_unknown_or_foreign_key_is_no_such_entity(iamfake, iam, op):
    bobs = iamfake.add_access_key("bob")["AccessKeyId"]
    kwargs = {"Status": "Inactive"} if op == "update_access_key" else {}
    for key_id in ("AKIAIOSFODNN7EXAMPLE", bobs):
        with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
            getattr(iam, op)(UserName="alice", AccessKeyId=key_id, **kwargs)
        assert error_of(exc_info) == ("NoSuchEntity", 404, f"The Access Key with id {key_id} cannot be found.")
    assert key_ids(iam, "bob") == [bobs]


@needs_enum_value("iam", "statusType", "Expired")
def test_bad_status_values(iamfake, iam):
    key_id = iamfake.add_access_key("alice")["AccessKeyId"]
    with pytest.raises(ClientError) as exc_info:
        iam.update_access_key(UserName="alice", AccessKeyId=key_id, Status="inactive")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'status' failed to satisfy constraint: "
        "Member must satisfy enum value set",
    )
    with pytest.raises(iam.exceptions.InvalidInputException):
        iam.update_access_key(UserName="alice", AccessKeyId=key_id, Status="Expired")
    assert iam.list_access_keys(UserName="alice")["AccessKeyMetadata"][0]["Status"] == "Active"


def test_delete_access_key_then_delete_user(iamfake, iam):
    key_id = iamfake.add_access_key("alice")["AccessKeyId"]
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName="alice")
    assert error_of(exc_info) == ("DeleteConflict", 409, "Cannot delete entity, must delete access keys first.")
    iam.delete_access_key(UserName="alice", AccessKeyId=key_id)
    assert key_ids(iam, "alice") == []
    iam.delete_user(UserName="alice")


# --- signing with keys -------------------------------------------------------------------


def test_a_new_key_signs_as_its_user(iamfake):
    allow(iamfake, "alice")
    key = iamfake.add_access_key("alice")
    alice = iamfake.client(aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    assert alice.get_user()["User"]["UserName"] == "alice"


def test_inactive_key_is_an_invalid_client_token(iamfake, iam):
    allow(iamfake, "alice")
    alice = iamfake.client(user="alice")
    key_id = key_ids(iam, "alice")[0]
    iam.update_access_key(UserName="alice", AccessKeyId=key_id, Status="Inactive")
    with pytest.raises(ClientError) as exc_info:
        alice.get_user()
    assert error_of(exc_info) == ("InvalidClientTokenId", 403, "The security token included in the request is invalid.")
    with pytest.raises(ClientError, match="InvalidClientTokenId"):
        iamfake.client("sts", aws_access_key_id=key_id, aws_secret_access_key="x").get_caller_identity()
    iam.update_access_key(UserName="alice", AccessKeyId=key_id, Status="Active")
    assert alice.get_user()["User"]["UserName"] == "alice"


def test_deleted_key_is_an_invalid_client_token_not_root(iamfake, iam):
    alice = iamfake.client(user="alice")
    iam.delete_access_key(UserName="alice", AccessKeyId=key_ids(iam, "alice")[0])
    with pytest.raises(ClientError) as exc_info:
        alice.list_users()
    assert error_of(exc_info)[:2] == ("InvalidClientTokenId", 403)
    assert iamfake.calls[-1].caller == f"arn:aws:iam::{ACCOUNT}:user/alice"


def test_a_key_can_delete_itself(iamfake, iam):
    allow(iamfake, "alice")
    alice = iamfake.client(user="alice")
    key_id = key_ids(iam, "alice")[0]
    alice.delete_access_key(AccessKeyId=key_id)
    assert key_ids(iam, "alice") == []


def test_root_without_user_name_acts_on_its_own_keys(iamfake, iam):
    key = iam.create_access_key()["AccessKey"]
    assert key["UserName"] == ACCOUNT
    assert [k["AccessKeyId"] for k in iam.list_access_keys()["AccessKeyMetadata"]] == [key["AccessKeyId"]]
    assert key_ids(iam, "alice") == []
    root = iamfake.client("sts", aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    assert root.get_caller_identity()["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"
    iam.update_access_key(AccessKeyId=key["AccessKeyId"], Status="Inactive")
    with pytest.raises(ClientError, match="InvalidClientTokenId"):
        root.get_caller_identity()
    iam.delete_access_key(AccessKeyId=key["AccessKeyId"])
    assert iam.list_access_keys()["AccessKeyMetadata"] == []


# --- the arrange helpers -----------------------------------------------------------------


def test_add_access_key_returns_the_secret_and_is_not_recorded(iamfake, iam):
    key = iamfake.add_access_key("alice")
    assert {"AccessKeyId", "SecretAccessKey", "Status", "UserName"} <= set(key)
    assert iamfake.calls == []
    assert key_ids(iam, "alice") == [key["AccessKeyId"]]


def test_add_access_key_errors_are_usage_errors(iamfake):
    with pytest.raises(UsageError, match="The user with name ghost cannot be found"):
        iamfake.add_access_key("ghost")
    iamfake.add_access_key("alice")
    iamfake.add_access_key("alice")
    with pytest.raises(UsageError, match="Cannot exceed quota for AccessKeysPerUser: 2"):
        iamfake.add_access_key("alice")


def test_client_for_a_user_reuses_an_active_key(iamfake, iam):
    key = iamfake.add_access_key("alice")
    assert iamfake.client("sts", user="alice").get_caller_identity()["Arn"] == f"arn:aws:iam::{ACCOUNT}:user/alice"
    assert key_ids(iam, "alice") == [key["AccessKeyId"]]
    assert iamfake.calls[-2].caller == f"arn:aws:iam::{ACCOUNT}:user/alice"


def test_client_for_a_user_without_keys_makes_one(iamfake, iam):
    allow(iamfake, "alice")
    assert iamfake.client(user="alice").get_user()["User"]["UserName"] == "alice"
    assert len(key_ids(iam, "alice")) == 1


def test_client_for_a_missing_user_is_a_usage_error(iamfake):
    with pytest.raises(UsageError, match="no IAM user 'ghost'"):
        iamfake.client(user="ghost")


def test_client_for_a_user_refuses_other_credentials(iamfake):
    with pytest.raises(UsageError, match="aws_access_key_id"):
        iamfake.client(user="alice", aws_access_key_id="AKIAIOSFODNN7EXAMPLE")
