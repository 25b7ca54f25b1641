"""Create/Reset/Update/Delete/ListServiceSpecificCredentials (reference 8.3)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from . import errors
from .account import ServiceCredential, User
from .identity import derived_secret
from .paging import listing, page
from .registry import Request, Result
from .ssh_keys import new_credential_id
from .timestamps import as_created, as_stored
from .users import target_user

PER_SERVICE_QUOTA = 2  # per user and service (DOC)
SETTABLE_STATUSES = ("Active", "Inactive")
# Git and Keyspaces credentials: a user name and password (REAL).
PASSWORD_SERVICES = frozenset({"codecommit.amazonaws.com", "cassandra.amazonaws.com"})
# Long-term API keys: an alias and a secret (DOC).  CHOSEN: these two, the services AWS documents.
API_KEY_SERVICES = frozenset({"bedrock.amazonaws.com", "logs.amazonaws.com"})


def _supported(service: str) -> str:
    if service not in PASSWORD_SERVICES and service not in API_KEY_SERVICES:
        raise errors.unsupported_credential_service(service)
    return service


def output(cred: ServiceCredential, *, secret: bool, created: bool = False) -> dict[str, Any]:
    """The ServiceSpecificCredential (with its secret) or the metadata of a listing (without)."""
    out: dict[str, Any] = {
        "UserName": cred.user.name,
        "Status": cred.status,
        "ServiceName": cred.service,
        "ServiceSpecificCredentialId": cred.credential_id,
        "CreateDate": as_created(cred.created) if created else as_stored(cred.created),
    }
    if cred.service in API_KEY_SERVICES:
        out["ServiceCredentialAlias"] = cred.service_user_name
        if cred.expires is not None:
            out["ExpirationDate"] = as_stored(cred.expires)
        if secret:
            out["ServiceCredentialSecret"] = cred.secret
    else:
        out["ServiceUserName"] = cred.service_user_name
        if secret:
            out["ServicePassword"] = cred.secret
    return out


def _secret(req: Request, cred_id: str, resets: int) -> str:
    return derived_secret(req.account.account_id, cred_id, "service", str(resets))


def require_credential(user: User, credential_id: str) -> ServiceCredential:
    found = user.service_credentials.get(credential_id)
    if found is None:
        raise errors.no_such_service_credential(credential_id)
    return found


def create_service_specific_credential(req: Request) -> Result:
    user = req.account.require_user(req.params["UserName"])  # before the service (REAL)
    service = _supported(req.params["ServiceName"])
    if sum(1 for c in user.service_credentials.values() if c.service == service) >= PER_SERVICE_QUOTA:
        raise errors.service_credential_quota(PER_SERVICE_QUOTA)
    cred_id, sequence = new_credential_id(req.account, user, "ACCA", "service")
    now = req.account.clock.now()
    days = req.params.get("CredentialAgeDays")
    cred = ServiceCredential(
        credential_id=cred_id,
        user=user,
        service=service,
        service_user_name=f"{user.name}-at-{req.account.account_id}",  # REAL form
        secret=_secret(req, cred_id, 0),
        created=now,
        sequence=sequence,
        expires=now + timedelta(days=days) if days is not None and service in API_KEY_SERVICES else None,
    )
    user.service_credentials[cred_id] = cred
    req.account.service_credentials[cred_id] = cred
    return {"ServiceSpecificCredential": output(cred, secret=True, created=True)}


def reset_service_specific_credential(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    cred = require_credential(user, req.params["ServiceSpecificCredentialId"])
    cred.resets += 1
    cred.secret = _secret(req, cred.credential_id, cred.resets)
    return {"ServiceSpecificCredential": output(cred, secret=True)}


def update_service_specific_credential(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    cred = require_credential(user, req.params["ServiceSpecificCredentialId"])
    status = req.params["Status"]
    if status not in SETTABLE_STATUSES:
        raise errors.status_not_settable("Service-specific credential", "ValidationError")
    cred.status = status
    return {}


def delete_service_specific_credential(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    cred = require_credential(user, req.params["ServiceSpecificCredentialId"])
    del user.service_credentials[cred.credential_id]
    del req.account.service_credentials[cred.credential_id]
    return {}


def list_service_specific_credentials(req: Request) -> Result:
    p = req.params
    service = p.get("ServiceName")
    if service is not None:
        _supported(service)
    if p.get("AllUsers"):
        if p.get("UserName") is not None:
            raise errors.all_users_with_user_name()
        # CHOSEN: every credential of the account in id order, paged over the account's index.
        table: Any = req.account.service_credentials
        keys = None
    else:
        user = target_user(req, root_allowed=False)
        table = {f"{c.sequence:010d}": c for c in user.service_credentials.values()}  # a few per user
        keys = sorted(table)
    keep = None if service is None else (lambda c: c.service == service)
    creds, marker = page(table, p, keys=keys, keep=keep)
    return listing("ServiceSpecificCredentials", [output(c, secret=False) for c in creds], marker)
