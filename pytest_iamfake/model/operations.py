"""The operation table: every IAM/STS operation the model answers, its handler, and whether it
changes state (a state-changing call moves the clock by its tick).

This is the one place that lists what is modelled; a new operation is a handler in the module
of its resource and a row here.
"""

from __future__ import annotations

from . import (
    access_keys,
    account_details,
    account_info,
    audit_surface,
    credential_report,
    groups,
    inline_policies,
    last_used,
    login_profiles,
    mfa,
    policies,
    role_sessions,
    roles,
    service_credentials,
    signing_certificates,
    simulator,
    ssh_keys,
    sts,
    users,
)
from . import account_password_policy as account_policy
from .registry import Operation

_ROWS: tuple[Operation, ...] = (
    # users
    Operation("iam", "CreateUser", users.create_user, mutates=True),
    Operation("iam", "GetUser", users.get_user, mutates=False),
    Operation("iam", "ListUsers", users.list_users, mutates=False),
    Operation("iam", "DeleteUser", users.delete_user, mutates=True),
    # login profiles and passwords
    Operation("iam", "CreateLoginProfile", login_profiles.create_login_profile, mutates=True),
    Operation("iam", "GetLoginProfile", login_profiles.get_login_profile, mutates=False),
    Operation("iam", "UpdateLoginProfile", login_profiles.update_login_profile, mutates=True),
    Operation("iam", "DeleteLoginProfile", login_profiles.delete_login_profile, mutates=True),
    Operation("iam", "ChangePassword", login_profiles.change_password, mutates=True),
    # the account password policy
    Operation("iam", "UpdateAccountPasswordPolicy", account_policy.update_account_password_policy, mutates=True),
    Operation("iam", "GetAccountPasswordPolicy", account_policy.get_account_password_policy, mutates=False),
    Operation("iam", "DeleteAccountPasswordPolicy", account_policy.delete_account_password_policy, mutates=True),
    # access keys
    Operation("iam", "CreateAccessKey", access_keys.create_access_key, mutates=True),
    Operation("iam", "ListAccessKeys", access_keys.list_access_keys, mutates=False),
    Operation("iam", "UpdateAccessKey", access_keys.update_access_key, mutates=True),
    Operation("iam", "DeleteAccessKey", access_keys.delete_access_key, mutates=True),
    # users: rename, tags, permissions boundary
    Operation("iam", "UpdateUser", users.update_user, mutates=True),
    Operation("iam", "TagUser", users.tag_user, mutates=True),
    Operation("iam", "UntagUser", users.untag_user, mutates=True),
    Operation("iam", "ListUserTags", users.list_user_tags, mutates=False),
    Operation("iam", "PutUserPermissionsBoundary", users.put_user_permissions_boundary, mutates=True),
    Operation("iam", "DeleteUserPermissionsBoundary", users.delete_user_permissions_boundary, mutates=True),
    # groups and membership
    Operation("iam", "CreateGroup", groups.create_group, mutates=True),
    Operation("iam", "GetGroup", groups.get_group, mutates=False),
    Operation("iam", "ListGroups", groups.list_groups, mutates=False),
    Operation("iam", "UpdateGroup", groups.update_group, mutates=True),
    Operation("iam", "DeleteGroup", groups.delete_group, mutates=True),
    Operation("iam", "AddUserToGroup", groups.add_user_to_group, mutates=True),
    Operation("iam", "RemoveUserFromGroup", groups.remove_user_from_group, mutates=True),
    Operation("iam", "ListGroupsForUser", groups.list_groups_for_user, mutates=False),
    # inline policies of users and groups
    Operation("iam", "PutUserPolicy", inline_policies.put_user_policy, mutates=True),
    Operation("iam", "GetUserPolicy", inline_policies.get_user_policy, mutates=False),
    Operation("iam", "DeleteUserPolicy", inline_policies.delete_user_policy, mutates=True),
    Operation("iam", "ListUserPolicies", inline_policies.list_user_policies, mutates=False),
    Operation("iam", "PutGroupPolicy", inline_policies.put_group_policy, mutates=True),
    Operation("iam", "GetGroupPolicy", inline_policies.get_group_policy, mutates=False),
    Operation("iam", "DeleteGroupPolicy", inline_policies.delete_group_policy, mutates=True),
    Operation("iam", "ListGroupPolicies", inline_policies.list_group_policies, mutates=False),
    # managed policies (model/policies.py)
    Operation("iam", "CreatePolicy", policies.create_policy, mutates=True),
    Operation("iam", "GetPolicy", policies.get_policy, mutates=False),
    Operation("iam", "DeletePolicy", policies.delete_policy, mutates=True),
    Operation("iam", "ListPolicies", policies.list_policies, mutates=False),
    Operation("iam", "CreatePolicyVersion", policies.create_policy_version, mutates=True),
    Operation("iam", "GetPolicyVersion", policies.get_policy_version, mutates=False),
    Operation("iam", "ListPolicyVersions", policies.list_policy_versions, mutates=False),
    Operation("iam", "DeletePolicyVersion", policies.delete_policy_version, mutates=True),
    Operation("iam", "SetDefaultPolicyVersion", policies.set_default_policy_version, mutates=True),
    Operation("iam", "TagPolicy", policies.tag_policy, mutates=True),
    Operation("iam", "UntagPolicy", policies.untag_policy, mutates=True),
    Operation("iam", "ListPolicyTags", policies.list_policy_tags, mutates=False),
    Operation("iam", "AttachUserPolicy", policies.attach_user_policy, mutates=True),
    Operation("iam", "DetachUserPolicy", policies.detach_user_policy, mutates=True),
    Operation("iam", "ListAttachedUserPolicies", policies.list_attached_user_policies, mutates=False),
    Operation("iam", "AttachGroupPolicy", policies.attach_group_policy, mutates=True),
    Operation("iam", "DetachGroupPolicy", policies.detach_group_policy, mutates=True),
    Operation("iam", "ListAttachedGroupPolicies", policies.list_attached_group_policies, mutates=False),
    Operation("iam", "ListEntitiesForPolicy", policies.list_entities_for_policy, mutates=False),
    # roles (model/roles.py)
    Operation("iam", "CreateRole", roles.create_role, mutates=True),
    Operation("iam", "GetRole", roles.get_role, mutates=False),
    Operation("iam", "ListRoles", roles.list_roles, mutates=False),
    Operation("iam", "UpdateRole", roles.update_role, mutates=True),
    Operation("iam", "UpdateAssumeRolePolicy", roles.update_assume_role_policy, mutates=True),
    Operation("iam", "DeleteRole", roles.delete_role, mutates=True),
    Operation("iam", "TagRole", roles.tag_role, mutates=True),
    Operation("iam", "UntagRole", roles.untag_role, mutates=True),
    Operation("iam", "ListRoleTags", roles.list_role_tags, mutates=False),
    Operation("iam", "PutRolePolicy", roles.put_role_policy, mutates=True),
    Operation("iam", "GetRolePolicy", roles.get_role_policy, mutates=False),
    Operation("iam", "DeleteRolePolicy", roles.delete_role_policy, mutates=True),
    Operation("iam", "ListRolePolicies", roles.list_role_policies, mutates=False),
    Operation("iam", "AttachRolePolicy", roles.attach_role_policy, mutates=True),
    Operation("iam", "DetachRolePolicy", roles.detach_role_policy, mutates=True),
    Operation("iam", "ListAttachedRolePolicies", roles.list_attached_role_policies, mutates=False),
    Operation("iam", "PutRolePermissionsBoundary", roles.put_role_permissions_boundary, mutates=True),
    Operation("iam", "DeleteRolePermissionsBoundary", roles.delete_role_permissions_boundary, mutates=True),
    # the whole account (model/account_details.py)
    Operation(
        "iam", "GetAccountAuthorizationDetails", account_details.get_account_authorization_details, mutates=False
    ),
    # --- credentials and audit ---
    # SSH public keys
    Operation("iam", "UploadSSHPublicKey", ssh_keys.upload_ssh_public_key, mutates=True),
    Operation("iam", "GetSSHPublicKey", ssh_keys.get_ssh_public_key, mutates=False),
    Operation("iam", "UpdateSSHPublicKey", ssh_keys.update_ssh_public_key, mutates=True),
    Operation("iam", "DeleteSSHPublicKey", ssh_keys.delete_ssh_public_key, mutates=True),
    Operation("iam", "ListSSHPublicKeys", ssh_keys.list_ssh_public_keys, mutates=False),
    # signing certificates
    Operation("iam", "UploadSigningCertificate", signing_certificates.upload_signing_certificate, mutates=True),
    Operation("iam", "UpdateSigningCertificate", signing_certificates.update_signing_certificate, mutates=True),
    Operation("iam", "DeleteSigningCertificate", signing_certificates.delete_signing_certificate, mutates=True),
    Operation("iam", "ListSigningCertificates", signing_certificates.list_signing_certificates, mutates=False),
    # service-specific credentials
    Operation(
        "iam", "CreateServiceSpecificCredential", service_credentials.create_service_specific_credential, mutates=True
    ),
    Operation(
        "iam", "ResetServiceSpecificCredential", service_credentials.reset_service_specific_credential, mutates=True
    ),
    Operation(
        "iam", "UpdateServiceSpecificCredential", service_credentials.update_service_specific_credential, mutates=True
    ),
    Operation(
        "iam", "DeleteServiceSpecificCredential", service_credentials.delete_service_specific_credential, mutates=True
    ),
    Operation(
        "iam", "ListServiceSpecificCredentials", service_credentials.list_service_specific_credentials, mutates=False
    ),
    # key use and service last accessed
    Operation("iam", "GetAccessKeyLastUsed", last_used.get_access_key_last_used, mutates=False),
    Operation(
        "iam", "GenerateServiceLastAccessedDetails", last_used.generate_service_last_accessed_details, mutates=True
    ),
    Operation("iam", "GetServiceLastAccessedDetails", last_used.get_service_last_accessed_details, mutates=False),
    # the account: summary, alias, credential report
    Operation("iam", "GetAccountSummary", account_info.get_account_summary, mutates=False),
    Operation("iam", "CreateAccountAlias", account_info.create_account_alias, mutates=True),
    Operation("iam", "DeleteAccountAlias", account_info.delete_account_alias, mutates=True),
    Operation("iam", "ListAccountAliases", account_info.list_account_aliases, mutates=False),
    Operation("iam", "GenerateCredentialReport", credential_report.generate_credential_report, mutates=True),
    Operation("iam", "GetCredentialReport", credential_report.get_credential_report, mutates=False),
    # the read surface of an account without these entities
    Operation("iam", "ListSAMLProviders", audit_surface.list_saml_providers, mutates=False),
    Operation("iam", "ListSAMLProviderTags", audit_surface.list_saml_provider_tags, mutates=False),
    Operation("iam", "ListOpenIDConnectProviders", audit_surface.list_open_id_connect_providers, mutates=False),
    Operation("iam", "ListServerCertificates", audit_surface.list_server_certificates, mutates=False),
    Operation("iam", "ListServerCertificateTags", audit_surface.list_server_certificate_tags, mutates=False),
    Operation("iam", "ListInstanceProfiles", audit_surface.list_instance_profiles, mutates=False),
    Operation("iam", "ListInstanceProfilesForRole", audit_surface.list_instance_profiles_for_role, mutates=False),
    Operation("iam", "ListOrganizationsFeatures", audit_surface.list_organizations_features, mutates=False),
    # the policy simulator (answered by the authorization engine)
    Operation("iam", "SimulatePrincipalPolicy", simulator.simulate_principal_policy, mutates=False),
    Operation("iam", "SimulateCustomPolicy", simulator.simulate_custom_policy, mutates=False),
    # STS
    Operation("sts", "GetCallerIdentity", sts.get_caller_identity, mutates=False),
    Operation("sts", "AssumeRoot", sts.assume_root, mutates=True),
    Operation("sts", "AssumeRole", role_sessions.assume_role, mutates=True),
    # MFA devices and STS sessions
    Operation("iam", "CreateVirtualMFADevice", mfa.create_virtual_mfa_device, mutates=True),
    Operation("iam", "EnableMFADevice", mfa.enable_mfa_device, mutates=True),
    Operation("iam", "DeactivateMFADevice", mfa.deactivate_mfa_device, mutates=True),
    Operation("iam", "DeleteVirtualMFADevice", mfa.delete_virtual_mfa_device, mutates=True),
    Operation("iam", "ResyncMFADevice", mfa.resync_mfa_device, mutates=True),
    Operation("iam", "ListMFADevices", mfa.list_mfa_devices, mutates=False),
    Operation("iam", "ListVirtualMFADevices", mfa.list_virtual_mfa_devices, mutates=False),
    Operation("iam", "GetMFADevice", mfa.get_mfa_device, mutates=False),
    Operation("iam", "TagMFADevice", mfa.tag_mfa_device, mutates=True),
    Operation("iam", "UntagMFADevice", mfa.untag_mfa_device, mutates=True),
    Operation("iam", "ListMFADeviceTags", mfa.list_mfa_device_tags, mutates=False),
    Operation("sts", "GetSessionToken", sts.get_session_token, mutates=True),
    Operation("sts", "GetAccessKeyInfo", sts.get_access_key_info, mutates=False),
)

OPERATIONS: dict[tuple[str, str], Operation] = {(row.service, row.name): row for row in _ROWS}
