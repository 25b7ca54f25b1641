"""Turn a model result or IAMError into what botocore's parser returns for real IAM."""

from __future__ import annotations

import os
import time
from email.utils import formatdate
from typing import Any

from botocore.awsrequest import AWSResponse
from botocore.model import ServiceModel

from .model.errors import IAMError

_STATUS_BY_SERVICE: dict[str, dict[str, int]] = {}


def declared_status(service: ServiceModel, code: str) -> int | None:
    """The HTTP status the service model declares for an error code, if it declares the code."""
    table = _STATUS_BY_SERVICE.get(service.service_name)
    if table is None:
        table = {}
        for shape in service.error_shapes:
            error = shape.metadata.get("error", {})
            table[error.get("code", shape.name)] = error.get("httpStatusCode", 400)
        _STATUS_BY_SERVICE[service.service_name] = table
    return table.get(code)


def error_status(service: ServiceModel, error: IAMError) -> int:
    return error.status or declared_status(service, error.code) or 400


_date_header: tuple[int, str] = (0, "")


def http_date() -> str:
    """The Date header for now; formatted once per second (formatdate is slow on the hot path)."""
    global _date_header
    second = int(time.time())
    if _date_header[0] != second:
        _date_header = (second, formatdate(second, usegmt=True))
    return _date_header[1]


def new_request_id() -> str:
    """A random version-4 UUID string, as IAM's RequestId (faster than str(uuid.uuid4()))."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


def metadata(status: int, request_id: str | None = None, date: str | None = None) -> dict[str, Any]:
    """ResponseMetadata as botocore builds it for a query-protocol service."""
    rid = request_id or new_request_id()
    return {
        "RequestId": rid,
        "HTTPStatusCode": status,
        "HTTPHeaders": {
            "x-amzn-requestid": rid,
            "content-type": "text/xml",
            "date": date or http_date(),
        },
        "RetryAttempts": 0,
    }


def _http(meta: dict[str, Any]) -> AWSResponse:
    """The HTTP response botocore sees, with the same headers as ResponseMetadata."""
    # A plain dict is what AWSResponse wraps anyway; building an HTTPHeaders costs more than the rest.
    headers: Any = dict(meta["HTTPHeaders"])
    return AWSResponse("", meta["HTTPStatusCode"], headers, None)


def success(result: dict[str, Any]) -> tuple[AWSResponse, dict[str, Any]]:
    parsed = dict(result)
    meta = parsed["ResponseMetadata"] = metadata(200)
    return _http(meta), parsed


def failure(service: ServiceModel, error: IAMError) -> tuple[AWSResponse, dict[str, Any]]:
    status = error_status(service, error)
    parsed = {
        "Error": {
            "Type": "Sender" if error.sender and status < 500 else "Receiver",
            "Code": error.code,
            "Message": error.message,
        },
        "ResponseMetadata": metadata(status),
    }
    return _http(parsed["ResponseMetadata"]), parsed
