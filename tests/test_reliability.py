"""Reliability: arbitrary input never breaks the fake, threads lose nothing, tests share no state,
and no test needs the network.

The property tests walk the operation table at run time, so operations added to the
model later are covered without touching this file.
"""

from __future__ import annotations

import functools
import os
import threading
import uuid
from typing import Any

import boto3
import pytest
from botocore import xform_name
from botocore.exceptions import ClientError, ParamValidationError
from botocore.model import OperationModel, Shape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pytest_iamfake
from pytest_iamfake import fake_iam
from pytest_iamfake.model.errors import COMMON_STATUS
from pytest_iamfake.model.operations import OPERATIONS
from pytest_iamfake.services import service_model

# What the fake models and the installed botocore can call (an older model may lack an operation).
COVERED = sorted(op for op in OPERATIONS if op[1] in service_model(op[0]).operation_names)
EXAMPLES = int(os.environ.get("IAMFAKE_HYPOTHESIS_EXAMPLES", "20"))  # raise it to hunt for bugs
GOOD = "Str0ng!Passw0rd"
# Values real tests use, by member name, drawn two times in three so that sequences reach
# deep states (existing users, profiles, keys, sessions) instead of failing at the first lookup.
TYPICAL: dict[str, list[Any]] = {
    "UserName": ["alice", "ALICE", "bob"],
    "Password": [GOOD, "An0ther!Passw0rd", "password"],
    "TargetPrincipal": ["111122223333", "arn:aws:iam::111122223333:root"],
    "arn": ["arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword"],
}
TYPICAL["OldPassword"] = TYPICAL["NewPassword"] = TYPICAL["Password"]
TYPICAL_INTS = [0, 1, 6, 8, 24, 90, 128, 900, 1096, 3600, 43200, -1, 2**31, 2**63]


def arbitrary(member: str, base: st.SearchStrategy[Any], typical: list[Any]) -> st.SearchStrategy[Any]:
    known = TYPICAL.get(member, typical)
    return st.one_of(st.sampled_from(known), st.sampled_from(known), base) if known else base


def from_shape(shape: Shape, member: str = "", depth: int = 0) -> st.SearchStrategy[Any]:
    """Any value botocore's input shape could carry (and some it would refuse)."""
    kind = shape.type_name
    if kind == "structure":
        members = shape.members  # type: ignore[attr-defined]
        required = set(shape.required_members) if depth < 4 else set()  # type: ignore[attr-defined]
        strategies = {name: from_shape(m, name, depth + 1) for name, m in members.items()}

        def dicts(always: set[str]) -> st.SearchStrategy[dict[str, Any]]:
            return st.fixed_dictionaries(
                {name: s for name, s in strategies.items() if name in always},
                optional={name: s for name, s in strategies.items() if name not in always},
            )

        # Half the time the members real calls usually pass (UserName, Password, ...) are there.
        return st.one_of(dicts(required), dicts(required | (set(strategies) & set(TYPICAL))))
    if kind == "list":
        return st.lists(from_shape(shape.member, member, depth + 1), max_size=3)  # type: ignore[attr-defined]
    if kind == "map":
        return st.dictionaries(st.text(), from_shape(shape.value, member, depth + 1), max_size=3)  # type: ignore[attr-defined]
    simple: dict[str, st.SearchStrategy[Any]] = {
        "string": arbitrary(member, st.text(max_size=140), []),
        "integer": arbitrary(member, st.integers(), TYPICAL_INTS),
        "long": arbitrary(member, st.integers(), TYPICAL_INTS),
        "boolean": st.booleans(),
        "timestamp": st.datetimes(),
        "blob": st.binary(max_size=32),
        "float": st.floats(),
        "double": st.floats(),
    }
    return simple[kind]


def operation_model(key: tuple[str, str]) -> OperationModel:
    service, name = key
    return service_model(service).operation_model(name)


def call_strategy(key: tuple[str, str]) -> st.SearchStrategy[tuple[tuple[str, str], dict[str, Any]]]:
    shape = operation_model(key).input_shape
    params = from_shape(shape) if shape is not None else st.just({})
    return st.tuples(st.just(key), params)


# Codes IAM answers with no Message element (reference iam-entities.md 9.3).
WITHOUT_MESSAGE = {"ReportNotPresent", "ReportInProgress", "ReportExpired"}


def allowed_codes(key: tuple[str, str]) -> set[str]:
    """What a ClientError may carry: the operation's declared errors and IAM's common ones."""
    model = operation_model(key)
    declared = {shape.metadata.get("error", {}).get("code", shape.name) for shape in model.error_shapes}
    return declared | set(COMMON_STATUS)


