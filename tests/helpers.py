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
