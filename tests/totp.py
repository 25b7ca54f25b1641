"""RFC 6238 written out for the tests, independent of the fake's own code (model/mfa.py)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
from datetime import datetime


def hotp(key: bytes, counter: int, digits: int = 6) -> str:
    """RFC 4226: HMAC-SHA1 of the 8-byte big-endian counter, dynamically truncated."""
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[19] & 0xF
    number = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10**digits).rjust(digits, "0")


def totp(seed: bytes, at: datetime, *, steps: int = 0, digits: int = 6) -> str:
    """RFC 6238 with 30-second steps from the Unix epoch; `seed` is base32 text, as IAM gives it."""
    return hotp(base64.b32decode(seed), int(at.timestamp()) // 30 + steps, digits)
