"""SSH public keys: upload, get in both encodings, update, delete, list, and their errors (reference 8.1)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from botocore.exceptions import ClientError
from helpers import allow, data, error_of, needs_enum_value

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])

RSA = data("ssh_rsa_2048.pub")
RSA_PEM = data("ssh_rsa_2048.pem")
OTHER = data("ssh_rsa_2048_b.pub")


def md5_fingerprint(ssh_line: str) -> str:
    import base64

    digest = hashlib.md5(base64.b64decode(ssh_line.split()[1])).hexdigest()
    return ":".join(digest[i : i + 2] for i in range(0, 32, 2))


def upload(iam, user="alice", body=RSA):  # type: ignore[no-untyped-def]
    return iam.upload_ssh_public_key(UserName=user, SSHPublicKeyBody=body)["SSHPublicKey"]


def test_upload_returns_the_key_active_with_an_apka_id_and_its_md5_fingerprint(iam):
    key = upload(iam)
    assert set(key) == {"UserName", "SSHPublicKeyId", "Fingerprint", "SSHPublicKeyBody", "Status", "UploadDate"}
    assert key["UserName"] == "alice"
    assert key["Status"] == "Active"
    assert re.fullmatch(r"APKA[A-Z2-7]{17}", key["SSHPublicKeyId"])
    assert key["Fingerprint"] == md5_fingerprint(RSA)  # ssh-keygen -l -E md5 prints the same
    assert key["SSHPublicKeyBody"] == RSA
    assert key["UploadDate"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def test_get_returns_the_body_in_the_encoding_asked_for(iam):
    key_id = upload(iam)["SSHPublicKeyId"]
    as_ssh = iam.get_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id, Encoding="SSH")["SSHPublicKey"]
    as_pem = iam.get_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id, Encoding="PEM")["SSHPublicKey"]
    assert as_ssh["SSHPublicKeyBody"] == RSA
    # The same key as ssh-keygen -e -m PKCS8 writes it.
    assert as_pem["SSHPublicKeyBody"].strip() == RSA_PEM.strip()
    assert as_ssh["Fingerprint"] == as_pem["Fingerprint"]


def test_a_pem_upload_is_the_same_key_in_ssh_encoding(iam):
    key_id = upload(iam, body=RSA_PEM)["SSHPublicKeyId"]
    as_ssh = iam.get_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id, Encoding="SSH")["SSHPublicKey"]
    assert as_ssh["SSHPublicKeyBody"] == " ".join(RSA.split()[:2])  # without the comment
    assert as_ssh["Fingerprint"] == md5_fingerprint(RSA)


def test_list_shows_metadata_only_in_upload_order(iamfake, iam):
    empty = iam.list_ssh_public_keys(UserName="alice")
    assert (empty["SSHPublicKeys"], empty["IsTruncated"], "Marker" in empty) == ([], False, False)
    first = upload(iam)["SSHPublicKeyId"]
    iamfake.clock.advance(60)
    second = upload(iam, body=OTHER)["SSHPublicKeyId"]
    listed = iam.list_ssh_public_keys(UserName="alice")
    assert [k["SSHPublicKeyId"] for k in listed["SSHPublicKeys"]] == [first, second]
    assert set(listed["SSHPublicKeys"][0]) == {"UserName", "SSHPublicKeyId", "Status", "UploadDate"}
    assert listed["IsTruncated"] is False
    pages = iam.get_paginator("list_ssh_public_keys").paginate(UserName="alice", PaginationConfig={"PageSize": 1})
    assert [k["SSHPublicKeyId"] for p in pages for k in p["SSHPublicKeys"]] == [first, second]


def test_list_without_user_name_lists_the_callers_keys(iamfake):
    iamfake.add_user("carol")
    allow(iamfake, "carol")
    own = iamfake.client(user="carol")
    upload(own, user="carol")
    assert [k["UserName"] for k in own.list_ssh_public_keys()["SSHPublicKeys"]] == ["carol"]


def test_list_without_user_name_as_root_must_name_a_user(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.list_ssh_public_keys()
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "Must specify userName when calling with non-User credentials",
    )


def test_update_changes_the_status_and_delete_removes_the_key(iam):
    key_id = upload(iam)["SSHPublicKeyId"]
    assert "SSHPublicKey" not in iam.update_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id, Status="Inactive")
    got = iam.get_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id, Encoding="SSH")["SSHPublicKey"]
    assert got["Status"] == "Inactive"
    iam.delete_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id)
    assert iam.list_ssh_public_keys(UserName="alice")["SSHPublicKeys"] == []


@pytest.mark.parametrize("operation", ["get", "update", "delete"])
def test_unknown_key_id_is_not_found(iam, operation):
    missing = "APKAXXXXXXXXXXXXXXXXX"
    calls = {
        "get": lambda: iam.get_ssh_public_key(UserName="alice", SSHPublicKeyId=missing, Encoding="SSH"),
        "update": lambda: iam.update_ssh_public_key(UserName="alice", SSHPublicKeyId=missing, Status="Active"),
        "delete": lambda: iam.delete_ssh_public_key(UserName="alice", SSHPublicKeyId=missing),
    }
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        calls[operation]()
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"The Public Key with id {missing} cannot be found.")


def test_another_users_key_is_not_found_for_this_user(iam):
    key_id = upload(iam)["SSHPublicKeyId"]
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_ssh_public_key(UserName="bob", SSHPublicKeyId=key_id, Encoding="SSH")


def test_unknown_user_is_not_found(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        upload(iam, user="nobody")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


def test_keys_other_than_ssh_rsa_or_pem_are_unrecognized(iam):
    with pytest.raises(iam.exceptions.UnrecognizedPublicKeyEncodingException) as exc_info:
        upload(iam, body=data("ssh_ed25519.pub"))
    assert error_of(exc_info)[:2] == ("UnrecognizedPublicKeyEncoding", 400)


@pytest.mark.parametrize(
    "body",
    [data("ssh_rsa_1024.pub"), "ssh-rsa not-base64!", "ssh-rsa " + "QUJD", "ssh-rsa"],
    ids=["1024-bit", "bad-base64", "truncated", "no-data"],
)
def test_short_or_malformed_rsa_keys_are_invalid(iam, body):
    with pytest.raises(iam.exceptions.InvalidPublicKeyException) as exc_info:
        upload(iam, body=body)
    assert error_of(exc_info)[:2] == ("InvalidPublicKey", 400)


def test_the_same_key_twice_for_one_user_is_a_duplicate_in_either_encoding(iam):
    upload(iam)
    with pytest.raises(iam.exceptions.DuplicateSSHPublicKeyException) as exc_info:
        upload(iam, body=RSA_PEM)
    assert error_of(exc_info)[:2] == ("DuplicateSSHPublicKey", 400)
    upload(iam, user="bob")  # another user may hold the same key


def test_a_sixth_key_exceeds_the_quota(iam):
    for seed in range(5):
        upload(iam, body=rsa_line(seed))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        upload(iam, body=rsa_line(9))
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for SSHPublicKeysPerUser: 5")


def rsa_line(seed: int) -> str:
    """An ssh-rsa line with a 2048-bit modulus made from `seed` (structure only: no real key)."""
    import base64

    def part(raw: bytes) -> bytes:
        return len(raw).to_bytes(4, "big") + raw

    modulus = (1 << 2047) | (seed << 1) | 1
    blob = part(b"ssh-rsa") + part(b"\x01\x00\x01") + part(b"\x00" + modulus.to_bytes(256, "big"))
    return "ssh-rsa " + base64.b64encode(blob).decode()


@needs_enum_value("iam", "statusType", "Expired")
def test_status_cannot_be_set_to_expired(iam):
    key_id = upload(iam)["SSHPublicKeyId"]
    with pytest.raises(ClientError) as exc_info:
        iam.update_ssh_public_key(UserName="alice", SSHPublicKeyId=key_id, Status="Expired")
    assert error_of(exc_info)[:2] == ("InvalidInput", 400)


def test_injected_errors_name_the_key_and_the_user(iamfake, iam):
    iamfake.fail("GetSSHPublicKey", "NoSuchEntity")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.get_ssh_public_key(UserName="alice", SSHPublicKeyId="APKAXXXXXXXXXXXXXXXXX", Encoding="SSH")
    assert error_of(exc_info)[2] == "The Public Key with id APKAXXXXXXXXXXXXXXXXX cannot be found."
    iamfake.fail("UploadSSHPublicKey", "LimitExceeded")
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        upload(iam)
    assert error_of(exc_info)[2] == "Cannot exceed quota for SSHPublicKeysPerUser: 5"
