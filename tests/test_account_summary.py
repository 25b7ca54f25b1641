"""GetAccountSummary and the account alias (reference 9.1, 9.2)."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from helpers import data, error_of, needs_enum_value

from pytest_iamfake import fake_iam
from pytest_iamfake.fake import service_model

pytestmark = pytest.mark.iamfake(users=["alice"])


def summary(iam):  # type: ignore[no-untyped-def]
    return iam.get_account_summary()["SummaryMap"]


# Keys IAM returns that older botocore models do not list yet.
@needs_enum_value(
    "iam",
    "summaryKeyType",
    *("Roles", "RolesQuota", "RolePolicySizeQuota", "AssumeRolePolicySizeQuota"),
    *("InstanceProfiles", "InstanceProfilesQuota", "Providers"),
)
def test_the_summary_has_exactly_the_models_keys_with_2026_quotas(iam):
    keys = service_model("iam").shape_for("summaryKeyType").enum
    got = summary(iam)
    assert sorted(got) == sorted(keys)
    assert all(isinstance(v, int) for v in got.values())
    assert (got["UsersQuota"], got["GroupsQuota"], got["PoliciesQuota"], got["RolesQuota"]) == (5000, 300, 1500, 1000)
    assert (got["AccessKeysPerUserQuota"], got["SigningCertificatesPerUserQuota"]) == (2, 2)
    assert (got["PolicySizeQuota"], got["UserPolicySizeQuota"], got["GlobalEndpointTokenVersion"]) == (6144, 2048, 1)


def test_counters_of_an_account_with_one_user(iam):
    got = summary(iam)
    assert got["Users"] == 1
    for counter in ("Groups", "Roles", "Policies", "PolicyVersionsInUse", "MFADevices", "MFADevicesInUse"):
        assert got[counter] == 0, counter
    for flag in ("AccountMFAEnabled", "AccountAccessKeysPresent", "AccountSigningCertificatesPresent"):
        assert got[flag] == 0, flag


def test_users_follow_create_and_delete(iam):
    iam.create_user(UserName="bob")
    assert summary(iam)["Users"] == 2
    iam.delete_user(UserName="bob")
    iam.delete_user(UserName="alice")
    assert summary(iam)["Users"] == 0


def test_groups_follow_create_and_delete(iam):
    iam.create_group(GroupName="staff")
    iam.create_group(GroupName="admins")
    assert summary(iam)["Groups"] == 2
    iam.delete_group(GroupName="staff")
    assert summary(iam)["Groups"] == 1


def test_root_flags_follow_the_roots_credentials(iam):
    key_id = iam.create_access_key()["AccessKey"]["AccessKeyId"]
    cert_id = iam.upload_signing_certificate(CertificateBody=data("cert_1.pem"))["Certificate"]["CertificateId"]
    got = summary(iam)
    assert (got["AccountAccessKeysPresent"], got["AccountSigningCertificatesPresent"]) == (1, 1)
    iam.delete_access_key(AccessKeyId=key_id)
    iam.delete_signing_certificate(CertificateId=cert_id)
    got = summary(iam)
    assert (got["AccountAccessKeysPresent"], got["AccountSigningCertificatesPresent"]) == (0, 0)


def test_an_iam_users_key_is_not_the_roots(iamfake, iam):
    iamfake.add_access_key("alice")
    assert summary(iam)["AccountAccessKeysPresent"] == 0


# --- account alias ------------------------------------------------------------------------


def test_alias_lifecycle(iam):
    assert iam.list_account_aliases()["AccountAliases"] == []
    iam.create_account_alias(AccountAlias="my-company")
    listed = iam.list_account_aliases()
    assert (listed["AccountAliases"], listed["IsTruncated"]) == (["my-company"], False)
    iam.delete_account_alias(AccountAlias="my-company")
    assert iam.list_account_aliases()["AccountAliases"] == []


def test_a_new_alias_replaces_the_old_one(iam):
    iam.create_account_alias(AccountAlias="first-name")
    iam.create_account_alias(AccountAlias="second-name")
    assert iam.list_account_aliases()["AccountAliases"] == ["second-name"]


def test_an_alias_already_held_is_taken(iam):
    iam.create_account_alias(AccountAlias="security")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        iam.create_account_alias(AccountAlias="security")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "The account alias security already exists.")


def test_aliases_are_unique_across_the_fakes_accounts():
    from pytest_iamfake.model.identity import root_principal

    with fake_iam() as fake:
        fake.backend.handle("iam", "CreateAccountAlias", root_principal("210987654321"), {"AccountAlias": "shared"})
        iam = fake.client()
        with pytest.raises(iam.exceptions.EntityAlreadyExistsException):
            iam.create_account_alias(AccountAlias="shared")


def test_deleting_an_alias_the_account_does_not_have(iam):
    iam.create_account_alias(AccountAlias="mine")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.delete_account_alias(AccountAlias="other")
    assert error_of(exc_info)[:2] == ("NoSuchEntity", 404)
    assert iam.list_account_aliases()["AccountAliases"] == ["mine"]


@pytest.mark.parametrize("alias", ["Upper-case", "-leading", "trailing-", "double--hyphen"])
def test_an_alias_outside_the_pattern_is_refused(iam, alias):
    with pytest.raises(ClientError) as exc_info:
        iam.create_account_alias(AccountAlias=alias)
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'accountAlias' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$",
    )


def test_an_alias_of_twelve_digits_is_refused(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.create_account_alias(AccountAlias="123456789012")
    assert error_of(exc_info)[:2] == ("ValidationError", 400)
    iam.create_account_alias(AccountAlias="1234567890123")  # thirteen digits are fine
