"""Virtual MFA devices: their lifecycle, tags, and the RFC 6238 codes they show.

Reference iam-entities.md §7.  A device's seed is the base32 text of its TOTP secret (as
bytes, the service model's blob); its codes are 6 digits from HMAC-SHA1 over 30-second steps
of the fake clock.  A device enabled for a user is filed both in the account's table and in
the user's `mfa_devices`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
from datetime import datetime
from typing import Any

from . import errors, tags
from .account import Account, User, VirtualMFADevice
from .names import fold
from .paging import listing, page
from .registry import Request, Result
from .timestamps import as_stored
from .users import target_user, user_output

STEP = 30  # seconds per TOTP code (RFC 6238 default; AWS's virtual devices)
DIGITS = 6
QUOTA = 8  # MFA devices in use per user (DOC, D-QUOTA)
# CHOSEN: ResyncMFADevice finds a device whose clock is off by up to 20 steps (10 minutes).
RESYNC_REACH = 20
SEED_BYTES = 40  # CHOSEN: a 320-bit secret, 64 base32 characters (AWS's length is unknown)


# --- codes ----------------------------------------------------------------------------------


def code_at(seed: bytes, counter: int) -> str:
    """The RFC 6238 code for time step `counter` (HOTP over HMAC-SHA1, dynamic truncation)."""
    digest = hmac.new(base64.b32decode(seed), counter.to_bytes(8, "big"), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return f"{value % 10**DIGITS:0{DIGITS}d}"


def step_of(moment: datetime) -> int:
    """The TOTP time step of an instant: whole 30-second periods since the Unix epoch."""
    return int(moment.timestamp()) // STEP


def code_for(device: VirtualMFADevice, moment: datetime, window: int = 0) -> str:
    """What the device shows at `moment` if its clock is `window` steps ahead."""
    return code_at(device.seed, step_of(moment) + window)


def pair_matches(device: VirtualMFADevice, step: int, first: str, second: str) -> bool:
    """Whether `first`, `second` are the device's codes for steps `step` and `step + 1`."""
    return hmac.compare_digest(code_at(device.seed, step), first) and hmac.compare_digest(
        code_at(device.seed, step + 1), second
    )


def accepts(device: VirtualMFADevice, code: str, moment: datetime) -> bool:
    """Whether a single code (sign-in, GetSessionToken) is the device's at `moment`.

    CHOSEN: one step either side of the device's (resynchronised) time is accepted, and a
    code may be used more than once.
    """
    now = step_of(moment) + device.drift
    return any(hmac.compare_digest(code_at(device.seed, now + shift), code) for shift in (-1, 0, 1))


def check_first_pair(device: VirtualMFADevice, moment: datetime, first: str, second: str) -> None:
    """EnableMFADevice: two consecutive codes for the windows (T-1, T) or (T, T+1)."""
    now = step_of(moment)
    if not (pair_matches(device, now - 1, first, second) or pair_matches(device, now, first, second)):
        raise errors.invalid_authentication_code()


def resynchronise(device: VirtualMFADevice, moment: datetime, first: str, second: str) -> None:
    """ResyncMFADevice: find the pair within RESYNC_REACH steps; the later code is the device's now."""
    now = step_of(moment)
    # Nearest offsets first, so that a pair that fits an in-sync device keeps drift 0.
    for offset in sorted(range(-RESYNC_REACH - 1, RESYNC_REACH + 1), key=lambda k: (abs(k + 1), k)):
        if pair_matches(device, now + offset, first, second):
            device.drift = offset + 1
            return
    raise errors.invalid_authentication_code()


# --- the QR code ------------------------------------------------------------------------------


def otpauth_uri(name: str, account_name: str, seed: bytes) -> str:
    """What the QR code encodes (DOC: otpauth://totp/$virtualMFADeviceName@$AccountName?secret=...)."""
    return f"otpauth://totp/{name}@{account_name}?secret={seed.decode('ascii')}"


