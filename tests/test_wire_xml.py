"""The wire transport's answers always parse, whatever the values (issue 14, finding 3).

XML 1.0 cannot carry C0 controls (but tab, LF, CR), lone surrogates, U+FFFE or U+FFFF,
not even as character references: such characters are replaced by U+FFFD (CHOSEN);
everything else round-trips exactly through botocore's own parser.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore.model import OperationModel, Shape
from botocore.parsers import create_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pytest_iamfake import fake_iam
from pytest_iamfake.adapter import wire_codec
from pytest_iamfake.answer import Answer
from pytest_iamfake.fake import service_model

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
HOSTILE = "<&>\"' \x00\x01\x1f\t\n\r\r\n\ud800\udfff\ufffe\uffff\U0001f600]]>&amp;"
NO_CLIENT_CHECKS = Config(parameter_validation=False, retries={"max_attempts": 1})


def carried(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


def value_of(shape: Shape, text: str, depth: int = 0) -> Any:
    """A value of `shape` with `text` in every string."""
    kind = shape.type_name
    if kind == "structure":
        if depth > 4:
            return {}
        return {name: value_of(member, text, depth + 1) for name, member in shape.members.items()}  # type: ignore[attr-defined]
    if kind == "list":
        return [value_of(shape.member, text, depth + 1)]  # type: ignore[attr-defined]
    if kind == "map":
        return {text: value_of(shape.value, text, depth + 1)}  # type: ignore[attr-defined]
    if kind == "boolean":
        return True
    if kind in ("integer", "long"):
        return 7
    if kind == "timestamp":
        return dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    if kind == "blob":
        return b"\x00blob"
    return text


def expected(shape: Shape, value: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        return {name: expected(shape.members[name], item) for name, item in value.items()}  # type: ignore[attr-defined]
    if kind == "list":
        return [expected(shape.member, item) for item in value]  # type: ignore[attr-defined]
    if kind == "map":
        return {carried(k): expected(shape.value, v) for k, v in value.items()}  # type: ignore[attr-defined]
    return carried(value) if isinstance(value, str) else value


def parsed(operation: OperationModel, body: bytes, status: int = 200) -> dict[str, Any]:
    response = {"body": body, "headers": {}, "status_code": status}
    result: dict[str, Any] = create_parser("query").parse(response, operation.output_shape)
    result.pop("ResponseMetadata", None)
    return result


OPERATIONS = [
    service_model(svc).operation_model(name)
    for svc in ("iam", "sts")
    for name in service_model(svc).operation_names
    if service_model(svc).operation_model(name).output_shape is not None
]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[op.name for op in OPERATIONS])
def test_every_echoed_field_round_trips_with_hostile_characters(operation: OperationModel) -> None:
    shape = operation.output_shape
    assert shape is not None
    value = value_of(shape, HOSTILE)
    assert parsed(operation, wire_codec.success_body(operation, value, "req-1")) == expected(shape, value)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(codec=None)))
def test_any_text_round_trips_as_xml_carries_it(text: str) -> None:
    operation = service_model("iam").operation_model("GetUser")
    created = dt.datetime(2020, 1, 1)
    value = {"User": {"UserName": text, "Path": text, "UserId": "u", "Arn": text, "CreateDate": created}}
    assert parsed(operation, wire_codec.success_body(operation, value, "r"))["User"]["UserName"] == carried(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(codec=None)))
def test_error_messages_round_trip(text: str) -> None:
    operation = service_model("iam").operation_model("GetUser")
    answer = Answer(operation, 404, "req", code="NoSuchEntity", type="Sender", message=text)
    error = parsed(operation, wire_codec.error_body(answer), 404)["Error"]
    assert error["Code"] == "NoSuchEntity"
    assert error.get("Message", "") == carried(text)


def test_an_injected_message_with_control_characters_reaches_the_client() -> None:
    with fake_iam(transport="wire", users=["alice"]) as fake:
        fake.fail("GetUser", "NoSuchEntity", message="bad\x00\x07 <news> & \ufffe\r\n")
        with pytest.raises(ClientError) as caught:
            boto3.client("iam").get_user(UserName="alice")
    assert caught.value.response["Error"]["Message"] == "bad\ufffd\ufffd <news> & \ufffd\r\n"


@pytest.mark.parametrize(
    ("tag_value", "ok"),
    [("a <b> & 'c'", False), ("caf\u00e9 + =:/@_.-", True), ("\x01", False), ("\ufffe", False), ("\U0001d400", True)],
)
def test_hostile_tag_values_are_refused_by_validation_or_round_trip(tag_value: str, ok: bool) -> None:
    with fake_iam(transport="wire"):
        iam = boto3.client("iam", config=NO_CLIENT_CHECKS)
        tags = [{"Key": "k", "Value": tag_value}]
        if not ok:
            with pytest.raises(ClientError) as refused:
                iam.create_user(UserName="t", Tags=tags)
            assert refused.value.response["Error"]["Code"] == "ValidationError"
            return
        iam.create_user(UserName="t", Tags=tags)
        assert iam.list_user_tags(UserName="t")["Tags"] == tags


@pytest.mark.parametrize("path", ["/<&>'\"/", "/]]>/", "/a&amp;b/"])
def test_paths_with_xml_special_characters_round_trip(path: str) -> None:
    with fake_iam(transport="wire"):
        iam = boto3.client("iam")
        assert iam.create_user(UserName="p", Path=path)["User"]["Path"] == path
        assert iam.get_user(UserName="p")["User"]["Path"] == path
