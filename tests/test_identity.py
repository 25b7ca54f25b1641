"""Who is calling: an omitted UserName, and GetCallerIdentity (reference 2.5, 4.5)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from helpers import allow, error_of

pytestmark = pytest.mark.iamfake(users=["alice"])
ACCOUNT = "123456789012"
GOOD = "Str0ng!Passw0rd"
NON_USER = "Must specify userName when calling with non-User credentials"


@pytest.fixture
def alice(iamfake):  # type: ignore[no-untyped-def]
    allow(iamfake, "alice")  # everything on her own user: these tests are about who "self" is
    return iamfake.client(user="alice")


def test_get_user_without_name_is_the_calling_user(iamfake, alice):
    assert alice.get_user()["User"] == iamfake.client().get_user(UserName="alice")["User"]


def test_get_user_without_name_as_root_is_the_root(iam):
    user = iam.get_user()["User"]
    assert set(user) == {"UserId", "Arn", "CreateDate"}
    assert (user["UserId"], user["Arn"]) == (ACCOUNT, f"arn:aws:iam::{ACCOUNT}:root")


def test_login_profile_ops_without_name_act_on_the_calling_user(iamfake, alice):
    created = alice.create_login_profile(Password=GOOD)["LoginProfile"]
    assert created["UserName"] == "alice"
    assert alice.get_login_profile()["LoginProfile"]["UserName"] == "alice"
    assert iamfake.check_password("alice", GOOD)
    alice.delete_login_profile()
    assert not iamfake.check_password("alice", GOOD)


def test_access_key_ops_without_name_act_on_the_calling_user(iamfake, alice):
    own = alice.list_access_keys()["AccessKeyMetadata"]
    assert [k["UserName"] for k in own] == ["alice"]
    new = alice.create_access_key()["AccessKey"]
    assert new["UserName"] == "alice"
    alice.update_access_key(AccessKeyId=new["AccessKeyId"], Status="Inactive")
    alice.delete_access_key(AccessKeyId=new["AccessKeyId"])
    assert alice.list_access_keys()["AccessKeyMetadata"] == own


@pytest.mark.parametrize("op", ["create_login_profile", "get_login_profile", "delete_login_profile"])
def test_root_long_term_credentials_must_name_the_user(iam, op):
    kwargs = {"Password": GOOD} if op == "create_login_profile" else {}
    with pytest.raises(ClientError) as exc_info:
        getattr(iam, op)(**kwargs)
    assert error_of(exc_info) == ("ValidationError", 400, NON_USER)


def test_caller_identity_of_root(iamfake):
    identity = iamfake.client("sts").get_caller_identity()
    assert {k: identity[k] for k in ("UserId", "Account", "Arn")} == {
        "UserId": ACCOUNT,
        "Account": ACCOUNT,
        "Arn": f"arn:aws:iam::{ACCOUNT}:root",
    }


def test_caller_identity_of_a_user(iamfake):
    iamfake.add_user("carol", path="/staff/")
    identity = iamfake.client("sts", user="carol").get_caller_identity()
    user_id = iamfake.client().get_user(UserName="carol")["User"]["UserId"]
    assert user_id.startswith("AIDA")
    assert {k: identity[k] for k in ("UserId", "Account", "Arn")} == {
        "UserId": user_id,
        "Account": ACCOUNT,
        "Arn": f"arn:aws:iam::{ACCOUNT}:user/staff/carol",
    }


def test_unknown_credentials_act_as_the_root(iamfake):
    sts = iamfake.client("sts", aws_access_key_id="AKIAHARDCODEDEXAMPLE", aws_secret_access_key="x" * 40)
    assert sts.get_caller_identity()["Arn"] == f"arn:aws:iam::{ACCOUNT}:root"


def test_calls_record_the_caller(iamfake, alice):
    alice.get_user()
    iamfake.client().get_user(UserName="alice")
    assert [c.caller for c in iamfake.calls] == [
        f"arn:aws:iam::{ACCOUNT}:user/alice",
        f"arn:aws:iam::{ACCOUNT}:root",
    ]
