"""Upload, Update, Delete and ListSigningCertificates (reference 8.2)."""

from __future__ import annotations

from typing import Any

from . import errors
from .account import SigningCertificate, User
from .key_material import BadKey, parse_certificate
from .paging import listing, page
from .registry import Request, Result
from .ssh_keys import new_credential_id
from .timestamps import as_created, as_stored
from .users import target_user

QUOTA = 2  # CertificatesPerUser (REAL)
SETTABLE_STATUSES = ("Active", "Inactive")
# CHOSEN: ids of 28 base32 characters, like AWS's examples (the real format is unknown).
ID_LENGTH = 28


def require_certificate(user: User, certificate_id: str) -> SigningCertificate:
    found = user.signing_certificates.get(certificate_id)
    if found is None:
        raise errors.no_such_certificate(certificate_id)
    return found


def output(user: User, cert: SigningCertificate, *, created: bool = False) -> dict[str, Any]:
    return {
        "UserName": user.name,
        "CertificateId": cert.certificate_id,
        "CertificateBody": cert.body,
        "Status": cert.status,
        "UploadDate": as_created(cert.uploaded) if created else as_stored(cert.uploaded),
    }


def upload_signing_certificate(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    body = req.params["CertificateBody"]
    # CHOSEN order: malformed (or expired), duplicate in the account, quota.
    try:
        der, not_after = parse_certificate(body)
    except BadKey:
        raise errors.malformed_certificate(body) from None
    now = req.account.clock.now()
    if not_after is not None and not_after < now:
        raise errors.malformed_certificate(body)
    if der in req.account.certificates_in_use:  # any user of the account (DOC)
        raise errors.duplicate_certificate()
    if len(user.signing_certificates) >= QUOTA:
        raise errors.certificate_quota(QUOTA)
    cert_id, sequence = new_credential_id(req.account, user, "", "certificate", ID_LENGTH)
    cert = SigningCertificate(cert_id, body, der, now, sequence)
    user.signing_certificates[cert_id] = cert
    req.account.certificates_in_use.add(der)
    return {"Certificate": output(user, cert, created=True)}


def update_signing_certificate(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    cert = require_certificate(user, req.params["CertificateId"])
    status = req.params["Status"]
    if status not in SETTABLE_STATUSES:
        raise errors.status_not_settable("Signing certificate")
    cert.status = status
    return {}


def delete_signing_certificate(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    cert = require_certificate(user, req.params["CertificateId"])
    del user.signing_certificates[cert.certificate_id]
    req.account.certificates_in_use.discard(cert.der)
    return {}


def list_signing_certificates(req: Request) -> Result:
    user = target_user(req, root_allowed=True)
    by_order = {f"{c.sequence:010d}": c for c in user.signing_certificates.values()}  # at most two
    certs, marker = page(by_order, req.params, keys=sorted(by_order))
    return listing("Certificates", [output(user, c) for c in certs], marker)
