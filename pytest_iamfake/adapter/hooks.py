"""Wiring into botocore's event system: registration, the active-engine stack, capture, answers, guard.

Registration.  `install()` adds the handlers to botocore's built-in handler list
(`botocore.handlers.BUILTIN_HANDLERS`), so every session and client created afterwards
carries them; aiobotocore's sessions read the same list.  It imports no botocore: when
`botocore.handlers` is not imported yet, a meta path finder wraps that module's loader
and adds the handlers right after the module runs (again after an importlib.reload);
when it is, they are added at once, and boto3's existing default session gets them
directly.  So `import pytest_iamfake` costs nothing botocore-related, and clients made
in a conftest.py or at test-module import are faked all the same.

The handlers are thin: they do nothing while no fake is active, and they import the
codecs (which import botocore) only once a fake is active.  Nothing here may import a
botocore module while `botocore.handlers` is being imported: that breaks `import boto3`
with a circular import.

Answers.  The "call" transport answers at `before-call`, before botocore signs or sends.
The "wire" transport lets botocore sign and serialize, answers at `before-send` with the
HTTP response IAM would send, and botocore parses it and runs its retry handler.  Both
hand the call to the active Engine (engine.py) and render its Answer with their codec.

This module holds Engines (the pipeline), never the IAMFake handle.
"""

from __future__ import annotations

import atexit
import contextvars
import sys
import threading
from typing import TYPE_CHECKING, Any, Literal

from ..exceptions import BlockedRequest, ours

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from importlib.machinery import ModuleSpec
    from types import ModuleType

    from .. import services
    from ..engine import Engine

    # Bound at run time by _bind(), on each push: they import botocore.
    from . import call_codec, credential_guard, internals, retry_clock, wire_codec

Transport = Literal["call", "wire"]

PARAMS_KEY = "iamfake_params"
AIO_KEY = "iamfake_aio"
# Set when the engine let a call go on for another fake to answer: (engine, access key id).
ELSEWHERE_KEY = "iamfake_elsewhere"
# The request context of the call being made, for before-send: botocore before 1.44 gives
# its prepared requests no `context` (a context variable: per thread, per asyncio task).
_call_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "iamfake_call_context", default=None
)
TARGET = "botocore.handlers"

# --- the active engines ----------------------------------------------------------------------

_stack: list[tuple[Engine, Transport]] = []
_stack_lock = threading.Lock()


def active() -> tuple[Engine, Transport] | None:
    """The innermost active engine and its transport, seen from every thread."""
    return _stack[-1] if _stack else None


def _bind() -> None:
    """Import what the handlers use, once a fake starts: not at import (no botocore then), and
    not inside each handler (an import statement costs a call about 2% of its time)."""
    global services, call_codec, credential_guard, internals, retry_clock, wire_codec
    from .. import services
    from . import call_codec, credential_guard, internals, retry_clock, wire_codec


def push(engine: Engine, transport: Transport) -> None:
    """Route IAM/STS calls to `engine` until pop()."""
    _bind()
    credential_guard.acquire()
    with _stack_lock:
        _stack.append((engine, transport))
    if transport == "wire":
        retry_clock.acquire()


def pop(engine: Engine) -> None:
    with _stack_lock:
        found = next((entry for entry in _stack if entry[0] is engine), None)
        if found is None:
            return
        _stack.remove(found)
    if found[1] == "wire":
        retry_clock.release()
        _call_context.set(None)  # its last call's context may hold the engine: let it go
    credential_guard.release()


# --- the handlers ------------------------------------------------------------------------------