@functools.cache
def client(service: str) -> Any:
    """One client per service for the whole module: it talks to whichever fake is active."""
    return boto3.client(service, region_name="us-east-1")


def outcome(key: tuple[str, str], params: dict[str, Any]) -> dict[str, Any] | ClientError | ParamValidationError:
    service, name = key
    try:
        result: dict[str, Any] = getattr(client(service), xform_name(name))(**params)
    except (ClientError, ParamValidationError) as err:
        return err
    return result


def call(key: tuple[str, str], params: dict[str, Any]) -> None:
    """One call through boto3; anything but a result, a modeled error or a client-side refusal fails."""
    answer = outcome(key, params)
    if isinstance(answer, ClientError):
        code = answer.response["Error"]["Code"]
        assert code in allowed_codes(key), f"{key} answered an undeclared error {code}: {answer}"
        assert isinstance(answer.response["ResponseMetadata"]["HTTPStatusCode"], int)
        if code not in WITHOUT_MESSAGE:
            assert answer.response["Error"]["Message"], f"{key} gave {code} without a message"


def check_invariants(fake: pytest_iamfake.IAMFake) -> None:
    """What must hold after any sequence of calls, whatever they were."""
    backend = fake.backend
    for account in backend.accounts.values():
        # No two users whose names differ only in case; each is filed under its lower-case name.
        assert all(key == user.name.lower() for key, user in account.users.items())
        # Each login profile belongs to exactly one existing user, and stores no plaintext.
        profiles = [user.login_profile for user in account.users.values() if user.login_profile is not None]
        assert len({id(p) for p in profiles}) == len(profiles)
        assert all(not isinstance(p.password, str) for p in profiles)
        # An enabled MFA device is filed under its user, who still exists; the in-use count is true.
        assigned = [d for d in account.mfa_devices.values() if d.user is not None]
        assert account.mfa_devices_in_use == len(assigned)
        for device in assigned:
            assert device.user is not None
            assert device.user.mfa_devices[device.serial.lower()] is device
            assert device.user.is_root or account.find_user(device.user.name) is device.user
    # Every credential the fake accepts belongs to an existing user, root or session account.
    for key_id, principal in backend.credentials.live.items():
        account = backend.accounts.get(principal.account_id)
        assert account is not None, f"{key_id} signs for an unknown account {principal.account_id}"
        if principal.token_issued_at is not None:
            continue  # a GetSessionToken session: refused once its user is gone (authorization)
        if principal.kind == "user":
            user = account.find_user(principal.user_name or "")
            assert user is not None, f"{key_id} signs for a deleted user {principal.user_name}"
            assert key_id in user.access_keys
        elif principal.kind == "root":
            assert key_id in account.root.access_keys


@pytest.mark.parametrize("target", COVERED, ids=[f"{svc}:{name}" for svc, name in COVERED])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_arbitrary_input_gives_a_result_or_a_modeled_error(target: tuple[str, str], data: st.DataObject) -> None:
    users = data.draw(st.lists(st.sampled_from(["alice", "bob"]), unique=True), label="users")
    passwords = data.draw(st.lists(st.booleans(), min_size=len(users), max_size=len(users)), label="passwords")
    before = data.draw(st.lists(st.sampled_from(COVERED).flatmap(call_strategy), max_size=5), label="before")
    params = data.draw(call_strategy(target), label="call")[1]
    with fake_iam(users=users) as fake:
        for user, with_password in zip(users, passwords, strict=True):
            if with_password:
                fake.add_login_profile(user, GOOD)
        for key, earlier in before:
            call(key, earlier)
        call(target, params)
        check_invariants(fake)


def test_every_covered_operation_is_exercised() -> None:
    # The table is read at run time; an empty table would make the property test vacuous.
    assert ("iam", "CreateLoginProfile") in COVERED
    assert all(service_model(svc).operation_model(name) for svc, name in COVERED)


# --- threads ------------------------------------------------------------------------

THREADS = 8
PER_THREAD = 40
SHARED = [f"shared{i}" for i in range(10)]


