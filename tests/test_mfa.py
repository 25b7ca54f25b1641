"""Virtual MFA devices: lifecycle, codes, listing, tags and DeleteUser's conflict (reference iam-entities.md §7)."""

from __future__ import annotations

import base64
import datetime as dt
import re
import struct
import subprocess
import sys
import zlib

import pytest
from botocore.exceptions import ClientError
from helpers import allow, allowing, error_of
from totp import hotp, totp

from pytest_iamfake import UsageError
from pytest_iamfake.model import mfa as model_mfa

pytestmark = pytest.mark.iamfake(users=["alice", "bob"])
ACCOUNT = "123456789012"
START = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)  # the fake clock's default start


def create(iam, name: str = "alice-phone", **params):  # type: ignore[no-untyped-def]
    return iam.create_virtual_mfa_device(VirtualMFADeviceName=name, **params)["VirtualMFADevice"]


def enable(iam, iamfake, user: str, device, *, steps=(-1, 0)):  # type: ignore[no-untyped-def]
    now = iamfake.clock.now()
    iam.enable_mfa_device(
        UserName=user,
        SerialNumber=device["SerialNumber"],
        AuthenticationCode1=totp(device["Base32StringSeed"], now, steps=steps[0]),
        AuthenticationCode2=totp(device["Base32StringSeed"], now, steps=steps[1]),
    )


# --- RFC 6238 itself -------------------------------------------------------------------------

# RFC 6238 Appendix B, SHA1 rows: (Unix time, 8-digit code) for the ASCII key "12345678901234567890".
RFC_6238_SHA1 = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("unix", "code"), RFC_6238_SHA1)
def test_the_tests_totp_and_the_models_match_the_rfc_6238_vectors(unix, code):
    key = b"12345678901234567890"
    assert hotp(key, unix // 30, digits=8) == code
    assert model_mfa.code_at(base64.b32encode(key), unix // 30) == code[-6:]


# --- CreateVirtualMFADevice -------------------------------------------------------------------


def test_create_returns_serial_seed_and_qr_code(iam):
    device = create(iam)
    assert set(device) == {"SerialNumber", "Base32StringSeed", "QRCodePNG"}
    assert device["SerialNumber"] == f"arn:aws:iam::{ACCOUNT}:mfa/alice-phone"
    seed = device["Base32StringSeed"]
    assert isinstance(seed, bytes)
    assert re.fullmatch(rb"[A-Z2-7]{64}", seed)
    assert len(base64.b32decode(seed)) == 40


def png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of 0/1 pixels) of a 1-bit greyscale PNG, read with zlib only."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks: dict[bytes, bytes] = {}
    pos = 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind = png[pos + 4 : pos + 8]
        chunks[kind] = chunks.get(kind, b"") + png[pos + 8 : pos + 8 + length]
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, colour, interlace) == (1, 0, 0)
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = (width + 7) // 8
    rows = []
    previous = bytes(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):  # undo the row filter (PNG spec §9; one byte per "pixel" at depth 1)
            a, b, c = (line[i - 1] if i else 0), previous[i], (previous[i - 1] if i else 0)
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        previous = bytes(line)
        rows.append(bytes((line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)))
    return width, height, rows


def test_qr_code_is_a_png_of_the_otpauth_uri(iam):
    import segno

    device = create(iam, "qr-device")
    width, height, rows = png_pixels(device["QRCodePNG"])
    # DOC: otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String, account id for a new device.
    uri = f"otpauth://totp/qr-device@{ACCOUNT}?secret={device['Base32StringSeed'].decode()}"
    matrix = segno.make_qr(uri, error="m", mask=0).matrix
    scale, border = width // (len(matrix) + 8), 4
    assert width == height == (len(matrix) + 2 * border) * scale
    for r, line in enumerate(matrix):
        for c, dark in enumerate(line):
            pixel = rows[(border + r) * scale][(border + c) * scale]
            assert pixel == (0 if dark else 1), (r, c)


def test_the_path_is_part_of_the_serial_number(iam):
    assert create(iam, "a", Path="/test-path/")["SerialNumber"] == f"arn:aws:iam::{ACCOUNT}:mfa/test-path/a"
    assert create(iam, "b", Path="/test//double/")["SerialNumber"] == f"arn:aws:iam::{ACCOUNT}:mfa/test//double/b"


