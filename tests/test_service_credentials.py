"""Service-specific credentials: lifecycle, supported services, ids, quota (reference 8.3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from botocore.exceptions import ClientError
from helpers import allow, error_of, needs_member

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"
GIT = "codecommit.amazonaws.com"
KEYSPACES = "cassandra.amazonaws.com"


def create(iam, user="alice", service=GIT):  # type: ignore[no-untyped-def]
    return iam.create_service_specific_credential(UserName=user, ServiceName=service)["ServiceSpecificCredential"]


@pytest.mark.parametrize("service", [GIT, KEYSPACES])
def test_create_returns_user_name_and_password(iam, service):
    cred = create(iam, service=service)
    assert set(cred) == {
        "CreateDate",
        "ServiceName",
        "ServicePassword",
        "ServiceSpecificCredentialId",
        "ServiceUserName",
        "Status",
        "UserName",
    }
    assert cred["ServiceUserName"] == f"alice-at-{ACCOUNT}"
    assert (cred["ServiceName"], cred["Status"], cred["UserName"]) == (service, "Active", "alice")
    assert re.fullmatch(r"ACCA[A-Z2-7]{17}", cred["ServiceSpecificCredentialId"])
    assert cred["CreateDate"] == dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)


@needs_member("iam", "ListServiceSpecificCredentials", "IsTruncated")
def test_list_leaves_out_the_password_and_filters_by_service(iam):
    cred = create(iam)
    listed = iam.list_service_specific_credentials(UserName="alice")
    assert [c["ServiceSpecificCredentialId"] for c in listed["ServiceSpecificCredentials"]] == [
        cred["ServiceSpecificCredentialId"]
    ]
    assert "ServicePassword" not in listed["ServiceSpecificCredentials"][0]
    assert listed["IsTruncated"] is False
    other = iam.list_service_specific_credentials(UserName="alice", ServiceName=KEYSPACES)
    assert other["ServiceSpecificCredentials"] == []


@needs_member("iam", "ListServiceSpecificCredentials", "AllUsers")
def test_list_all_users(iam):
    create(iam)
    create(iam, user="bob")
    listed = iam.list_service_specific_credentials(AllUsers=True)
    assert sorted(c["UserName"] for c in listed["ServiceSpecificCredentials"]) == ["alice", "bob"]


def test_reset_gives_a_new_password_and_keeps_id_and_status(iam):
    cred = create(iam)
    cred_id = cred["ServiceSpecificCredentialId"]
    iam.update_service_specific_credential(UserName="alice", ServiceSpecificCredentialId=cred_id, Status="Inactive")
    reset = iam.reset_service_specific_credential(UserName="alice", ServiceSpecificCredentialId=cred_id)[
        "ServiceSpecificCredential"
    ]
    assert reset["ServiceSpecificCredentialId"] == cred_id
    assert reset["ServicePassword"] != cred["ServicePassword"]
    assert reset["Status"] == "Inactive"


@needs_member("iam", "ListServiceSpecificCredentials", "AllUsers")
def test_delete_removes_the_credential(iam):
    cred_id = create(iam)["ServiceSpecificCredentialId"]
    iam.delete_service_specific_credential(UserName="alice", ServiceSpecificCredentialId=cred_id)
    assert iam.list_service_specific_credentials(UserName="alice")["ServiceSpecificCredentials"] == []
    assert iam.list_service_specific_credentials(AllUsers=True)["ServiceSpecificCredentials"] == []


@pytest.mark.parametrize("service", ["nonexistentservice.amazonaws.com", "o3on3n3onosneo", "lambda.amazonaws.com"])
def test_an_unsupported_service_is_no_such_entity_on_create_and_list(iam, service):
    message = f"No such service {service} is supported for Service Specific Credentials"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        create(iam, service=service)
    assert error_of(exc_info) == ("NoSuchEntity", 404, message)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.list_service_specific_credentials(UserName="alice", ServiceName=service)
    assert error_of(exc_info) == ("NoSuchEntity", 404, message)


def test_the_user_is_checked_before_the_service(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        create(iam, user="nobody", service="o3on3n3onosneo")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")


@pytest.mark.parametrize("operation", ["reset", "update", "delete"])
def test_ids_are_checked_for_pattern_then_existence_then_user(iam, operation):
    def call(user: str, cred_id: str) -> None:
        if operation == "reset":
            iam.reset_service_specific_credential(UserName=user, ServiceSpecificCredentialId=cred_id)
        elif operation == "update":
            iam.update_service_specific_credential(UserName=user, ServiceSpecificCredentialId=cred_id, Status="Active")
        else:
            iam.delete_service_specific_credential(UserName=user, ServiceSpecificCredentialId=cred_id)

    with pytest.raises(ClientError) as exc_info:
        call("alice", "ACCA-not-a-valid-id-at-all")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'serviceSpecificCredentialId' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [\\w]+",
    )
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        call("alice", "ACCAXXXXXXXXXXXXXXXXX")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "No such credential ACCAXXXXXXXXXXXXXXXXX exists")
    cred_id = create(iam)["ServiceSpecificCredentialId"]
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        call("nobody", cred_id)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name nobody cannot be found.")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        call("bob", cred_id)  # another user's credential
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"No such credential {cred_id} exists")


def test_update_with_an_invalid_status(iam):
    cred_id = create(iam)["ServiceSpecificCredentialId"]
    with pytest.raises(ClientError) as exc_info:
        iam.update_service_specific_credential(UserName="alice", ServiceSpecificCredentialId=cred_id, Status="Bogus")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'status' failed to satisfy constraint: "
        "Member must satisfy enum value set",
    )


def test_two_credentials_per_service_and_user(iam):
    create(iam)
    create(iam)
    create(iam, service=KEYSPACES)  # another service has its own two
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        create(iam)
    assert error_of(exc_info)[:2] == ("LimitExceeded", 409)


def test_the_callers_own_credentials_without_user_name(iamfake):
    allow(iamfake, "alice")
    own = iamfake.client(user="alice")
    create(own)
    assert [c["UserName"] for c in own.list_service_specific_credentials()["ServiceSpecificCredentials"]] == ["alice"]


@needs_member("iam", "ListServiceSpecificCredentials", "AllUsers", "MaxItems", "Marker")
def test_list_pages_with_max_items_and_marker(iam):
    # botocore has no paginator for this operation (reference 8.3): page by hand.
    made = [create(iam, user=user, service=service) for user in ("alice", "bob") for service in (GIT, KEYSPACES)]
    seen, marker = [], None
    while True:
        kwargs = {"AllUsers": True, "MaxItems": 3, **({"Marker": marker} if marker else {})}
        page = iam.list_service_specific_credentials(**kwargs)
        seen += [c["ServiceSpecificCredentialId"] for c in page["ServiceSpecificCredentials"]]
        if not page["IsTruncated"]:
            break
        marker = page["Marker"]
    assert sorted(seen) == sorted(c["ServiceSpecificCredentialId"] for c in made)
    assert not iam.can_paginate("list_service_specific_credentials")


@needs_member("iam", "CreateServiceSpecificCredential", "CredentialAgeDays")
def test_an_api_key_has_an_alias_a_secret_and_an_expiry(iam):
    cred = iam.create_service_specific_credential(
        UserName="alice", ServiceName="bedrock.amazonaws.com", CredentialAgeDays=30
    )["ServiceSpecificCredential"]
    assert cred["ServiceCredentialAlias"] == f"alice-at-{ACCOUNT}"
    assert cred["ServiceCredentialSecret"]
    assert "ServicePassword" not in cred
    assert cred["ExpirationDate"] == dt.datetime(2020, 1, 31, tzinfo=dt.timezone.utc)
    listed = iam.list_service_specific_credentials(UserName="alice")["ServiceSpecificCredentials"][0]
    assert "ServiceCredentialSecret" not in listed


def test_delete_user_reports_a_credential_before_inline_policies_and_groups(iam):
    from helpers import POLICY

    create(iam)
    iam.put_user_policy(UserName="alice", PolicyName="p", PolicyDocument=POLICY)
    iam.create_group(GroupName="staff")
    iam.add_user_to_group(GroupName="staff", UserName="alice")
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName="alice")
    assert error_of(exc_info)[2] == "Cannot delete entity, must remove referenced objects first."


def test_a_renamed_user_keeps_the_old_service_user_name(iam):
    cred = create(iam)
    iam.update_user(UserName="alice", NewUserName="alicia")
    listed = iam.list_service_specific_credentials(UserName="alicia")["ServiceSpecificCredentials"]
    assert [(c["UserName"], c["ServiceUserName"]) for c in listed] == [("alicia", cred["ServiceUserName"])]