def test_threads_lose_nothing_and_never_duplicate_a_user() -> None:
    with fake_iam() as fake:
        clients = [fake.client() for _ in range(THREADS)]  # one per thread, as boto3 advises
        barrier = threading.Barrier(THREADS)
        won: list[str] = []
        lost: list[str] = []
        request_ids: list[str] = []
        failures: list[BaseException] = []
        lock = threading.Lock()

        def work(t: int) -> None:
            iam = clients[t]
            barrier.wait()
            try:
                for i in range(PER_THREAD):
                    own = f"t{t}-u{i}"
                    iam.create_user(UserName=own)
                    answer = iam.create_login_profile(UserName=own, Password=GOOD)
                    # Every thread races for the shared names, each in its own spelling.
                    shared = SHARED[i % len(SHARED)]
                    spelling = shared.upper() if (t + i) % 2 else shared.capitalize()
                    try:
                        iam.create_user(UserName=spelling)
                        outcome = won
                    except iam.exceptions.EntityAlreadyExistsException:
                        outcome = lost
                    with lock:
                        outcome.append(spelling)
                        request_ids.append(answer["ResponseMetadata"]["RequestId"])
            except BaseException as exc:  # pragma: no cover - reported by the assertion below
                failures.append(exc)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert failures == []
        assert sorted(name.lower() for name in won) == sorted(SHARED)  # one winner per name
        assert len(lost) == THREADS * PER_THREAD - len(SHARED)
        iam = fake.client()
        listed = [u["UserName"] for page in iam.get_paginator("list_users").paginate() for u in page["Users"]]
        assert len(listed) == THREADS * PER_THREAD + len(SHARED)
        assert len({name.lower() for name in listed}) == len(listed)
        owners = [name for name in listed if name.startswith("t")]
        assert all(iam.get_login_profile(UserName=name)["LoginProfile"]["UserName"] == name for name in owners)
        # Every call was recorded exactly once, and every answer had its own RequestId.
        made = THREADS * PER_THREAD
        assert [len([c for c in fake.calls if c.operation == op]) for op in ("CreateUser", "CreateLoginProfile")] == [
            2 * made,
            made,
        ]
        assert len(set(request_ids)) == made
        assert all(uuid.UUID(rid).version == 4 for rid in request_ids)
        check_invariants(fake)


# --- isolation between tests ----------------------------------------------------------

ISOLATION_SUITE = """
import boto3
import pytest


def test_1_leaves_state_behind(iamfake):
    iam = boto3.client("iam")
    iam.create_user(UserName="left-over")
    iam.create_login_profile(UserName="left-over", Password="Str0ng!Passw0rd")
    iamfake.clock.advance(86400)


@pytest.mark.iamfake(users=["from-marker"])
def test_2_sees_only_its_own_state(iamfake):
    iam = boto3.client("iam")
    assert [u["UserName"] for u in iam.list_users()["Users"]] == ["from-marker"]
    assert iamfake.calls[-1].operation == "ListUsers" and len(iamfake.calls) == 1
    assert iamfake.clock.now().isoformat() == "2020-01-01T00:00:00+00:00"
    with pytest.raises(iam.exceptions.NoSuchEntityException):
        iam.get_login_profile(UserName="left-over")


def test_3_can_reuse_the_names(iamfake):
    iam = boto3.client("iam")
    assert iam.list_users()["Users"] == []
    iam.create_user(UserName="left-over")
    iam.create_user(UserName="from-marker")
"""


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 2, 1), (1, 3)], ids=str)
def test_consecutive_tests_never_see_each_others_state(pytester: pytest.Pytester, order: tuple[int, ...]) -> None:
    pytester.makepyfile(test_inner_isolation=ISOLATION_SUITE)
    names = {1: "test_1_leaves_state_behind", 2: "test_2_sees_only_its_own_state", 3: "test_3_can_reuse_the_names"}
    result = pytester.runpytest("-q", *(f"test_inner_isolation.py::{names[n]}" for n in order))
    result.assert_outcomes(passed=len(order))


# --- no test needs the network ------------------------------------------------------------

GUARD_CONFTEST = """
import socket

import pytest


def refuse(*args, **kwargs):
    raise AssertionError("network access attempted")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
"""

KEY_INTERCEPTION = """
import socket

import boto3
import pytest


def test_the_guard_is_armed():
    with pytest.raises(AssertionError, match="network access attempted"):
        socket.create_connection(("iam.amazonaws.com", 443))


def test_iam_calls_stay_in_process(iamfake):
    iam = boto3.client("iam")
    iam.create_user(UserName="bob")
    iam.create_login_profile(UserName="bob", Password="Str0ng!Passw0rd")
    with pytest.raises(iam.exceptions.EntityAlreadyExistsException):
        iam.create_login_profile(UserName="bob", Password="Str0ng!Passw0rd")


def test_client_made_before_the_fake_started():
    from pytest_iamfake import fake_iam

    iam = boto3.client("iam", region_name="us-east-1")
    with fake_iam():
        assert iam.list_users()["Users"] == []

"""


def test_interception_never_opens_a_socket(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(GUARD_CONFTEST)
    pytester.makepyfile(test_inner_no_network=KEY_INTERCEPTION)
    result = pytester.runpytest("-q")
    # An unfaked service is blocked before any socket opens: test_interception.py.
    result.assert_outcomes(passed=3)
