"""Answer: the fake's transport-neutral reply to one call, and the rules every transport shares.

The engine returns an Answer; the call transport (adapter/call_codec.py) renders it as
botocore's parsed dict, the wire transport (adapter/wire_codec.py) as IAM's XML.  What both
must agree on is decided here, once: an error's HTTP status and Type, the RequestId, the
Date header.
"""

from __future__ import annotations

import itertools
import random
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .services import declared_status

if TYPE_CHECKING:
    from botocore.model import OperationModel

    from .model import IAMError

ErrorType = Literal["Sender", "Receiver"]


@dataclass(slots=True)  # one per call: no frozen-dataclass __init__ on the hot path
class Answer:
    """What the fake answers: a result (status 200) or an error (code, message, Type, status)."""

    operation: OperationModel
    status: int
    request_id: str
    result: dict[str, Any] | None = None
    code: str = ""
    message: str = ""
    type: ErrorType = "Sender"

    @property
    def ok(self) -> bool:
        return self.result is not None


def success(operation: OperationModel, result: dict[str, Any]) -> Answer:
    """The answer carrying a model result."""
    return Answer(operation, 200, new_request_id(), result)


def failure(operation: OperationModel, error: IAMError) -> Answer:
    """The answer carrying an error, with its HTTP status and Type.

    The status is the model's when it sets one, else the one the service model declares
    for the code, else 400; a 5xx error is always the Receiver's fault.
    """
    status = error.status or declared_status(operation.service_model, error.code) or 400
    kind: ErrorType = "Sender" if error.sender and status < 500 else "Receiver"
    return Answer(operation, status, new_request_id(), None, error.code, error.message, kind)


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


_date_header: tuple[int, str] = (0, "")


def http_date() -> str:
    """The Date header for now; formatted once per second (formatdate is slow on the hot path)."""
    global _date_header
    second = int(time.time())
    if _date_header[0] != second:
        from email.utils import formatdate  # only here: slow to import, and a call pays it once

        _date_header = (second, formatdate(second, usegmt=True))
    return _date_header[1]
