"""What other modules will know, read through one small function each until they land.

Instance profiles, identity providers and server certificates are not modelled yet (groups, roles,
managed policies and MFA devices have landed).  The credential report, the account
summary and the audit read surface ask about them only through these functions, which
answer for an account that has none; each module replaces its function's body when its
tables exist (for example `mfa_active` returns whether the user has an enabled device).
"""

from __future__ import annotations

from . import mfa
from .account import Account, User
from .names import fold


def mfa_active(user: User) -> bool:
    """Whether `user` (or the root) has an MFA device enabled."""
    return mfa.mfa_active(user)


def mfa_devices(account: Account) -> int:
    """Virtual MFA devices of the account, assigned or not (summary MFADevices)."""
    return mfa.devices(account)


def mfa_devices_in_use(account: Account) -> int:
    """MFA devices enabled for users and the root (summary MFADevicesInUse)."""
    return mfa.devices_in_use(account)


def groups(account: Account) -> int:
    """Groups of the account."""
    return len(account.groups)


def roles(account: Account) -> int:
    """Roles of the account."""
    return len(account.roles)


def role_exists(account: Account, name: str) -> bool:
    """Whether a role of that name exists (ListInstanceProfilesForRole)."""
    return fold(name) in account.roles


def customer_policies(account: Account) -> int:
    """Customer managed policies of the account (summary Policies)."""
    return len(account.policies)


def policy_versions_in_use(account: Account) -> int:
    """Attached managed-policy versions (summary PolicyVersionsInUse): each attached policy's default.

    INFERRED: one per attached policy, AWS managed ones included (reference Appendix B item 19).
    """
    local = sum(1 for policy in account.policies.values() if policy.usage.attachment_count)
    return local + sum(1 for usage in account.aws_policy_usage.values() if usage.attachment_count)


def instance_profiles(account: Account) -> int:
    """Instance profiles of the account: none are modelled yet."""
    return 0


def providers(account: Account) -> int:
    """SAML and OpenID Connect providers of the account: none are modelled yet."""
    return 0


def server_certificates(account: Account) -> int:
    """Server certificates of the account: none are modelled yet."""
    return 0
