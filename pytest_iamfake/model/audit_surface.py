"""The account-wide reads audit tools walk, answered as IAM answers an account that has none
of these entities yet: SAML and OIDC providers, server certificates, instance profiles,
and the account's Organizations features."""

from __future__ import annotations

from . import errors, hooks
from .paging import listing, page
from .registry import Request, Result


def list_saml_providers(req: Request) -> Result:
    return {"SAMLProviderList": []}


def list_saml_provider_tags(req: Request) -> Result:
    raise errors.no_such_saml_provider(req.params["SAMLProviderArn"])


def list_open_id_connect_providers(req: Request) -> Result:
    return {"OpenIDConnectProviderList": []}


def _none(name: str, req: Request) -> Result:
    """An empty page; a Marker IAM never issued is still refused."""
    return listing(name, *page({}, req.params))


def list_server_certificates(req: Request) -> Result:
    return _none("ServerCertificateMetadataList", req)


def list_server_certificate_tags(req: Request) -> Result:
    raise errors.no_such_server_certificate(req.params["ServerCertificateName"])


def list_instance_profiles(req: Request) -> Result:
    return _none("InstanceProfiles", req)


def list_instance_profiles_for_role(req: Request) -> Result:
    name = req.params["RoleName"]
    if not hooks.role_exists(req.account, name):
        raise errors.no_such_role(name)
    return _none("InstanceProfiles", req)


def list_organizations_features(req: Request) -> Result:
    # CHOSEN: the fake's accounts belong to no organization.
    raise errors.organization_not_found()
