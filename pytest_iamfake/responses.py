"""Turn a model result or IAMError into what botocore's parser returns for real IAM."""

from __future__ import annotations

import uuid
from email.utils import formatdate
from typing import Any

from botocore.awsrequest import AWSResponse, HTTPHeaders
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


def metadata(status: int, request_id: str | None = None, date: str | None = None) -> dict[str, Any]:
    """ResponseMetadata as botocore builds it for a query-protocol service."""
    rid = request_id or str(uuid.uuid4())
    return {
        "RequestId": rid,
        "HTTPStatusCode": status,
        "HTTPHeaders": {
            "x-amzn-requestid": rid,
            "content-type": "text/xml",
            "date": date or formatdate(usegmt=True),
        },
        "RetryAttempts": 0,
    }


def _http(status: int) -> AWSResponse:
    return AWSResponse("", status, HTTPHeaders(), None)


def success(result: dict[str, Any]) -> tuple[AWSResponse, dict[str, Any]]:
    parsed = dict(result)
    parsed["ResponseMetadata"] = metadata(200)
    return _http(200), parsed


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
    return _http(status), parsed
