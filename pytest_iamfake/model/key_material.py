"""Reading public keys and X.509 certificates with the standard library only.

IAM takes SSH public keys as `ssh-rsa` (OpenSSH) or PEM text, of at least 2048 bits
(DOC), and signing certificates as PEM X.509.  The fake checks what it can check
without a crypto library: the encodings, the DER structure, the RSA modulus length
and a certificate's notAfter date; it never verifies a signature.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timezone

MIN_RSA_BITS = 2048  # DOC: "the key must be at least 2048 bits"
_RSA_OID = bytes.fromhex("2a864886f70d010101")  # 1.2.840.113549.1.1.1 rsaEncryption
_PEM = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\s*(.*?)\s*-----END \1-----", re.DOTALL)


class BadKey(ValueError):
    """Key material that is recognizably RSA but malformed; the message says why."""


class UnknownEncoding(ValueError):
    """Text that is neither an `ssh-rsa` line nor a PEM public key."""


@dataclass(frozen=True)
class RSAPublicKey:
    """An RSA public key: modulus `n`, exponent `e`."""

    n: int
    e: int

    @property
    def bits(self) -> int:
        return self.n.bit_length()

    def ssh_blob(self) -> bytes:
        """The OpenSSH wire form: string "ssh-rsa", mpint e, mpint n."""
        return _ssh_string(b"ssh-rsa") + _ssh_string(_mpint(self.e)) + _ssh_string(_mpint(self.n))

    def ssh_text(self) -> str:
        return "ssh-rsa " + base64.b64encode(self.ssh_blob()).decode()

    def pem_text(self) -> str:
        """A PEM SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), 64 characters a line."""
        rsa_key = _der(0x30, _der_int(self.n) + _der_int(self.e))
        algorithm = _der(0x30, _der(0x06, _RSA_OID) + _der(0x05, b""))
        info = _der(0x30, algorithm + _der(0x03, b"\x00" + rsa_key))
        return pem("PUBLIC KEY", info)

    def fingerprint(self) -> str:
        """The MD5 digest of the OpenSSH blob, colon-separated hex (as `ssh-keygen -E md5`)."""
        digest = hashlib.md5(self.ssh_blob(), usedforsecurity=False).hexdigest()
        return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def pem(label: str, der: bytes) -> str:
    text = base64.b64encode(der).decode()
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]) + "\n"


def parse_public_key(body: str) -> tuple[RSAPublicKey, str]:
    """The key in `body` and its encoding ("SSH" or "PEM"); raises UnknownEncoding or BadKey."""
    text = body.strip()
    if text.startswith("ssh-rsa"):
        return _parse_ssh(text), "SSH"
    found = _PEM.fullmatch(text)
    if found is not None and found.group(1) in ("PUBLIC KEY", "RSA PUBLIC KEY"):
        der = _b64(found.group(2))
        if found.group(1) == "RSA PUBLIC KEY":
            return _rsa_from_pkcs1(der), "PEM"
        return _rsa_from_spki(der), "PEM"
    raise UnknownEncoding(body)


def parse_certificate(body: str) -> tuple[bytes, datetime | None]:
    """The DER of a PEM X.509 certificate and its notAfter; raises BadKey when malformed."""
    found = _PEM.fullmatch(body.strip())
    if found is None or found.group(1) != "CERTIFICATE":
        raise BadKey("not a PEM certificate")
    der = _b64(found.group(2))
    certificate, rest = _read(der, 0x30)
    if rest:
        raise BadKey("trailing data after the certificate")
    tbs, after_tbs = _read(certificate, 0x30)
    _, after_algorithm = _read(after_tbs, 0x30)
    _, after_signature = _read(after_algorithm, 0x03)
    if after_signature:
        raise BadKey("unexpected fields in the certificate")
    return der, _not_after(tbs)


# --- OpenSSH ---------------------------------------------------------------------------


def _parse_ssh(text: str) -> RSAPublicKey:
    parts = text.split()
    if len(parts) < 2:
        raise BadKey("the key data is missing")
    blob = _b64(parts[1])
    kind, rest = _ssh_read(blob)
    if kind != b"ssh-rsa":
        raise BadKey("the key type inside the data is not ssh-rsa")
    e, rest = _ssh_read(rest)
    n, rest = _ssh_read(rest)
    if rest:
        raise BadKey("trailing data after the key")
    return _checked(int.from_bytes(n, "big"), int.from_bytes(e, "big"))


def _ssh_read(data: bytes) -> tuple[bytes, bytes]:
    if len(data) < 4:
        raise BadKey("the key data is truncated")
    size = int.from_bytes(data[:4], "big")
    if len(data) < 4 + size:
        raise BadKey("the key data is truncated")
    return data[4 : 4 + size], data[4 + size :]


def _ssh_string(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _mpint(value: int) -> bytes:
    # A leading zero byte keeps a value with its high bit set positive.
    return value.to_bytes(value.bit_length() // 8 + 1, "big")


# --- DER -------------------------------------------------------------------------------


def _read(data: bytes, tag: int | None = None) -> tuple[bytes, bytes]:
    """(content of the first DER element, what follows it); checks the tag if given."""
    if len(data) < 2:
        raise BadKey("the DER data is truncated")
    if tag is not None and data[0] != tag:
        raise BadKey("unexpected DER structure")
    size, offset = data[1], 2
    if size & 0x80:
        count = size & 0x7F
        if count == 0 or count > 4 or len(data) < 2 + count:
            raise BadKey("bad DER length")
        size, offset = int.from_bytes(data[2 : 2 + count], "big"), 2 + count
    if len(data) < offset + size:
        raise BadKey("the DER data is truncated")
    return data[offset : offset + size], data[offset + size :]


def _der(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes([tag, size]) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(length)]) + length + content


def _der_int(value: int) -> bytes:
    return _der(0x02, _mpint(value))


def _rsa_from_pkcs1(der: bytes) -> RSAPublicKey:
    sequence, rest = _read(der, 0x30)
    if rest:
        raise BadKey("trailing data after the key")
    n, after_n = _read(sequence, 0x02)
    e, after_e = _read(after_n, 0x02)
    if after_e:
        raise BadKey("unexpected fields in the key")
    return _checked(int.from_bytes(n, "big"), int.from_bytes(e, "big"))


def _rsa_from_spki(der: bytes) -> RSAPublicKey:
    info, rest = _read(der, 0x30)
    if rest:
        raise BadKey("trailing data after the key")
    algorithm, after_algorithm = _read(info, 0x30)
    oid, _ = _read(algorithm, 0x06)
    if oid != _RSA_OID:
        raise BadKey("only RSA keys are supported")
    bits, _ = _read(after_algorithm, 0x03)
    if not bits or bits[0] != 0:
        raise BadKey("bad key bit string")
    return _rsa_from_pkcs1(bits[1:])


def _checked(n: int, e: int) -> RSAPublicKey:
    key = RSAPublicKey(n, e)
    if key.bits < MIN_RSA_BITS:
        raise BadKey(f"the key has {key.bits} bits; at least {MIN_RSA_BITS} are required")
    return key


def _not_after(tbs: bytes) -> datetime | None:
    """notAfter of a TBSCertificate: [0] version?, serial, signature, issuer, validity, ..."""
    rest = tbs
    if rest[:1] == b"\xa0":  # the explicit version tag is optional
        _, rest = _read(rest)
    for _ in range(3):  # serialNumber, signature algorithm, issuer
        _, rest = _read(rest)
    validity, _ = _read(rest, 0x30)
    _, after_not_before = _read(validity)
    tag = after_not_before[:1]
    value, _ = _read(after_not_before)
    text = value.decode("ascii", "replace")
    try:
        if tag == b"\x17":  # UTCTime YYMMDDHHMMSSZ
            return datetime.strptime(text, "%y%m%d%H%M%SZ").replace(tzinfo=timezone.utc)
        if tag == b"\x18":  # GeneralizedTime YYYYMMDDHHMMSSZ
            return datetime.strptime(text, "%Y%m%d%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        raise BadKey("bad validity date") from None
    raise BadKey("bad validity date")


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        raise BadKey("the base64 data is invalid") from None
