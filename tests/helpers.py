"""Small helpers shared by the test modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from botocore.exceptions import ClientError


def error_of(exc_info: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    """(code, HTTP status, message) of a botocore ClientError."""
    err = exc_info.value.response
    return err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"], err["Error"]["Message"]


# A small identity policy IAM accepts, for tests about inline policies rather than documents.
POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}'


# Everything on the caller's own user: for tests about identity and credentials, not permissions.
OWN_USER = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "arn:aws:iam::*:user/${aws:username}"}],
}


def allow(fake: Any, user: str, document: Mapping[str, Any] | None = None, *, name: str = "allow") -> None:
    """Give IAM user `user` an inline policy (OWN_USER by default), arranged unrecorded as the root."""
    fake.add_user_policy(user, document or OWN_USER, name=name)


def allowing(*actions: str, resource: str = "*") -> dict[str, Any]:
    """A policy document allowing `actions` on `resource`."""
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": list(actions), "Resource": resource}],
    }


def data(name: str) -> str:
    """A file of tests/data (keys and certificates made with ssh-keygen and openssl)."""
    from pathlib import Path

    return (Path(__file__).parent / "data" / name).read_text()


# --- what the installed botocore's models declare ---------------------------------------------
# The package accepts botocore releases whose models predate some members the suite exercises.
# A test that needs one is skipped there, its reason naming what is missing: derived from the
# installed model, never from a version number.


def _missing_members(service: str, operation: str, members: tuple[str, ...]) -> list[str]:
    from botocore.model import OperationNotFoundError

    from pytest_iamfake.services import service_model

    model = service_model(service)
    try:
        op = model.operation_model(operation)
    except OperationNotFoundError:
        return [operation]
    declared = {name for shape in (op.input_shape, op.output_shape) if shape is not None for name in shape.members}
    return [f"{operation}.{name}" for name in members if name not in declared]


def needs_member(service: str, operation: str, *members: str) -> pytest.MarkDecorator:
    """Skip unless the installed botocore's `service` model has `operation` with these members (in or out)."""
    missing = _missing_members(service, operation, members)
    return pytest.mark.skipif(bool(missing), reason=f"botocore's {service} model lacks {', '.join(missing)}")


def needs_enum_value(service: str, shape: str, *values: str) -> pytest.MarkDecorator:
    """Skip unless the installed botocore's `service` model lets enum `shape` take these values."""
    from botocore.model import NoShapeFoundError

    from pytest_iamfake.services import service_model

    try:
        declared = set(service_model(service).shape_for(shape).enum)
    except NoShapeFoundError:
        declared = set()
    missing = [value for value in values if value not in declared]
    return pytest.mark.skipif(
        bool(missing), reason=f"botocore's {service} model lacks {', '.join(missing)} in enum {shape}"
    )
