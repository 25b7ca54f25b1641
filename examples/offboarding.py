"""A small app under test: offboard a person by deleting their IAM user.

IAM refuses DeleteUser while anything still hangs off the user, so the script removes each
kind in the order AWS documents (password, access keys, signing certificates, SSH public keys,
service-specific credentials, inline policies, group memberships), listing each through its
paginator, and deletes the user last.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import boto3


def remove_login_profile(iam: Any, username: str) -> list[str]:
    with contextlib.suppress(iam.exceptions.NoSuchEntityException):  # no console password
        iam.delete_login_profile(UserName=username)
        return ["login profile"]
    return []


def remove_access_keys(iam: Any, username: str) -> list[str]:
    pages = iam.get_paginator("list_access_keys").paginate(UserName=username)
    key_ids = [key["AccessKeyId"] for page in pages for key in page["AccessKeyMetadata"]]
    for key_id in key_ids:
        iam.delete_access_key(UserName=username, AccessKeyId=key_id)
    return [f"access key {key_id}" for key_id in key_ids]


def remove_signing_certificates(iam: Any, username: str) -> list[str]:
    pages = iam.get_paginator("list_signing_certificates").paginate(UserName=username)
    ids = [cert["CertificateId"] for page in pages for cert in page["Certificates"]]
    for cert_id in ids:
        iam.delete_signing_certificate(UserName=username, CertificateId=cert_id)
    return [f"signing certificate {cert_id}" for cert_id in ids]


def remove_ssh_public_keys(iam: Any, username: str) -> list[str]:
    pages = iam.get_paginator("list_ssh_public_keys").paginate(UserName=username)
    ids = [key["SSHPublicKeyId"] for page in pages for key in page["SSHPublicKeys"]]
    for key_id in ids:
        iam.delete_ssh_public_key(UserName=username, SSHPublicKeyId=key_id)
    return [f"SSH public key {key_id}" for key_id in ids]


def remove_service_credentials(iam: Any, username: str) -> list[str]:
    # botocore has no paginator for this listing: follow the Marker by hand.
    ids: list[str] = []
    params: dict[str, Any] = {"UserName": username}
    while True:
        page = iam.list_service_specific_credentials(**params)
        ids += [cred["ServiceSpecificCredentialId"] for cred in page["ServiceSpecificCredentials"]]
        if not page.get("IsTruncated"):
            break
        params["Marker"] = page["Marker"]
    for cred_id in ids:
        iam.delete_service_specific_credential(UserName=username, ServiceSpecificCredentialId=cred_id)
    return [f"service credential {cred_id}" for cred_id in ids]


def remove_inline_policies(iam: Any, username: str) -> list[str]:
    pages = iam.get_paginator("list_user_policies").paginate(UserName=username)
    names = [name for page in pages for name in page["PolicyNames"]]
    for name in names:
        iam.delete_user_policy(UserName=username, PolicyName=name)
    return [f"inline policy {name}" for name in names]


def remove_group_memberships(iam: Any, username: str) -> list[str]:
    pages = iam.get_paginator("list_groups_for_user").paginate(UserName=username)
    groups = [group["GroupName"] for page in pages for group in page["Groups"]]
    for group in groups:
        iam.remove_user_from_group(UserName=username, GroupName=group)
    return [f"membership of {group}" for group in groups]


# In the order of AWS's "Deleting an IAM user (AWS CLI)" procedure.
STEPS: list[Callable[[Any, str], list[str]]] = [
    remove_login_profile,
    remove_access_keys,
    remove_signing_certificates,
    remove_ssh_public_keys,
    remove_service_credentials,
    remove_inline_policies,
    remove_group_memberships,
]


def offboard(username: str, *, iam: Any = None) -> list[str]:
    """Delete `username` and everything IAM requires gone first; returns what was removed."""
    iam = iam or boto3.client("iam")
    removed: list[str] = []
    for step in STEPS:
        removed += step(iam, username)
    iam.delete_user(UserName=username)
    return removed
