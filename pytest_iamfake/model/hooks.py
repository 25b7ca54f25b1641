"""What other modules will know, read through one small function each until they land.

MFA devices, roles, managed policies, instance profiles, identity providers and server
certificates are modelled by other modules (groups have landed).  The credential report, the account
summary and the audit read surface ask about them only through these functions, which
answer for an account that has none; each module replaces its function's body when its
tables exist (for example `mfa_active` returns whether the user has an enabled device).
"""

from __future__ import annotations

from .account import Account, User


def mfa_active(user: User) -> bool:
    """Whether `user` (or the root) has an MFA device enabled.  HOOK for the MFA module."""
    return False


def mfa_devices(account: Account) -> int:
    """Virtual MFA devices of the account, assigned or not (summary MFADevices).  HOOK."""
    return 0


def mfa_devices_in_use(account: Account) -> int:
    """MFA devices enabled for users and the root (summary MFADevicesInUse).  HOOK."""
    return 0


def groups(account: Account) -> int:
    """Groups of the account."""
    return len(account.groups)


def roles(account: Account) -> int:
    """Roles of the account.  HOOK for the roles module."""
    return 0


def role_exists(account: Account, name: str) -> bool:
    """Whether a role of that name exists (ListInstanceProfilesForRole).  HOOK."""
    return False


def customer_policies(account: Account) -> int:
    """Customer managed policies of the account (summary Policies).  HOOK."""
    return 0


def policy_versions_in_use(account: Account) -> int:
    """Attached managed-policy versions (summary PolicyVersionsInUse).  HOOK."""
    return 0


def instance_profiles(account: Account) -> int:
    """Instance profiles of the account: none are modelled yet."""
    return 0


def providers(account: Account) -> int:
    """SAML and OpenID Connect providers of the account: none are modelled yet."""
    return 0


def server_certificates(account: Account) -> int:
    """Server certificates of the account: none are modelled yet."""
    return 0
