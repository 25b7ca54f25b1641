"""The call pipeline (engine.py) and its transport-neutral Answer, driven without any client.

Both transports render the same Answer, so what it holds (status, Type, code, message) is
tested once here; the transports' renderings are tested in test_transport_equivalence.py
and test_wire.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pytest_iamfake
from pytest_iamfake import UnsupportedOperation
from pytest_iamfake.answer import failure
from pytest_iamfake.clock import Clock
from pytest_iamfake.engine import Engine
from pytest_iamfake.faults import prepare
from pytest_iamfake.model import IAMError
from pytest_iamfake.options import DEFAULTS, Unmodelled
from pytest_iamfake.services import service_model

IAM = service_model("iam")


def engine(unmodelled: Unmodelled = "error") -> Engine:
    return Engine(DEFAULTS.account_id, Clock(DEFAULTS.start_time, 0, "fixed"), unmodelled=unmodelled)


def test_error_status_is_the_models_then_the_declared_one_then_400():
    create = IAM.operation_model("CreateLoginProfile")
    assert failure(create, IAMError("NoSuchEntity", "m")).status == 404  # declared by the service model
    assert failure(create, IAMError("NoSuchEntity", "m", 409)).status == 409  # the model's own
    assert failure(create, IAMError("SomethingNew", "m")).status == 400  # neither
    assert failure(create, IAMError("ServiceFailure", "m")).status == 500


@pytest.mark.parametrize(
    ("code", "sender", "expected"),
    [("NoSuchEntity", True, "Sender"), ("NoSuchEntity", False, "Receiver"), ("ServiceFailure", True, "Receiver")],
)
def test_error_type_is_receiver_for_5xx_or_a_service_side_error(code, sender, expected):
    answer = failure(IAM.operation_model("GetUser"), IAMError(code, "m", sender=sender))
    assert (answer.type, answer.code, answer.message, answer.result) == (expected, code, "m", None)


def test_every_outcome_is_answered_and_recorded_in_order():
    fake = engine()
    fake.faults.add(prepare(IAM.operation_model("GetUser"), "Throttling"))
    ok = fake.answer(IAM.operation_model("CreateUser"), {"UserName": "bob"}, None)
    injected = fake.answer(IAM.operation_model("GetUser"), {"UserName": "bob"}, None)
    error = fake.answer(IAM.operation_model("GetUser"), {"UserName": "eve"}, None)
    invalid = fake.answer(IAM.operation_model("GetUser"), {"UserName": "bad/name"}, None)
    with pytest.raises(UnsupportedOperation):
        fake.answer(IAM.operation_model("ListRoles"), {}, None)
    assert ok is not None
    assert (ok.ok, ok.status) == (True, 200)
    assert ok.result is not None
    assert ok.result["User"]["UserName"] == "bob"
    assert [(a.status, a.code) for a in (injected, error, invalid) if a is not None] == [
        (400, "Throttling"),
        (404, "NoSuchEntity"),
        (400, "ValidationError"),
    ]
    assert len({a.request_id for a in (ok, injected, error, invalid) if a is not None}) == 4
    recorded = [(c.operation, c.error, c.injected, c.unsupported) for c in fake.calls]
    assert recorded == [
        ("CreateUser", None, False, False),
        ("GetUser", "Throttling", True, False),
        ("GetUser", "NoSuchEntity", False, False),
        ("GetUser", "ValidationError", False, False),
        ("ListRoles", None, False, True),
    ]


def test_passthrough_leaves_unmodelled_operations_unanswered_and_unrecorded():
    fake = engine(unmodelled="passthrough")
    assert fake.answer(IAM.operation_model("ListRoles"), {}, None) is None
    assert fake.calls == []


def test_arrange_runs_as_root_unrecorded():
    fake = engine()
    fake.arrange("CreateUser", {"UserName": "bob"})
    assert fake.calls == []
    with pytest.raises(IAMError, match="NoSuchEntity"):
        fake.arrange("GetUser", {"UserName": "eve"})


def test_a_call_record_is_built_in_the_engine_only():
    root = Path(pytest_iamfake.__file__).parent
    builders = sorted(
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Call"
    )
    assert builders == ["engine.py"]
