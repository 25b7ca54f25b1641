"""Signing certificates: upload, update, delete, list, quota, malformed bodies (reference 8.2)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from botocore.exceptions import ClientError
from helpers import data, error_of, needs_enum_value

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])

CERT_1, CERT_2, CERT_3 = data("cert_1.pem"), data("cert_2.pem"), data("cert_3.pem")


def upload(iam, body=CERT_1, user="alice"):  # type: ignore[no-untyped-def]
    return iam.upload_signing_certificate(UserName=user, CertificateBody=body)["Certificate"]


def test_upload_returns_the_certificate_active(iam):
    cert = upload(iam)
    assert set(cert) == {"UserName", "CertificateId", "CertificateBody", "Status", "UploadDate"}
    assert (cert["UserName"], cert["Status"], cert["CertificateBody"]) == ("alice", "Active", CERT_1)
    assert re.fullmatch(r"[A-Z2-7]{28}", cert["CertificateId"])
    assert cert["UploadDate"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


def test_list_returns_the_full_structure_with_the_body(iamfake, iam):
    first = upload(iam)
    iamfake.clock.advance(60)
    second = upload(iam, CERT_2)
    listed = iam.list_signing_certificates(UserName="alice")
    assert [c["CertificateId"] for c in listed["Certificates"]] == [first["CertificateId"], second["CertificateId"]]
    assert listed["Certificates"][0]["CertificateBody"] == CERT_1
    assert listed["IsTruncated"] is False
    pages = iam.get_paginator("list_signing_certificates").paginate(UserName="alice", PaginationConfig={"PageSize": 1})
    assert len([c for p in pages for c in p["Certificates"]]) == 2


def test_update_and_delete(iam):
    cert_id = upload(iam)["CertificateId"]
    iam.update_signing_certificate(UserName="alice", CertificateId=cert_id, Status="Inactive")
    assert iam.list_signing_certificates(UserName="alice")["Certificates"][0]["Status"] == "Inactive"
    iam.delete_signing_certificate(UserName="alice", CertificateId=cert_id)
    assert iam.list_signing_certificates(UserName="alice")["Certificates"] == []


def test_without_user_name_the_root_uploads_its_own(iam):
    cert = iam.upload_signing_certificate(CertificateBody=CERT_1)["Certificate"]
    assert [c["CertificateId"] for c in iam.list_signing_certificates()["Certificates"]] == [cert["CertificateId"]]
    assert iam.list_signing_certificates(UserName="alice")["Certificates"] == []


@pytest.mark.parametrize("operation", ["upload", "update", "delete", "list"])
def test_unknown_user_is_not_found(iam, operation):
    cert_id = "TA7SMP42TDN5Z26OBPJE7EXAMPLE"
    calls = {
        "upload": lambda: upload(iam, user="nobody"),
        "update": lambda: iam.update_signing_certificate(UserName="nobody", CertificateId=cert_id, Status="Active"),
        "delete": lambda: iam.delete_signing_certificate(UserName="nobody", CertificateId=cert_id),
        "list": lambda: iam.list_signing_certificates(UserName="nobody"),
    }
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        calls[operation]()
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_unknown_certificate_id_is_not_found(iam, operation):
    cert_id = "TA7SMP42TDN5Z26OBPJE7EXAMPLE"
    calls = {
        "update": lambda: iam.update_signing_certificate(UserName="alice", CertificateId=cert_id, Status="Active"),
        "delete": lambda: iam.delete_signing_certificate(UserName="alice", CertificateId=cert_id),
    }
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        calls[operation]()
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"The Certificate with id {cert_id} cannot be found.")


@pytest.mark.parametrize(
    "body",
    [
        "invalid-certificate-body",
        CERT_1.replace("MII", "XII", 1),
        "-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----",
    ],
    ids=["not-pem", "bad-der", "truncated"],
)
def test_a_malformed_body_is_echoed_in_the_error(iam, body):
    with pytest.raises(iam.exceptions.MalformedCertificateException) as exc_info:
        upload(iam, body=body)
    assert error_of(exc_info) == ("MalformedCertificate", 400, f"Certificate {body} is malformed.")


def test_a_certificate_past_its_not_after_is_refused(iamfake, iam):
    iamfake.clock.set("2200-01-01T00:00:00Z")  # the test certificates end in the 2120s
    with pytest.raises(iam.exceptions.MalformedCertificateException):
        upload(iam)


def test_a_third_certificate_exceeds_the_quota(iam):
    upload(iam)
    upload(iam, CERT_2)
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        upload(iam, CERT_3)
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for CertificatesPerUser: 2")


def test_the_same_certificate_on_any_user_of_the_account_is_a_duplicate(iam):
    upload(iam)
    with pytest.raises(iam.exceptions.DuplicateCertificateException) as exc_info:
        upload(iam, user="bob")
    assert error_of(exc_info)[:2] == ("DuplicateCertificate", 409)


@needs_enum_value("iam", "statusType", "Expired")
def test_status_cannot_be_set_to_expired(iam):
    cert_id = upload(iam)["CertificateId"]
    with pytest.raises(ClientError) as exc_info:
        iam.update_signing_certificate(UserName="alice", CertificateId=cert_id, Status="Expired")
    assert error_of(exc_info)[:2] == ("InvalidInput", 400)


def test_delete_user_reports_keys_then_certificates_then_ssh_keys(iamfake, iam):
    from test_ssh_keys import RSA

    cert_id = upload(iam)["CertificateId"]
    iam.upload_ssh_public_key(UserName="alice", SSHPublicKeyBody=RSA)
    key_id = iamfake.add_access_key("alice")["AccessKeyId"]

    def conflict() -> str:
        with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
            iam.delete_user(UserName="alice")
        return error_of(exc_info)[2]

    assert conflict() == "Cannot delete entity, must delete access keys first."
    iam.delete_access_key(UserName="alice", AccessKeyId=key_id)
    assert conflict() == "Cannot delete entity, must delete certificates first."
    iam.delete_signing_certificate(UserName="alice", CertificateId=cert_id)
    assert conflict() == "Cannot delete entity, must remove referenced objects first."
