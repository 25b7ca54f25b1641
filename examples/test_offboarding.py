"""Tests of the offboarding app, written with pytest-iamfake."""

from __future__ import annotations

import offboarding
import pytest
from botocore.exceptions import ClientError
from offboarding import offboard

POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}'


@pytest.fixture
def alice(iamfake):
    """A user with everything offboarding must remove."""
    iamfake.add_group("staff")
    iamfake.add_group("admins")
    iamfake.add_user("alice", groups=["staff", "admins"], tags={"team": "blue"})
    iamfake.add_login_profile("alice", "Str0ng!Passw0rd")
    iamfake.add_access_key("alice")
    iamfake.add_access_key("alice")
    iam = iamfake.client()
    iam.put_user_policy(UserName="alice", PolicyName="read-reports", PolicyDocument=POLICY)
    return "alice"


def test_offboarding_removes_everything_then_the_user(iamfake, alice):
    removed = offboard(alice)

    assert removed[0] == "login profile"
    assert sum(item.startswith("access key") for item in removed) == 2
    assert removed[-3:] == ["inline policy read-reports", "membership of admins", "membership of staff"]
    iam = iamfake.client()
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_user(UserName=alice)
    assert iam.get_group(GroupName="staff")["Users"] == []
    iamfake.assert_called("delete_user", UserName=alice, times=1)


def test_offboarding_removes_certificates_ssh_keys_and_service_credentials(iamfake):
    from pathlib import Path

    data = Path(__file__).parent.parent / "tests" / "data"
    iamfake.add_user("dana")
    iam = iamfake.client()
    iam.upload_signing_certificate(UserName="dana", CertificateBody=(data / "cert_1.pem").read_text())
    iam.upload_ssh_public_key(UserName="dana", SSHPublicKeyBody=(data / "ssh_rsa_2048.pub").read_text())
    iam.create_service_specific_credential(UserName="dana", ServiceName="codecommit.amazonaws.com")

    removed = offboard("dana")

    kinds = [item.rsplit(" ", 1)[0] for item in removed]
    assert kinds == ["signing certificate", "SSH public key", "service credential"]
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_user(UserName="dana")


def test_offboarding_a_user_with_nothing_attached(iamfake):
    iamfake.add_user("bob")

    assert offboard("bob") == []


def test_offboarding_removes_every_inline_policy(iamfake):
    iamfake.add_user("carol")
    iam = iamfake.client()
    for index in range(20):  # as many as fit in IAM's 2,048 characters per user
        iam.put_user_policy(UserName="carol", PolicyName=f"p{index:02d}", PolicyDocument=POLICY)

    assert len(offboard("carol")) == 20
    assert len(iamfake.get_calls("delete_user_policy")) == 20


def test_deleting_the_user_first_fails_with_delete_conflict(iamfake, alice):
    iam = iamfake.client()

    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName=alice)

    assert exc_info.value.response["Error"]["Message"] == "Cannot delete entity, must delete login profile first."


def test_forgetting_group_memberships_fails_like_iam(iamfake, alice, monkeypatch):
    monkeypatch.setattr(
        offboarding, "STEPS", [s for s in offboarding.STEPS if s.__name__ != "remove_group_memberships"]
    )

    with pytest.raises(ClientError) as exc_info:
        offboard(alice)

    error = exc_info.value.response["Error"]
    assert (error["Code"], error["Message"]) == (
        "DeleteConflict",
        "Cannot delete entity, must remove users from group first.",
    )
    assert iamfake.client().get_user(UserName=alice)["User"]["UserName"] == alice  # still there


def test_offboarding_an_unknown_user_stops_at_the_first_listing(iamfake):
    with pytest.raises(ClientError, match=r"The user with name ghost cannot be found\."):
        offboard("ghost")
    iamfake.assert_not_called("delete_user")