def test_seeds_differ_between_devices(iam):
    assert create(iam, "one")["Base32StringSeed"] != create(iam, "two")["Base32StringSeed"]


def test_duplicate_name_at_the_same_path_already_exists(iam):
    create(iam, "dup")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        create(iam, "dup")
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "MFA device already exists.")
    create(iam, "dup", Path="/other/")  # another path is another serial number


@pytest.mark.parametrize("path", ["no-slashes", "/no-trailing", "no-leading/"])
def test_bad_path_gets_iams_sentence(iam, path):
    with pytest.raises(ClientError) as exc_info:
        create(iam, "p", Path=path)
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "The specified value for path is invalid. "
        "It must begin and end with / and contain only alphanumeric characters and/or / characters.",
    )


def test_too_long_path_gets_the_length_message(iam):
    with pytest.raises(ClientError) as exc_info:
        create(iam, "p", Path="/" + "a" * 512 + "/")
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "1 validation error detected: Value at 'path' failed to satisfy constraint: "
        "Member must have length less than or equal to 512",
    )


# --- EnableMFADevice ---------------------------------------------------------------------------


@pytest.mark.parametrize("steps", [(-1, 0), (0, 1)], ids=["T-1,T", "T,T+1"])
def test_enable_accepts_two_consecutive_codes(iamfake, iam, steps):
    device = create(iam)
    enable(iam, iamfake, "alice", device, steps=steps)
    listed = iam.list_mfa_devices(UserName="alice")
    assert listed["MFADevices"] == [
        {"UserName": "alice", "SerialNumber": device["SerialNumber"], "EnableDate": iamfake.clock.now()}
    ]
    assert listed["IsTruncated"] is False


@pytest.mark.parametrize("steps", [(-2, -1), (1, 2), (0, 0), (0, -1), (-1, 1)])
def test_enable_refuses_codes_outside_the_window_or_out_of_order(iamfake, iam, steps):
    device = create(iam)
    with pytest.raises(iam.exceptions.InvalidAuthenticationCodeException) as exc_info:
        enable(iam, iamfake, "alice", device, steps=steps)
    assert error_of(exc_info) == ("InvalidAuthenticationCode", 403, "Authentication code for device is not valid.")
    assert iam.list_mfa_devices(UserName="alice")["MFADevices"] == []


def test_codes_follow_the_fake_clock(iamfake, iam):
    device = create(iam)
    old = iamfake.clock.now()
    iamfake.clock.advance(90)
    with pytest.raises(iam.exceptions.InvalidAuthenticationCodeException):
        iam.enable_mfa_device(
            UserName="alice",
            SerialNumber=device["SerialNumber"],
            AuthenticationCode1=totp(device["Base32StringSeed"], old, steps=-1),
            AuthenticationCode2=totp(device["Base32StringSeed"], old),
        )
    enable(iam, iamfake, "alice", device)


def test_enable_for_an_unknown_user_checks_the_user_before_the_codes(iam):
    device = create(iam)
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.enable_mfa_device(
            UserName="ghost",
            SerialNumber=device["SerialNumber"],
            AuthenticationCode1="123456",
            AuthenticationCode2="654321",
        )
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name ghost cannot be found.")


def test_enable_an_unknown_serial(iam):
    serial = f"arn:aws:iam::{ACCOUNT}:mfa/nothing"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.enable_mfa_device(
            UserName="alice", SerialNumber=serial, AuthenticationCode1="123456", AuthenticationCode2="654321"
        )
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"MFA Device with serial number {serial} does not exist.")


def test_a_device_enabled_for_one_user_is_in_use_for_another(iamfake, iam):
    device = create(iam)
    enable(iam, iamfake, "alice", device)
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException) as exc_info:
        enable(iam, iamfake, "bob", device)
    assert error_of(exc_info) == ("EntityAlreadyExists", 409, "MFA Device is already in use.")


def test_a_user_has_at_most_eight_devices(iamfake, iam):
    for n in range(8):
        enable(iam, iamfake, "alice", create(iam, f"d{n}"))
    with pytest.raises(iam.exceptions.LimitExceededException) as exc_info:
        enable(iam, iamfake, "alice", create(iam, "d8"))
    assert error_of(exc_info) == ("LimitExceeded", 409, "Cannot exceed quota for MFADevicesPerUser: 8")
    enable(iam, iamfake, "bob", create(iam, "for-bob"))  # the quota is per user