def qr_png(uri: str) -> bytes:
    """A PNG of the QR code of `uri`.

    segno (pure Python) is imported here, on the first device created, never at import.  A
    fixed mask pattern (any of the eight is valid) skips segno's mask scoring, most of the cost.
    """
    import segno

    out = io.BytesIO()
    segno.make_qr(uri, error="m", mask=0).save(out, kind="png", scale=4, border=4)
    return out.getvalue()


# --- lookups ----------------------------------------------------------------------------------


def find_device(account: Account, serial: str) -> VirtualMFADevice | None:
    return account.mfa_devices.find(fold(serial))


def require_device(account: Account, serial: str) -> VirtualMFADevice:
    device = find_device(account, serial)
    if device is None:
        raise errors.no_such_mfa_device(serial)
    return device


def enabled_device(user: User, serial: str) -> VirtualMFADevice | None:
    """The device with this serial number if it is enabled for `user`."""
    return user.mfa_devices.get(fold(serial))


def mfa_active(user: User) -> bool:
    """Whether `user` (or the root) has an MFA device enabled (credential report, summary)."""
    return bool(user.mfa_devices)


def new_seed(account: Account, serial: str) -> bytes:
    """A secret that is the same in every run for the same history, as base32 text."""
    account.mfa_devices_created += 1
    material = f"mfa\x00{account.account_id}\x00{serial}\x00{account.mfa_devices_created}".encode()
    return base64.b32encode(hashlib.sha512(material).digest()[:SEED_BYTES])


def devices(account: Account) -> int:
    """Virtual MFA devices of the account, assigned or not (summary MFADevices)."""
    return len(account.mfa_devices)


def devices_in_use(account: Account) -> int:
    """MFA devices enabled for users and the root (summary MFADevicesInUse)."""
    return account.mfa_devices_in_use


def enable(account: Account, user: User, device: VirtualMFADevice) -> None:
    """Assign a free device to `user` (the caller has checked the quota and the codes)."""
    device.user = user
    device.enabled = account.clock.now()
    device.drift = 0
    user.mfa_devices[fold(device.serial)] = device
    account.mfa_devices_in_use += 1


def disable(account: Account, user: User, device: VirtualMFADevice) -> None:
    """Unassign: the virtual device still exists, free for any user (REAL)."""
    del user.mfa_devices[fold(device.serial)]
    device.user = None
    device.enabled = None
    device.drift = 0
    account.mfa_devices_in_use -= 1


# --- handlers ---------------------------------------------------------------------------------


def new_device(account: Account, name: str, path: str, requested: list[dict[str, str]]) -> VirtualMFADevice:
    """File a new unassigned virtual device; EntityAlreadyExists for a serial number in use."""
    serial = f"arn:aws:iam::{account.account_id}:mfa{path}{name}"
    # CHOSEN: names are unique per path, case-insensitively like other IAM names.
    if fold(serial) in account.mfa_devices:
        raise errors.mfa_device_exists()
    device = VirtualMFADevice(serial, new_seed(account, serial), account.clock.now(), requested)
    account.mfa_devices[fold(serial)] = device
    return device


def add_root_device(account: Account, name: str) -> VirtualMFADevice:
    """Give the account's root user an enabled virtual device (the console's way; no API does it)."""
    if len(account.root.mfa_devices) >= QUOTA:
        raise errors.mfa_device_quota(QUOTA)
    device = new_device(account, name, "/", [])
    enable(account, account.root, device)
    return device


def create_virtual_mfa_device(req: Request) -> Result:
    p = req.params
    account = req.account
    name = p["VirtualMFADeviceName"]
    requested = tags.requested(p.get("Tags", []))
    device = new_device(account, name, p.get("Path", "/"), requested)
    # DOC: AccountName is the user name if set, else the account id; a new device has no user.
    png = qr_png(otpauth_uri(name, account.account_id, device.seed))
    out: dict[str, Any] = {"SerialNumber": device.serial, "Base32StringSeed": device.seed, "QRCodePNG": png}
    if requested:
        out["Tags"] = [dict(tag) for tag in requested]
    return {"VirtualMFADevice": out}


