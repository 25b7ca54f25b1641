"""The "call" transport's codec: an Answer as botocore's (HTTP response, parsed dict) pair.

A before-call handler that returns this pair short-circuits botocore: nothing is
signed, serialized or sent, and the client sees the parsed dict as the real parser
would have produced it for IAM's reply.
"""

from __future__ import annotations

import functools
from typing import Any

from botocore.awsrequest import AWSResponse

from ..answer import Answer, http_date


def metadata(status: int, request_id: str) -> dict[str, Any]:
    """ResponseMetadata as botocore builds it for a query-protocol service."""
    return {
        "RequestId": request_id,
        "HTTPStatusCode": status,
        "HTTPHeaders": {"x-amzn-requestid": request_id, "content-type": "text/xml", "date": http_date()},
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


def render(answer: Answer) -> tuple[AWSResponse, dict[str, Any]]:
    """What a before-call handler returns for `answer`."""
    if answer.result is not None:
        parsed = dict(answer.result)
    else:
        info = {"Type": answer.type, "Code": answer.code}
        if answer.message:  # some IAM errors carry no Message element (botocore then says "Unknown")
            info["Message"] = answer.message
        parsed = {"Error": info}
    parsed["ResponseMetadata"] = metadata(answer.status, answer.request_id)
    return _http(answer.status), parsed
