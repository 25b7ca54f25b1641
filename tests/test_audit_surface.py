"""The account-wide reads audit tools walk, for an account with none of these entities."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from helpers import error_of


def test_providers_certificates_and_instance_profiles_are_empty(iam):
    assert iam.list_saml_providers()["SAMLProviderList"] == []
    assert iam.list_open_id_connect_providers()["OpenIDConnectProviderList"] == []
    certificates = iam.list_server_certificates()
    assert (certificates["ServerCertificateMetadataList"], certificates["IsTruncated"]) == ([], False)
    profiles = iam.list_instance_profiles(PathPrefix="/")
    assert (profiles["InstanceProfiles"], profiles["IsTruncated"]) == ([], False)
    pages = iam.get_paginator("list_instance_profiles").paginate()
    assert [p for page in pages for p in page["InstanceProfiles"]] == []


def test_tags_of_entities_that_do_not_exist_are_not_found(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.list_saml_provider_tags(SAMLProviderArn="arn:aws:iam::123456789012:saml-provider/corp")
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.list_server_certificate_tags(ServerCertificateName="web")


def test_instance_profiles_for_an_unknown_role(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.list_instance_profiles_for_role(RoleName="app")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The role with name app cannot be found.")


def test_a_marker_iam_never_issued_is_refused(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.list_instance_profiles(Marker="not-a-marker!")
    assert error_of(exc_info) == ("ValidationError", 400, "Invalid Marker.")


def test_an_account_outside_an_organization(iam):
    with pytest.raises(iam.exceptions.OrganizationNotFoundException) as exc_info:
        iam.list_organizations_features()
    assert error_of(exc_info)[:2] == ("OrganizationNotFoundException", 400)