def enable_mfa_device(req: Request) -> Result:
    p = req.params
    user = req.account.require_user(p["UserName"])  # before the codes (REAL)
    device = require_device(req.account, p["SerialNumber"])
    if device.user is not None:
        raise errors.mfa_device_in_use()
    if len(user.mfa_devices) >= QUOTA:
        raise errors.mfa_device_quota(QUOTA)
    check_first_pair(device, req.account.clock.now(), p["AuthenticationCode1"], p["AuthenticationCode2"])
    enable(req.account, user, device)
    return {}


def deactivate_mfa_device(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    serial = req.params["SerialNumber"]
    device = enabled_device(user, serial)
    if device is None:
        raise errors.no_such_mfa_device(serial)
    disable(req.account, user, device)
    return {}


def delete_virtual_mfa_device(req: Request) -> Result:
    device = require_device(req.account, req.params["SerialNumber"])
    if device.user is not None:
        raise errors.mfa_device_still_enabled()
    del req.account.mfa_devices[fold(device.serial)]
    return {}


def resync_mfa_device(req: Request) -> Result:
    p = req.params
    user = req.account.require_user(p["UserName"])
    device = enabled_device(user, p["SerialNumber"])
    if device is None:
        raise errors.no_such_mfa_device(p["SerialNumber"])
    resynchronise(device, req.account.clock.now(), p["AuthenticationCode1"], p["AuthenticationCode2"])
    return {}


def mfa_device_output(user: User, device: VirtualMFADevice) -> dict[str, Any]:
    assert device.enabled is not None
    return {"UserName": user.name, "SerialNumber": device.serial, "EnableDate": as_stored(device.enabled)}


def list_mfa_devices(req: Request) -> Result:
    user = target_user(req, root_allowed=False)
    # CHOSEN: in serial-number order (at most eight, sorted per call).
    found, marker = page(user.mfa_devices, req.params, keys=sorted(user.mfa_devices))
    return listing("MFADevices", [mfa_device_output(user, d) for d in found], marker)


def virtual_device_output(device: VirtualMFADevice) -> dict[str, Any]:
    """Unassigned devices show only SerialNumber; assigned ones add User and EnableDate (REAL)."""
    if device.user is None or device.enabled is None:
        return {"SerialNumber": device.serial}
    return {
        "SerialNumber": device.serial,
        "User": user_output(device.user, listing=True),
        "EnableDate": as_stored(device.enabled),
    }


_ASSIGNED = {"Assigned": True, "Unassigned": False}


def list_virtual_mfa_devices(req: Request) -> Result:
    status = req.params.get("AssignmentStatus", "Any")  # default Any (REAL)
    wanted = _ASSIGNED.get(status)
    keep = None if wanted is None else (lambda d: (d.user is not None) is wanted)
    found, marker = page(req.account.mfa_devices, req.params, keep=keep)
    return listing("VirtualMFADevices", [virtual_device_output(d) for d in found], marker)


def get_mfa_device(req: Request) -> Result:
    """CHOSEN: answered for enabled virtual devices (IAM documents it for FIDO keys only).

    Without UserName, the device's own user; no Certifications (those are FIDO's).
    """
    serial = req.params["SerialNumber"]
    name = req.params.get("UserName")
    device = find_device(req.account, serial)
    if name is not None:
        user = req.account.require_user(name)
        if device is not None and device.user is not user:
            device = None
    if device is None or device.user is None:
        raise errors.no_such_mfa_device(serial)
    return mfa_device_output(device.user, device)


def tag_mfa_device(req: Request) -> Result:
    device = require_device(req.account, req.params["SerialNumber"])
    device.tags = tags.merged(device.tags, req.params["Tags"])
    return {}


def untag_mfa_device(req: Request) -> Result:
    device = require_device(req.account, req.params["SerialNumber"])
    device.tags = tags.without(device.tags, req.params["TagKeys"])
    return {}


def list_mfa_device_tags(req: Request) -> Result:
    device = require_device(req.account, req.params["SerialNumber"])
    return tags.tag_listing(device.tags, req.params)
