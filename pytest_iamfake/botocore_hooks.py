"""Wiring into botocore's event system: registration, the active-fake switch, capture, guard.

Handlers are added once to botocore's built-in handler list, so every session and
client created after this module is imported carries them.  They do nothing
while no fake is active.  aiobotocore's sessions read the same list and its emitter
calls plain functions as they are, so its clients get the same handlers.

The "call" transport answers at `before-call`, before botocore signs or sends.  The
"wire" transport lets botocore sign and serialize, answers at `before-send` with the
HTTP response IAM would send, and botocore parses it and runs its retry handler.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from botocore import handlers

from . import retry_clock, wire
from .exceptions import BlockedRequest

if TYPE_CHECKING:
    from botocore.awsrequest import AWSPreparedRequest, AWSResponse
    from botocore.model import OperationModel
    from botocore.signers import RequestSigner

    from .fake import IAMFake

PARAMS_KEY = "iamfake_params"
AIO_KEY = "iamfake_aio"

_stack: list[IAMFake] = []
_stack_lock = threading.Lock()
_installed = False


def active() -> IAMFake | None:
    """The innermost active fake, seen from every thread."""
    return _stack[-1] if _stack else None


def push(fake: IAMFake) -> None:
    with _stack_lock:
        _stack.append(fake)
    if fake.options.transport == "wire":
        retry_clock.acquire()


def pop(fake: IAMFake) -> None:
    with _stack_lock:
        if fake not in _stack:
            return
        _stack.remove(fake)
    if fake.options.transport == "wire":
        retry_clock.release()


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
    if fake.options.transport != "call":
        # The wire answer must be an aiohttp-style response for aiobotocore's clients,
        # and only the signer tells them apart.
        context[AIO_KEY] = type(request_signer).__module__.startswith("aiobotocore")
        return None
    credentials = getattr(request_signer, "_credentials", None)
    access_key = getattr(credentials, "access_key", None) if credentials is not None else None
    region = getattr(request_signer, "_region_name", None)  # the region the request is signed for
    return fake._answer(model, context.get(PARAMS_KEY, {}), access_key, region)


@functools.cache
def _faked_service_ids() -> dict[str, str]:
    """Hyphenized service id (as in event names) -> service name, for the faked services."""
    from .fake import FAKED_SERVICES, service_model

    return {service_model(name).service_id.hyphenize(): name for name in FAKED_SERVICES}


_operations: dict[str, OperationModel | None] = {}


def _operation_for(event_name: str) -> OperationModel | None:
    """The faked operation a `before-send.<service-id>.<Operation>` event is about, if any."""
    if event_name in _operations:
        return _operations[event_name]
    from .fake import service_model

    _, service_id, operation = event_name.split(".", 2)
    service = _faked_service_ids().get(service_id)
    found = _operations[event_name] = None if service is None else service_model(service).operation_model(operation)
    return found


def answer_send(request: AWSPreparedRequest, event_name: str, **_: Any) -> AWSResponse | None:
    """before-send, registered first: the "wire" transport's answer, as IAM would send it."""
    fake = active()
    if fake is None:
        return None
    context = getattr(request, "context", None) or {}
    reply = _wire_reply(fake, request, event_name, context) if fake.options.transport == "wire" else None
    # Tells a retry back-off that follows whose clock to move (see retry_clock).
    retry_clock.answered_by.set(None if reply is None else fake)
    if reply is None:
        return None
    aio = context.get(AIO_KEY, False)
    if aio:
        retry_clock.patch_aio()
    status, body, headers = reply
    return wire.http_response(request.url, status, body, headers, aio=aio)


def _wire_reply(
    fake: IAMFake, request: AWSPreparedRequest, event_name: str, context: dict[str, Any]
) -> tuple[int, bytes, Mapping[str, str]] | None:
    operation = _operation_for(event_name)
    if operation is None:
        return None
    params = context.get(PARAMS_KEY)
    if params is None:  # the request was built without our capture: read what the body says
        params = wire.read_params(operation, request.body)
    return fake._answer_wire(operation, params, wire.access_key_of(request.headers), wire.region_of(request.headers))


class Unanswered:
    """The guard's answer: the response of last resort, which raises BlockedRequest when read.

    botocore calls every before-send handler and uses the first response that is not
    None, so the guard (registered last) cannot know whether another handler (moto's,
    say) answered.  It answers too; its response is used only when nobody else's is,
    and botocore's first look at it raises, before anything leaves the process.
    """

    def __init__(self, url: str) -> None:
        self._url = url

    def __getattr__(self, name: str) -> Any:
        raise BlockedRequest(
            f"pytest-iamfake blocked a request to {self._url} that nothing in the process answered.\n"
            "Only IAM and STS operations are faked; use another fake (for example moto) for other "
            "services, or end the fake before talking to the network."
        )


def guard_send(request: AWSPreparedRequest, **_: Any) -> Unanswered | None:
    """before-send, registered last: nothing leaves the process while a fake is active."""
    return Unanswered(request.url) if _stack else None


# (event, handler, where among that event's handlers: None, "first" or "last").
_HANDLERS: tuple[tuple[str, Any, str | None], ...] = (
    ("before-parameter-build", capture_params, None),
    ("before-call", answer_call, None),
    # First, so that the fake answers IAM/STS even where moto's handler is also registered.
    ("before-send", answer_send, "first"),
    ("before-send", guard_send, "last"),
)


def install() -> None:
    """Add the handlers to botocore's built-ins (idempotent).

    Sessions created from now on carry them.  boto3's default session may already
    exist (a module made a client before importing us): it gets them directly.
    """
    global _installed
    if _installed:
        return
    order = {"first": handlers.REGISTER_FIRST, "last": handlers.REGISTER_LAST}
    for event, handler, where in _HANDLERS:
        handlers.BUILTIN_HANDLERS.append((event, handler) if where is None else (event, handler, order[where]))
    _installed = True
    boto3 = sys.modules.get("boto3")
    default = getattr(boto3, "DEFAULT_SESSION", None)
    if default is not None:
        emitter = default._session.get_component("event_emitter")
        register = {None: emitter.register, "first": emitter.register_first, "last": emitter.register_last}
        for event, handler, where in _HANDLERS:
            register[where](event, handler)
