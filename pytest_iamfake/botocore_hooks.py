"""Wiring into botocore's event system: registration, the active-fake switch, capture, guard.

Handlers are added once to botocore's built-in handler list, so every session and
client created after this module is imported carries them.  They do nothing
while no fake is active.
"""

from __future__ import annotations

import sys
import threading
from typing import TYPE_CHECKING, Any

from botocore import handlers

from .exceptions import BlockedRequest

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse
    from botocore.model import OperationModel
    from botocore.signers import RequestSigner

    from .fake import IAMFake

PARAMS_KEY = "iamfake_params"

_stack: list[IAMFake] = []
_stack_lock = threading.Lock()
_installed = False


def active() -> IAMFake | None:
    """The innermost active fake, seen from every thread."""
    return _stack[-1] if _stack else None


def push(fake: IAMFake) -> None:
    with _stack_lock:
        _stack.append(fake)


def pop(fake: IAMFake) -> None:
    with _stack_lock:
        if fake in _stack:
            _stack.remove(fake)


def capture_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    """before-parameter-build: keep the caller's params as passed, before botocore touches them."""
    if _stack:
        context[PARAMS_KEY] = dict(params)


def answer_call(
    model: OperationModel, request_signer: RequestSigner, context: dict[str, Any], **_: Any
) -> tuple[AWSResponse, dict[str, Any]] | None:
    """before-call: answer an IAM/STS call from the active fake, or let it go on."""
    fake = active()
    if fake is None:
        return None
    credentials = getattr(request_signer, "_credentials", None)
    access_key = getattr(credentials, "access_key", None) if credentials is not None else None
    return fake._answer(model, context.get(PARAMS_KEY, {}), access_key)


def guard_send(request: AWSPreparedRequest, **_: Any) -> None:
    """before-send, registered last: nothing leaves the process while a fake is active."""
    if _stack:
        raise BlockedRequest(
            f"pytest-iamfake blocked a request to {request.url} that nothing in the process answered.\n"
            "Only IAM and STS operations are faked; use another fake (for example moto) for other "
            "services, or end the fake before talking to the network."
        )


def install() -> None:
    """Add the handlers to botocore's built-ins (idempotent).

    Sessions created from now on carry them.  boto3's default session may already
    exist (a module made a client before importing us): it gets them directly.
    """
    global _installed
    if _installed:
        return
    handlers.BUILTIN_HANDLERS.append(("before-parameter-build", capture_params))
    handlers.BUILTIN_HANDLERS.append(("before-call", answer_call))
    handlers.BUILTIN_HANDLERS.append(("before-send", guard_send, handlers.REGISTER_LAST))
    _installed = True
    boto3 = sys.modules.get("boto3")
    default = getattr(boto3, "DEFAULT_SESSION", None)
    if default is not None:
        emitter = default._session.get_component("event_emitter")
        emitter.register("before-parameter-build", capture_params)
        emitter.register("before-call", answer_call)
        emitter.register_last("before-send", guard_send)
