"""CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey."""

from __future__ import annotations

from typing import Any

from . import errors
from .account import AccessKey, Account, User
from .credentials import Credentials
from .identity import Principal, PrincipalKind, derived_id, derived_secret
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_created, as_stored
from .users import target_user

QUOTA = 2  # AccessKeysPerUser (REAL)
SETTABLE_STATUSES = ("Active", "Inactive")


def principal_of(account: Account, user: User, key_id: str) -> Principal:
    """Who a request signed with `key_id` comes from: the IAM user, or the account root."""
    kind: PrincipalKind = "root" if user.is_root else "user"
    name = None if user.is_root else user.name
    return Principal(kind, account.account_id, user.arn, user.user_id, user_name=name, access_key_id=key_id)


def new_access_key(credentials: Credentials, account: Account, user: User) -> AccessKey:
    """Give `user` (an IAM user or the root) a new Active key and accept it as credentials."""
    if len(user.access_keys) >= QUOTA:
        raise errors.access_key_quota(QUOTA)
    account.keys_issued += 1
    key_id = derived_id("AKIA", account.account_id, user.user_id, str(account.keys_issued), length=20)
    key = AccessKey(key_id, derived_secret(account.account_id, key_id), account.clock.now(), account.keys_issued)
    user.access_keys[key_id] = key
    credentials.issue(principal_of(account, user, key_id))
    return key


def require_key(user: User, key_id: str) -> AccessKey:
    key = user.access_keys.get(key_id)
    if key is None:
        raise errors.no_such_access_key(key_id)
    return key


def active_key(user: User) -> AccessKey | None:
    """The user's oldest Active key, if any."""
    return next((key for key in user.access_keys.values() if key.status == "Active"), None)


def signing_key(principal: Principal, account: Account) -> AccessKey | None:
    """The stored key a principal signed with (None for temporary or unknown credentials)."""
    if principal.access_key_id is None or principal.kind not in ("user", "root"):
        return None
    owner = account.root if principal.kind == "root" else account.find_user(principal.user_name or "")
    return owner.access_keys.get(principal.access_key_id) if owner is not None else None


def metadata(user: User, key: AccessKey) -> dict[str, Any]:
    return {
        "UserName": user.name,
        "AccessKeyId": key.key_id,
        "Status": key.status,
        "CreateDate": as_stored(key.created),
    }


def create_access_key(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    key = new_access_key(req.credentials, req.account, user)
    out = metadata(user, key)
    out["SecretAccessKey"] = key.secret  # returned only here, as in IAM
    out["CreateDate"] = as_created(key.created)
    return {"AccessKey": out}


def list_access_keys(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    # CHOSEN: keys in creation order (at most two, so sorted per call).
    by_sequence = {f"{k.sequence:010d}": k for k in user.access_keys.values()}
    keys, marker = page(by_sequence, req.params, keys=sorted(by_sequence))
    return listing("AccessKeyMetadata", [metadata(user, k) for k in keys], marker)


def update_access_key(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    key = require_key(user, req.params["AccessKeyId"])
    status = req.params["Status"]
    if status not in SETTABLE_STATUSES:  # the service model's enum also lists Expired
        raise errors.cannot_set_expired()
    key.status = status
    return {}


def delete_access_key(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    key = require_key(user, req.params["AccessKeyId"])
    del user.access_keys[key.key_id]
    req.credentials.revoke(key.key_id)
    return {}