# --- listing -----------------------------------------------------------------------------------


def test_list_mfa_devices_without_user_name_from_root_is_refused(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.list_mfa_devices()
    assert error_of(exc_info) == (
        "ValidationError",
        400,
        "Must specify userName when calling with non-User credentials",
    )


def test_a_user_lists_its_own_devices(iamfake):
    serial = iamfake.add_mfa_device("alice")
    allow(iamfake, "alice")
    own = iamfake.client(user="alice").list_mfa_devices()["MFADevices"]
    assert [d["SerialNumber"] for d in own] == [serial]


def test_list_mfa_devices_of_an_unknown_user(iam):
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.list_mfa_devices(UserName="ghost")
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name ghost cannot be found.")


def test_list_virtual_devices_by_assignment_status(iamfake, iam):
    free = create(iam, "free")["SerialNumber"]
    used = create(iam, "used")
    enable(iam, iamfake, "alice", used)
    everything = iam.list_virtual_mfa_devices()
    assert everything["IsTruncated"] is False
    by_serial = {d["SerialNumber"]: d for d in everything["VirtualMFADevices"]}
    assert by_serial[free] == {"SerialNumber": free}  # unassigned: the serial number only
    assigned = by_serial[used["SerialNumber"]]
    assert set(assigned) == {"SerialNumber", "User", "EnableDate"}
    assert assigned["EnableDate"] == iamfake.clock.now()
    user = iam.get_user(UserName="alice")["User"]
    assert assigned["User"] == {k: user[k] for k in ("Path", "UserName", "UserId", "Arn", "CreateDate")}
    listed = iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned")["VirtualMFADevices"]
    assert [d["SerialNumber"] for d in listed] == [free]
    listed = iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]
    assert [d["SerialNumber"] for d in listed] == [used["SerialNumber"]]
    assert len(iam.list_virtual_mfa_devices(AssignmentStatus="Any")["VirtualMFADevices"]) == 2


def test_list_virtual_devices_pages(iam):
    serials = {create(iam, f"dev{n}")["SerialNumber"] for n in range(5)}
    first = iam.list_virtual_mfa_devices(MaxItems=1)
    assert first["IsTruncated"] is True
    assert len(first["VirtualMFADevices"]) == 1
    assert first["Marker"]
    pages = iam.get_paginator("list_virtual_mfa_devices").paginate(PaginationConfig={"PageSize": 2})
    assert [d["SerialNumber"] for p in pages for d in p["VirtualMFADevices"]] == sorted(serials)


def test_list_virtual_devices_with_a_bad_marker(iam):
    with pytest.raises(ClientError) as exc_info:
        iam.list_virtual_mfa_devices(Marker="not-a-marker")
    assert error_of(exc_info) == ("ValidationError", 400, "Invalid Marker.")


def test_list_mfa_devices_pages_with_the_paginator(iamfake, iam):
    serials = [iamfake.add_mfa_device("alice", name=f"p{n}") for n in range(3)]
    pages = iam.get_paginator("list_mfa_devices").paginate(UserName="alice", PaginationConfig={"PageSize": 1})
    assert [d["SerialNumber"] for p in pages for d in p["MFADevices"]] == sorted(serials)


# --- DeactivateMFADevice, DeleteVirtualMFADevice -----------------------------------------------


def test_deactivate_unassigns_without_deleting(iamfake, iam):
    device = create(iam)
    enable(iam, iamfake, "alice", device)
    iam.deactivate_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"])
    assert iam.list_mfa_devices(UserName="alice")["MFADevices"] == []
    unassigned = iam.list_virtual_mfa_devices(AssignmentStatus="Unassigned")["VirtualMFADevices"]
    assert unassigned == [{"SerialNumber": device["SerialNumber"]}]
    enable(iam, iamfake, "bob", device)  # free again


def test_deactivate_errors(iam):
    serial = f"arn:aws:iam::{ACCOUNT}:mfa/nothing"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.deactivate_mfa_device(UserName="ghost", SerialNumber=serial)
    assert error_of(exc_info) == ("NoSuchEntity", 404, "The user with name ghost cannot be found.")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.deactivate_mfa_device(UserName="alice", SerialNumber=serial)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"MFA Device with serial number {serial} does not exist.")