def capture_params(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    """before-parameter-build: keep the caller's params as passed, before botocore touches them.

    Only the call transport needs them: the wire transport reads the body botocore built.
    """
    if _stack and _stack[-1][1] == "call":
        context[PARAMS_KEY] = dict(params)


def answer_call(model: Any, request_signer: Any, context: dict[str, Any], **_: Any) -> Any:
    """before-call: the "call" transport's answer, or None to let the call go on."""
    __tracebackhide__ = ours
    if not _stack:
        return None
    engine, transport = _stack[-1]
    if transport != "call":
        # The wire answer must be an aiohttp-style response for aiobotocore's clients,
        # and only the signer tells them apart.
        context[AIO_KEY] = internals.is_aio_signer(request_signer)
        _call_context.set(context)
        return None
    if not services.is_faked(model):
        return None
    access_key = internals.signer_access_key(request_signer)
    params = context.get(PARAMS_KEY, {})
    answer = engine.answer(model, params, access_key, internals.signer_region(request_signer))
    if answer is None:
        context[ELSEWHERE_KEY] = (engine, access_key, params)
        return None
    return call_codec.render(answer)


def sign_safely(request: Any, request_signer: Any, **_: Any) -> None:
    """before-sign: while a fake is active, botocore never reads credentials that could run a provider.

    Clients with refreshable, deferred or no credentials have botocore sign with plain
    ones instead (credential_guard.signing_credentials): every request, not only IAM's,
    since other fakes' services are signed too.
    """
    if not _stack:
        return
    replacement = credential_guard.signing_credentials(internals.signer_credentials(request_signer))
    if replacement is not None:
        internals.sign_with(request, *replacement, aio=internals.is_aio_signer(request_signer))


def answer_send(request: Any, event_name: str, **_: Any) -> Any:
    """before-send, registered first: the "wire" transport's answer, as IAM would send it."""
    __tracebackhide__ = ours
    if not _stack:
        return None
    engine, transport = _stack[-1]

    context = getattr(request, "context", None)
    if context is None:  # botocore before 1.44: the context before-call saw
        context = _call_context.get() or {}
    answer = _wire_answer(engine, request, event_name, context) if transport == "wire" else None
    # Tells a retry back-off that follows whose clock to move (see retry_clock).
    retry_clock.answered(None if answer is None else engine.clock)
    if answer is None:
        return None
    aio = context.get(AIO_KEY, False)
    if aio:
        retry_clock.patch_aio()
    status, body, headers = wire_codec.render(answer)
    return wire_codec.http_response(request.url, status, body, headers, aio=aio)


def _wire_answer(engine: Engine, request: Any, event_name: str, context: dict[str, Any]) -> Any:
    __tracebackhide__ = ours
    operation = services.operation_for_event(event_name)
    if operation is None:
        return None
    # The model sees what IAM would see: the body botocore serialized (and the Call records
    # it, as IAM received it, as the call transport records the params validation normalised).
    params = wire_codec.read_params(operation, request.body)
    headers = request.headers
    access_key = internals.request_access_key(headers)
    answer = engine.answer(operation, params, access_key, internals.request_region(headers))
    if answer is None:
        context[ELSEWHERE_KEY] = (engine, access_key, params)
    return answer


def record_elsewhere(
    http_response: Any, parsed: dict[str, Any], model: Any, context: dict[str, Any] | None = None, **_: Any
) -> None:
    """after-call: record a call the engine let go on and another fake (moto, say) answered.

    after-call runs under both transports, with the response botocore parsed; a request
    that nobody answered raised before it, so only answered calls are recorded.
    """
    found = None if context is None else context.pop(ELSEWHERE_KEY, None)
    if found is None or context is None:
        return
    engine, access_key, params = found
    status = getattr(http_response, "status_code", 200)
    error = parsed.get("Error", {}).get("Code") if status >= 300 else None
    response = None if error else {k: v for k, v in parsed.items() if k != "ResponseMetadata"}
    engine.record_elsewhere(model, params, access_key, response=response, error=error)


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
        __tracebackhide__ = ours
        raise BlockedRequest(
            f"pytest-iamfake blocked a request to {self._url} that nothing in the process answered.\n"
            "Only IAM and STS operations are faked; use another fake (for example moto) for other "
            "services, or end the fake before talking to the network."
        )


def guard_send(request: Any, **_: Any) -> Unanswered | None:
    """before-send, registered last: nothing leaves the process while a fake is active."""
    return Unanswered(request.url) if _stack else None


def bind_client(client: Any, engine: Engine) -> None:
    """Make a client a fake made refuse to send while that fake is not active.

    Such a client carries the fake's credentials and nothing else routes it once the
    fake stops: without this it would sign with a fake key and go to the real endpoint.
    """
    from .internals import client_emitter

    def refuse_unless_active(**_: Any) -> None:
        __tracebackhide__ = ours
        if not any(entry[0] is engine for entry in _stack):
            raise BlockedRequest(
                f"pytest-iamfake blocked a call of a client made by iamfake.client() for account "
                f"{engine.account_id}: that fake is not active (stopped, or not started yet), so the call would "
                "go to AWS.\n"
                "Make clients inside the fake's lifetime, or start() the fake again."
            )

    # On the client's own service event, so that it runs before the fake's answer (registered
    # for the same event, but as a built-in and not first).
    event = "before-call." + client.meta.service_model.service_id.hyphenize()
    client_emitter(client).register_first(event, refuse_unless_active)


# The faked services' ids as botocore's event names spell them (tests pin them against the models).
FAKED_SERVICE_IDS = ("iam", "sts")

# (event, handler, where among that event's handlers: None, "first" or "last").
HANDLERS: tuple[tuple[str, Callable[..., Any], str | None], ...] = (
    ("before-parameter-build", capture_params, None),
    # Per service, not on plain "before-call": botocore calls handlers of the more specific event
    # first, so the fake answers before botocore's own before-call work (headers it would add to a
    # request that is never sent), as the Stubber does.
    *(("before-call." + service_id, answer_call, None) for service_id in FAKED_SERVICE_IDS),
    ("after-call", record_elsewhere, None),
    ("before-sign", sign_safely, None),
    # First, so that the fake answers IAM/STS even where moto's handler is also registered.
    ("before-send", answer_send, "first"),
    ("before-send", guard_send, "last"),
)

# --- registration ---------------------------------------------------------------------------


def _add_to_builtins(handlers: ModuleType) -> None:
    """Append our handlers to a freshly run (or already imported) botocore.handlers (idempotent)."""
    builtin: list[tuple[Any, ...]] = handlers.BUILTIN_HANDLERS
    if any(entry[1] is capture_params for entry in builtin):
        return
    order = {"first": handlers.REGISTER_FIRST, "last": handlers.REGISTER_LAST}
    for event, handler, where in HANDLERS:
        builtin.append((event, handler) if where is None else (event, handler, order[where]))


class _LoaderAfter:
    """Wraps botocore.handlers' loader: run the module, then add our handlers to it."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        created: ModuleType | None = self._loader.create_module(spec)
        return created

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _add_to_builtins(module)

    def __getattr__(self, name: str) -> Any:  # get_code, get_resource_reader, ... as the real loader
        return getattr(self._loader, name)


class _HandlersFinder:
    """A meta path finder that only ever answers for botocore.handlers, wrapping its real loader.

    It stays on sys.meta_path until the interpreter exits, so an importlib.reload of
    botocore.handlers (which re-runs the module and rebuilds BUILTIN_HANDLERS) gets the
    handlers again.
    """

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if fullname != TARGET:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and not isinstance(spec.loader, _LoaderAfter):
                    spec.loader = _LoaderAfter(spec.loader)  # type: ignore[assignment]  # a Loader by duck typing
                return spec
        return None

    def invalidate_caches(self) -> None:
        pass


_install_lock = threading.Lock()


def _remove_finder() -> None:
    # On Python 3.10 and 3.11, a finder written in Python that is still on sys.meta_path at
    # interpreter exit keeps modules alive past the shutdown's garbage collection, and clearing
    # them one by one added about 7 ms to every pytest run with the plugin installed.
    with _install_lock:
        sys.meta_path[:] = [finder for finder in sys.meta_path if not isinstance(finder, _HandlersFinder)]


def install() -> None:
    """Make every botocore session route IAM/STS calls to the active engine (idempotent, cheap).

    Before botocore.handlers is imported: a finder adds the handlers when it is.  After:
    they are added now, and boto3's default session, if made already, gets them directly.
    """
    with _install_lock:
        if not any(isinstance(finder, _HandlersFinder) for finder in sys.meta_path):
            sys.meta_path.insert(0, _HandlersFinder())
            atexit.register(_remove_finder)
        handlers = sys.modules.get(TARGET)
        if handlers is None or getattr(handlers, "BUILTIN_HANDLERS", None) is None:
            return  # not imported yet (or being imported): the finder's loader adds them
        if any(entry[1] is capture_params for entry in handlers.BUILTIN_HANDLERS):
            return
        _add_to_builtins(handlers)
        from .internals import default_session_emitter

        emitter = default_session_emitter()
        if emitter is not None:
            register = {None: emitter.register, "first": emitter.register_first, "last": emitter.register_last}
            for event, handler, where in HANDLERS:
                register[where](event, handler)
