"""Console sign-in of an IAM user: password, expiry, MFA, and PasswordLastUsed.

The console is no API the fake serves; this is its rule set, for tests of code that
depends on users signing in (reference iam-behaviour.md §1.3, iam-entities.md §2.4 and §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from . import mfa
from .account import Account
from .login_profiles import password_expired

# DOC: a password used more than once in five minutes records only the first use.
LAST_USED_GRANULARITY = timedelta(minutes=5)


@dataclass(frozen=True)
class SignInResult:
    """The outcome of a console sign-in: `ok`, else `reason` in words.

    `must_change_password`: the console makes the user choose a new password before going on
    (PasswordResetRequired, or an expired password without HardExpiry).
    """

    ok: bool
    reason: str = ""
    must_change_password: bool = False

    def __bool__(self) -> bool:
        return self.ok


def sign_in(account: Account, user_name: str, password: str, mfa_code: str | None = None) -> SignInResult:
    """Sign `user_name` in to the console now; on success PasswordLastUsed becomes the fake time."""
    with account.lock:
        user = account.find_user(user_name)
        if user is None:
            return SignInResult(False, f"there is no IAM user named {user_name!r}")
        profile = user.login_profile
        if profile is None or profile.password is None:
            return SignInResult(False, f"user {user.name!r} has no console password (no login profile)")
        if not profile.password.matches(password):
            return SignInResult(False, "the password is wrong")
        expired = password_expired(account, profile)
        if expired and account.password_policy is not None and account.password_policy.HardExpiry:
            return SignInResult(
                False, "the password has expired and the password policy's HardExpiry forbids a new one at sign-in"
            )
        now = account.clock.now()
        if user.mfa_devices:
            if mfa_code is None:
                return SignInResult(False, f"user {user.name!r} has an MFA device: an MFA code is required")
            # CHOSEN: with several devices, a code of any of them signs in (the console asks which).
            if not any(mfa.accepts(device, mfa_code, now) for device in user.mfa_devices.values()):
                return SignInResult(False, "the MFA code is wrong")
        last = user.password_last_used
        if last is None or now - last >= LAST_USED_GRANULARITY:
            user.password_last_used = now
        # CHOSEN: an expired password without HardExpiry signs in and must be changed, as does
        # one with PasswordResetRequired.
        return SignInResult(True, must_change_password=profile.reset_required or expired)