def test_delete_an_unknown_device(iam):
    serial = f"arn:aws:iam::{ACCOUNT}:mfa/nothing"
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.delete_virtual_mfa_device(SerialNumber=serial)
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"MFA Device with serial number {serial} does not exist.")


def test_an_enabled_device_cannot_be_deleted_until_deactivated(iamfake, iam):
    device = create(iam)
    enable(iam, iamfake, "alice", device)
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_virtual_mfa_device(SerialNumber=device["SerialNumber"])
    code, status, _ = error_of(exc_info)
    assert (code, status) == ("DeleteConflict", 409)
    iam.deactivate_mfa_device(UserName="alice", SerialNumber=device["SerialNumber"])
    iam.delete_virtual_mfa_device(SerialNumber=device["SerialNumber"])
    assert iam.list_virtual_mfa_devices()["VirtualMFADevices"] == []


def test_delete_user_reports_the_login_profile_before_the_mfa_device(iamfake, iam):
    iamfake.add_mfa_device("alice")
    iamfake.add_login_profile("alice", "Correct-Horse-9")
    with pytest.raises(iam.exceptions.DeleteConflictException) as exc_info:
        iam.delete_user(UserName="alice")
    assert error_of(exc_info)[2] == "Cannot delete entity, must delete login profile first."


# --- ResyncMFADevice ---------------------------------------------------------------------------


def test_resync_finds_a_device_whose_clock_drifted(iamfake, iam):
    serial = iamfake.add_mfa_device("alice")
    drifted = (iamfake.mfa_code(serial, window=6), iamfake.mfa_code(serial, window=7))
    iam.resync_mfa_device(
        UserName="alice", SerialNumber=serial, AuthenticationCode1=drifted[0], AuthenticationCode2=drifted[1]
    )
    sts = iamfake.client("sts", user="alice")
    # After the resync, the device's (drifted) current code is the one accepted.
    sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial, window=7))
    with pytest.raises(ClientError):
        sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial, window=0))


def test_resync_errors(iamfake, iam):
    serial = iamfake.add_mfa_device("alice")
    with pytest.raises(iam.exceptions.InvalidAuthenticationCodeException) as exc_info:
        iam.resync_mfa_device(
            UserName="alice", SerialNumber=serial, AuthenticationCode1="000000", AuthenticationCode2="000000"
        )
    assert error_of(exc_info) == ("InvalidAuthenticationCode", 403, "Authentication code for device is not valid.")
    with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
        iam.resync_mfa_device(
            UserName="bob", SerialNumber=serial, AuthenticationCode1="000000", AuthenticationCode2="000000"
        )
    assert error_of(exc_info) == ("NoSuchEntity", 404, f"MFA Device with serial number {serial} does not exist.")


# --- GetMFADevice, tags ------------------------------------------------------------------------


def test_get_mfa_device(iamfake, iam):
    serial = iamfake.add_mfa_device("alice")
    got = iam.get_mfa_device(SerialNumber=serial, UserName="alice")
    assert {k: got[k] for k in ("UserName", "SerialNumber", "EnableDate")} == {
        "UserName": "alice",
        "SerialNumber": serial,
        "EnableDate": iamfake.clock.now(),
    }
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_mfa_device(SerialNumber=serial, UserName="bob")


def test_tags_on_a_device(iam):
    serial = create(iam, "tagged", Tags=[{"Key": "team", "Value": "blue"}])["SerialNumber"]
    iam.tag_mfa_device(SerialNumber=serial, Tags=[{"Key": "env", "Value": "ci"}, {"Key": "team", "Value": "red"}])
    listed = iam.list_mfa_device_tags(SerialNumber=serial)
    assert listed["Tags"] == [{"Key": "env", "Value": "ci"}, {"Key": "team", "Value": "red"}]
    assert listed["IsTruncated"] is False
    iam.untag_mfa_device(SerialNumber=serial, TagKeys=["env", "absent"])
    assert iam.list_mfa_device_tags(SerialNumber=serial)["Tags"] == [{"Key": "team", "Value": "red"}]
    assert "Tags" not in iam.list_virtual_mfa_devices()["VirtualMFADevices"][0]


