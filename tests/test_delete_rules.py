"""IAM's delete rules for users and groups (reference iam-entities.md Appendix C): each
DeleteConflict row, and the INFERRED order when several apply."""

from __future__ import annotations

import pytest
from helpers import POLICY, data, error_of

GOOD = "Str0ng!Passw0rd"


def conflict(iam, call):
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        call()
    code, status, message = error_of(exc_info)
    assert (code, status) == ("DeleteConflict", 409)
    return message


# Each thing that keeps DeleteUser from deleting "bob": arrange it, and return how to remove it.


def _login_profile(iamfake, iam):  # type: ignore[no-untyped-def]
    iamfake.add_login_profile("bob", GOOD)
    return lambda: iam.delete_login_profile(UserName="bob")


def _access_key(iamfake, iam):  # type: ignore[no-untyped-def]
    key_id = iamfake.add_access_key("bob")["AccessKeyId"]
    return lambda: iam.delete_access_key(UserName="bob", AccessKeyId=key_id)


def _certificate(iamfake, iam):  # type: ignore[no-untyped-def]
    cert = iam.upload_signing_certificate(UserName="bob", CertificateBody=data("cert_1.pem"))["Certificate"]
    return lambda: iam.delete_signing_certificate(UserName="bob", CertificateId=cert["CertificateId"])


def _ssh_key(iamfake, iam):  # type: ignore[no-untyped-def]
    key = iam.upload_ssh_public_key(UserName="bob", SSHPublicKeyBody=data("ssh_rsa_2048.pub"))["SSHPublicKey"]
    return lambda: iam.delete_ssh_public_key(UserName="bob", SSHPublicKeyId=key["SSHPublicKeyId"])


def _service_credential(iamfake, iam):  # type: ignore[no-untyped-def]
    made = iam.create_service_specific_credential(UserName="bob", ServiceName="codecommit.amazonaws.com")
    cred_id = made["ServiceSpecificCredential"]["ServiceSpecificCredentialId"]
    return lambda: iam.delete_service_specific_credential(UserName="bob", ServiceSpecificCredentialId=cred_id)


def _mfa_device(iamfake, iam):  # type: ignore[no-untyped-def]
    serial = iamfake.add_mfa_device("bob")
    return lambda: iam.deactivate_mfa_device(UserName="bob", SerialNumber=serial)  # a deactivated one does not block


def _inline_policy(iamfake, iam):  # type: ignore[no-untyped-def]
    iam.put_user_policy(UserName="bob", PolicyName="p", PolicyDocument=POLICY)
    return lambda: iam.delete_user_policy(UserName="bob", PolicyName="p")


def _attached_policy(iamfake, iam):  # type: ignore[no-untyped-def]
    arn = iamfake.add_policy("p", POLICY)
    iam.attach_user_policy(UserName="bob", PolicyArn=arn)
    return lambda: iam.detach_user_policy(UserName="bob", PolicyArn=arn)


def _group(iamfake, iam):  # type: ignore[no-untyped-def]
    iamfake.add_group("devs", users=["bob"])
    return lambda: iam.remove_user_from_group(UserName="bob", GroupName="devs")


BLOCKERS = [
    (_login_profile, "Cannot delete entity, must delete login profile first."),
    (_access_key, "Cannot delete entity, must delete access keys first."),
    (_certificate, "Cannot delete entity, must delete certificates first."),
    (_ssh_key, "Cannot delete entity, must remove referenced objects first."),
    (_service_credential, "Cannot delete entity, must remove referenced objects first."),
    (_mfa_device, "Cannot delete entity, must delete MFA device first."),
    (_inline_policy, "Cannot delete entity, must delete policies first."),
    (_attached_policy, "Cannot delete entity, must detach all policies first."),
    (_group, "Cannot delete entity, must remove users from group first."),
]


@pytest.mark.parametrize(("blocker", "message"), BLOCKERS, ids=[arrange.__name__[1:] for arrange, _ in BLOCKERS])
def test_delete_user_refuses_while_one_thing_remains(iamfake, iam, blocker, message):
    iamfake.add_user("bob")
    remove = blocker(iamfake, iam)
    assert conflict(iam, lambda: iam.delete_user(UserName="bob")) == message
    assert iam.get_user(UserName="bob")["User"]["UserName"] == "bob"  # nothing was deleted
    remove()
    iam.delete_user(UserName="bob")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_user(UserName="bob")


def test_delete_user_reports_conflicts_in_the_documented_removal_order(iamfake, iam):
    iamfake.add_group("devs")
    iamfake.add_user("bob", groups=["devs"])
    iamfake.add_login_profile("bob", GOOD)
    iamfake.add_access_key("bob")
    iam.put_user_policy(UserName="bob", PolicyName="p", PolicyDocument=POLICY)
    seen = []
    undo = [
        lambda: iam.delete_login_profile(UserName="bob"),
        lambda: iam.delete_access_key(
            UserName="bob", AccessKeyId=iam.list_access_keys(UserName="bob")["AccessKeyMetadata"][0]["AccessKeyId"]
        ),
        lambda: iam.delete_user_policy(UserName="bob", PolicyName="p"),
        lambda: iam.remove_user_from_group(UserName="bob", GroupName="devs"),
    ]
    for step in undo:
        seen.append(conflict(iam, lambda: iam.delete_user(UserName="bob")))
        step()
    iam.delete_user(UserName="bob")
    assert seen == [
        "Cannot delete entity, must delete login profile first.",
        "Cannot delete entity, must delete access keys first.",
        "Cannot delete entity, must delete policies first.",
        "Cannot delete entity, must remove users from group first.",
    ]


def test_delete_group_with_members(iamfake, iam):
    iamfake.add_user("bob")
    iamfake.add_group("devs", users=["bob"])
    assert (
        conflict(iam, lambda: iam.delete_group(GroupName="devs"))
        == "Cannot delete entity, must remove users from group first."
    )


def test_delete_group_with_an_inline_policy(iamfake, iam):
    iamfake.add_group("devs")
    iam.put_group_policy(GroupName="devs", PolicyName="p", PolicyDocument=POLICY)
    assert (
        conflict(iam, lambda: iam.delete_group(GroupName="devs")) == "Cannot delete entity, must delete policies first."
    )
    iam.delete_group_policy(GroupName="devs", PolicyName="p")
    iam.delete_group(GroupName="devs")
    assert iam.list_groups()["Groups"] == []


def test_delete_group_reports_members_before_policies(iamfake, iam):
    iamfake.add_user("bob")
    iamfake.add_group("devs", users=["bob"])
    iam.put_group_policy(GroupName="devs", PolicyName="p", PolicyDocument=POLICY)
    assert conflict(iam, lambda: iam.delete_group(GroupName="devs")).endswith("must remove users from group first.")
    iam.remove_user_from_group(UserName="bob", GroupName="devs")
    assert conflict(iam, lambda: iam.delete_group(GroupName="devs")).endswith("must delete policies first.")
