"""Create/Get/Update/DeleteLoginProfile: console passwords."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from . import errors
from .account import Account, LoginProfile, User
from .password_hash import PasswordHash
from .password_policy import HISTORY_LIMIT, check_password, check_reuse
from .registry import Request, Result
from .timestamps import as_created, as_stored
from .users import target_user


def profile_output(user: User, profile: LoginProfile, *, created: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "UserName": user.name,
        "CreateDate": as_created(profile.created) if created else as_stored(profile.created),
        "PasswordResetRequired": profile.reset_required,  # present even when false (REAL)
    }
    if profile.max_session is not None:
        out["MaxSigninSessionDuration"] = profile.max_session
    return out


def require_profile(user: User) -> LoginProfile:
    if user.login_profile is None:
        raise errors.no_login_profile(user.name)
    return user.login_profile


def set_password(account: Account, user: User, profile: LoginProfile, password: str) -> None:
    """Apply the policy in force, then store the new password's hash."""
    check_password(password, account.password_policy)
    check_reuse(password, profile.history, account.password_policy)
    hashed = PasswordHash.of(password)
    profile.password = hashed
    profile.password_set = account.clock.now()
    profile.history.append(hashed)
    del profile.history[:-HISTORY_LIMIT]


def new_profile(
    account: Account,
    user: User,
    password: str | None,
    *,
    reset_required: bool = False,
    max_session: int | None = None,
    check_policy: bool = True,
) -> LoginProfile:
    """Give `user` a login profile; the first password is checked against the policy in force."""
    if user.login_profile is not None:
        raise errors.login_profile_exists(user.name)
    hashed = None
    if password is not None:
        if check_policy:
            check_password(password, account.password_policy)
        hashed = PasswordHash.of(password)
    now = account.clock.now()
    # Positional: keyword arguments cost a dataclass's __init__ noticeably on this hot path.
    profile = LoginProfile(now, hashed, now, reset_required, max_session, [hashed] if hashed is not None else [])
    user.login_profile = profile
    return profile


def create_login_profile(req: Request) -> Result:
    p = req.params
    user = target_user(req, root_allowed=False)
    password = p.get("Password")
    if user.is_root:
        if password is not None or "PasswordResetRequired" in p:
            raise errors.password_not_allowed_for_root()
        if "MaxSigninSessionDuration" in p:
            raise errors.max_session_not_for_root()
    elif password is None:
        # DOC: required outside AssumeRoot sessions; CHOSEN: IAM's not-null wording.
        raise errors.validation_error([("password", errors.not_null())])
    profile = new_profile(
        req.account,
        user,
        password,
        reset_required=bool(p.get("PasswordResetRequired", False)),
        max_session=p.get("MaxSigninSessionDuration"),
    )
    return {"LoginProfile": profile_output(user, profile, created=True)}


def get_login_profile(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    return {"LoginProfile": profile_output(user, require_profile(user), created=False)}


def update_login_profile(req: Request) -> Result:
    p = req.params
    user = req.account.require_user(p["UserName"])
    profile = require_profile(user)
    if "MaxSigninSessionDuration" in p and p.get("ResetMaxSigninSessionDuration"):
        raise errors.max_session_and_reset()
    if "Password" in p:
        set_password(req.account, user, profile, p["Password"])
    if "PasswordResetRequired" in p:
        profile.reset_required = p["PasswordResetRequired"]
    if "MaxSigninSessionDuration" in p:
        profile.max_session = p["MaxSigninSessionDuration"]
    elif p.get("ResetMaxSigninSessionDuration"):
        profile.max_session = None
    return {}


def delete_login_profile(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    require_profile(user)
    user.login_profile = None
    return {}


def change_password(req: Request) -> Result:
    """An IAM user changes its own password (permission is checked in authorization)."""
    if not req.caller.is_user:
        raise errors.invalid_user_type()
    user = target_user(req, root_allowed=False)
    profile = require_profile(user)
    if profile.password is None or not profile.password.matches(req.params["OldPassword"]):
        raise errors.wrong_old_password()
    set_password(req.account, user, profile, req.params["NewPassword"])
    profile.reset_required = False
    return {}


def password_expired(account: Account, profile: LoginProfile) -> bool:
    """Whether the password is older than the policy's MaxPasswordAge (applies at once, DOC)."""
    policy = account.password_policy
    if policy is None or not policy.MaxPasswordAge:
        return False
    # CHOSEN: expired from the instant the age reaches MaxPasswordAge days.
    return account.clock.now() - profile.password_set >= timedelta(days=policy.MaxPasswordAge)


def can_sign_in(account: Account, user_name: str, password: str) -> bool:
    """Would `user_name` get into the console with `password` right now?

    False for a missing user or profile, a wrong password, or an expired password under
    HardExpiry.  CHOSEN: an expired password without HardExpiry still signs in (the console
    then makes the user choose a new one), as does one with PasswordResetRequired.
    """
    with account.lock:
        user = account.find_user(user_name)
        profile = user.login_profile if user is not None else None
        if profile is None or profile.password is None or not profile.password.matches(password):
            return False
        hard = bool(account.password_policy and account.password_policy.HardExpiry)
        return not (hard and password_expired(account, profile))
