"""UploadSSHPublicKey, GetSSHPublicKey, UpdateSSHPublicKey, DeleteSSHPublicKey, ListSSHPublicKeys (reference 8.1)."""

from __future__ import annotations

from typing import Any

from . import errors
from .account import Account, SSHPublicKey, User
from .identity import derived_id
from .key_material import BadKey, UnknownEncoding, parse_public_key
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_created, as_stored
from .users import target_user

QUOTA = 5  # SSH public keys per user (DOC)
SETTABLE_STATUSES = ("Active", "Inactive")


def require_key(user: User, key_id: str) -> SSHPublicKey:
    key = user.ssh_keys.get(key_id)
    if key is None:
        raise errors.no_such_ssh_key(key_id)
    return key


def body_in(key: SSHPublicKey, encoding: str) -> str:
    """The key in the encoding asked for; CHOSEN: the uploaded text when it is that encoding."""
    if encoding == key.encoding:
        return key.body
    return key.key.ssh_text() if encoding == "SSH" else key.key.pem_text()


def output(user: User, key: SSHPublicKey, encoding: str, *, created: bool = False) -> dict[str, Any]:
    return {
        "UserName": user.name,
        "SSHPublicKeyId": key.key_id,
        "Fingerprint": key.key.fingerprint(),
        "SSHPublicKeyBody": body_in(key, encoding),
        "Status": key.status,
        "UploadDate": as_created(key.uploaded) if created else as_stored(key.uploaded),
    }


def new_credential_id(account: Account, user: User, prefix: str, kind: str, length: int = 21) -> tuple[str, int]:
    """(a deterministic id that never repeats in the account, its sequence number)."""
    account.credentials_issued += 1
    number = account.credentials_issued
    return derived_id(prefix, account.account_id, user.user_id, kind, str(number), length=length), number


def upload_ssh_public_key(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    body = req.params["SSHPublicKeyBody"]
    # CHOSEN order: encoding, validity, duplicate, quota.
    try:
        parsed, encoding = parse_public_key(body)
    except UnknownEncoding:
        raise errors.unrecognized_key_encoding() from None
    except BadKey as bad:
        raise errors.invalid_public_key(str(bad)) from None
    if any(existing.key == parsed for existing in user.ssh_keys.values()):
        raise errors.duplicate_ssh_key()
    if len(user.ssh_keys) >= QUOTA:
        raise errors.ssh_key_quota(QUOTA)
    key_id, sequence = new_credential_id(req.account, user, "APKA", "ssh")
    key = SSHPublicKey(key_id, body, encoding, parsed, req.account.clock.now(), sequence)
    user.ssh_keys[key.key_id] = key
    return {"SSHPublicKey": output(user, key, encoding, created=True)}


def get_ssh_public_key(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    key = require_key(user, req.params["SSHPublicKeyId"])
    return {"SSHPublicKey": output(user, key, req.params["Encoding"])}


def update_ssh_public_key(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    key = require_key(user, req.params["SSHPublicKeyId"])
    status = req.params["Status"]
    if status not in SETTABLE_STATUSES:
        raise errors.status_not_settable("SSH public key")
    key.status = status
    return {}


def delete_ssh_public_key(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])
    key = require_key(user, req.params["SSHPublicKeyId"])
    del user.ssh_keys[key.key_id]
    return {}


def list_ssh_public_keys(req: Request) -> Result:
    # CHOSEN: without UserName, a root caller is refused like other per-user lists.
    user = target_user(req, root_allowed=False)
    by_order = {f"{k.sequence:010d}": k for k in user.ssh_keys.values()}  # at most five: upload order
    keys, marker = page(by_order, req.params, keys=sorted(by_order))
    entries = [
        {"UserName": user.name, "SSHPublicKeyId": k.key_id, "Status": k.status, "UploadDate": as_stored(k.uploaded)}
        for k in keys
    ]
    return listing("SSHPublicKeys", entries, marker)
