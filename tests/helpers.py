"""Small helpers shared by the test modules."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError


def error_of(exc_info: pytest.ExceptionInfo[ClientError]) -> tuple[str, int, str]:
    """(code, HTTP status, message) of a botocore ClientError."""
    err = exc_info.value.response
    return err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"], err["Error"]["Message"]


# A small identity policy IAM accepts, for tests about inline policies rather than documents.
POLICY = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}'


def data(name: str) -> str:
    """A file of tests/data (keys and certificates made with ssh-keygen and openssl)."""
    from pathlib import Path

    return (Path(__file__).parent / "data" / name).read_text()