def test_tags_on_an_unknown_device(iam):
    serial = f"arn:aws:iam::{ACCOUNT}:mfa/nothing"
    for call in (
        lambda: iam.tag_mfa_device(SerialNumber=serial, Tags=[{"Key": "k", "Value": "v"}]),
        lambda: iam.untag_mfa_device(SerialNumber=serial, TagKeys=["k"]),
        lambda: iam.list_mfa_device_tags(SerialNumber=serial),
    ):
        with pytest.raises(iam.exceptions.NoSuchEntityException) as exc_info:
            call()
        assert error_of(exc_info)[2] == f"MFA Device with serial number {serial} does not exist."


# --- the handle's helpers ------------------------------------------------------------------------


def test_mfa_code_is_the_rfc_6238_code_at_the_fake_time(iamfake, iam):
    device = create(iam)
    serial, seed = device["SerialNumber"], device["Base32StringSeed"]
    now = iamfake.clock.now()
    assert iamfake.mfa_code(serial) == totp(seed, now)
    assert iamfake.mfa_code(serial, window=-1) == totp(seed, now, steps=-1)
    assert iamfake.mfa_code(serial, window=3) == totp(seed, now, steps=3)
    iamfake.clock.advance(30)
    assert iamfake.mfa_code(serial) == totp(seed, now, steps=1)


def test_mfa_code_of_an_unknown_serial_names_the_known_devices(iamfake):
    serial = iamfake.add_mfa_device("alice")
    with pytest.raises(UsageError, match=re.escape(serial)):
        iamfake.mfa_code("arn:aws:iam::123456789012:mfa/nothing")
    with pytest.raises(UsageError, match="whole number"):
        iamfake.mfa_code(serial, window=0.5)  # type: ignore[arg-type]


def test_add_mfa_device_creates_and_enables(iamfake, iam):
    serial = iamfake.add_mfa_device("alice", name="alice-token")
    assert iamfake.calls == []  # arranged, not recorded
    assert serial == f"arn:aws:iam::{ACCOUNT}:mfa/alice-token"
    assert [d["SerialNumber"] for d in iam.list_mfa_devices(UserName="alice")["MFADevices"]] == [serial]
    with pytest.raises(UsageError, match="ghost"):
        iamfake.add_mfa_device("ghost")
    assert len(iam.list_virtual_mfa_devices()["VirtualMFADevices"]) == 1  # nothing left half-made


def test_the_model_imports_without_segno():
    code = "import sys, pytest_iamfake.model.mfa, pytest_iamfake.model.backend; print('segno' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


# --- the root user's device ------------------------------------------------------------------------


@pytest.mark.iamfake(users=["admin"])
def test_a_root_session_lists_and_deactivates_the_roots_device(iamfake):
    serial = iamfake.add_root_mfa_device()
    assert serial == f"arn:aws:iam::{ACCOUNT}:mfa/root-account-mfa-device"
    allow(iamfake, "admin", allowing("sts:AssumeRoot"))

    def root_session(policy: str):  # type: ignore[no-untyped-def]
        credentials = iamfake.client("sts", user="admin").assume_root(
            TargetPrincipal=ACCOUNT, TaskPolicyArn={"arn": f"arn:aws:iam::aws:policy/root-task/{policy}"}
        )["Credentials"]
        return iamfake.client(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
        )

    listed = root_session("IAMAuditRootUserCredentials").list_mfa_devices()["MFADevices"]
    assert [(d["UserName"], d["SerialNumber"]) for d in listed] == [(ACCOUNT, serial)]
    root_session("IAMDeleteRootUserCredentials").deactivate_mfa_device(SerialNumber=serial)
    assert root_session("IAMAuditRootUserCredentials").list_mfa_devices()["MFADevices"] == []


def test_the_root_signs_a_session_with_its_device(iamfake):
    serial = iamfake.add_root_mfa_device("my-root-token")
    sts = iamfake.client("sts")
    credentials = sts.get_session_token(SerialNumber=serial, TokenCode=iamfake.mfa_code(serial))["Credentials"]
    assert iamfake.backend.caller_for(credentials["AccessKeyId"]).mfa_authenticated_at == iamfake.clock.now()


def test_add_root_mfa_device_refuses_a_bad_name(iamfake):
    with pytest.raises(UsageError, match="device name"):
        iamfake.add_root_mfa_device("no spaces")
