"""GetAccountSummary and the account alias (reference 9.1, 9.2)."""

from __future__ import annotations

from . import access_keys, errors, hooks, signing_certificates
from .paging import listing, page
from .registry import Request, Result

# Quotas of a standard account, as IAM reported them in 2026 (REAL, reference 9.1).
QUOTAS: dict[str, int] = {
    "AccessKeysPerUserQuota": access_keys.QUOTA,
    "AssumeRolePolicySizeQuota": 2048,
    "AttachedPoliciesPerGroupQuota": 10,
    "AttachedPoliciesPerRoleQuota": 10,
    "AttachedPoliciesPerUserQuota": 10,
    "GlobalEndpointTokenVersion": 1,
    "GroupPolicySizeQuota": 5120,
    "GroupsPerUserQuota": 10,
    "GroupsQuota": 300,
    "InstanceProfilesQuota": 1000,
    "PoliciesQuota": 1500,
    "PolicySizeQuota": 6144,
    "PolicyVersionsInUseQuota": 10000,
    "RolePolicySizeQuota": 10240,
    "RolesQuota": 1000,
    "ServerCertificatesQuota": 20,
    "SigningCertificatesPerUserQuota": signing_certificates.QUOTA,
    "UserPolicySizeQuota": 2048,
    "UsersQuota": 5000,
    "VersionsPerPolicyQuota": 5,
}


def get_account_summary(req: Request) -> Result:
    """Every counter computed from the state at call time, so every operation keeps it true."""
    account = req.account
    root = account.root
    summary = dict(QUOTAS)
    summary.update(
        Users=len(account.users),
        Groups=hooks.groups(account),
        Roles=hooks.roles(account),
        Policies=hooks.customer_policies(account),
        PolicyVersionsInUse=hooks.policy_versions_in_use(account),
        MFADevices=hooks.mfa_devices(account),
        MFADevicesInUse=hooks.mfa_devices_in_use(account),
        InstanceProfiles=hooks.instance_profiles(account),
        Providers=hooks.providers(account),
        ServerCertificates=hooks.server_certificates(account),
        # 0/1 flags about the root user (DOC).  CHOSEN: AccountPasswordPresent follows the
        # root's login profile, which the fake's root has only once one is created.
        AccountMFAEnabled=int(hooks.mfa_active(root)),
        AccountAccessKeysPresent=int(bool(root.access_keys)),
        AccountPasswordPresent=int(root.login_profile is not None),
        AccountSigningCertificatesPresent=int(bool(root.signing_certificates)),
    )
    return {"SummaryMap": summary}


def create_account_alias(req: Request) -> Result:
    alias = req.params["AccountAlias"]
    account = req.account
    if len(alias) == 12 and alias.isdigit():  # DOC: an alias is never an account id
        raise errors.alias_is_account_number(alias)
    # A name held by any account, this one included, is taken (REAL text; "this one" INFERRED
    # from a third-party check against AWS, reference 9.2).  setdefault claims the name in one
    # step: the table is shared by accounts that hold different locks.
    held = alias in account.aliases_taken
    if held or account.aliases_taken.setdefault(alias, account.account_id) != account.account_id:
        raise errors.account_alias_exists(alias)
    # INFERRED: a new free alias replaces the current one (an account has at most one).
    if account.alias is not None:
        account.aliases_taken.pop(account.alias, None)
    account.alias = alias
    return {}


def delete_account_alias(req: Request) -> Result:
    alias = req.params["AccountAlias"]
    account = req.account
    if account.alias != alias:
        raise errors.no_such_account_alias(alias)
    account.aliases_taken.pop(alias, None)
    account.alias = None
    return {}


def list_account_aliases(req: Request) -> Result:
    current = req.account.alias
    table = {} if current is None else {current: current}
    aliases, marker = page(table, req.params, keys=sorted(table))
    return listing("AccountAliases", aliases, marker)
