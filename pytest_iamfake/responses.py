"""Turn a model result or IAMError into what botocore's parser returns for real IAM."""

from __future__ import annotations

import functools
import itertools
import random
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


def _request_id_prefix() -> str:
    h = f"{random.getrandbits(80):020x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) & 3]}{h[17:20]}-"


_REQUEST_ID_PREFIX = _request_id_prefix()
_request_numbers = itertools.count()


def new_request_id() -> str:
    """A version-4-shaped UUID, as IAM's RequestId: a random prefix per process, then a counter.

    Unique within the process, which is all a RequestId is used for, and far cheaper than uuid4().
    """
    return f"{_REQUEST_ID_PREFIX}{next(_request_numbers) % 16**12:012x}"


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


@functools.cache
def _http(status: int) -> AWSResponse:
    """The HTTP response botocore sees, one per status: botocore only reads its status code.

    Its headers stay empty, as with botocore's Stubber (they are in ResponseMetadata):
    building botocore's header dict and a response per call cost more than the rest.
    """
    headers: Any = {}
    return AWSResponse("", status, headers, None)


def success(result: dict[str, Any]) -> tuple[AWSResponse, dict[str, Any]]:
    parsed = dict(result)
    parsed["ResponseMetadata"] = metadata(200)
    return _http(200), parsed


def failure(service: ServiceModel, error: IAMError) -> tuple[AWSResponse, dict[str, Any]]:
    status = error_status(service, error)
    info = {"Type": "Sender" if error.sender and status < 500 else "Receiver", "Code": error.code}
    if error.message:  # some IAM errors carry no Message element (botocore then says "Unknown")
        info["Message"] = error.message
    parsed = {"Error": info, "ResponseMetadata": metadata(status)}
    return _http(status), parsed
