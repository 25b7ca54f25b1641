"""Retry back-off against the fake clock: botocore's retry sleeps advance it instead of sleeping.

In the wire transport botocore runs its own retry handler (standard, legacy or
adaptive) on the fake's answers.  Each handler only *computes* the delay and returns
it from the `needs-retry` event; the one place that sleeps is
`botocore.endpoint.Endpoint._needs_retry`, through the module-level `time.sleep` of
`botocore.endpoint` (aiobotocore: `AioEndpoint._sleep`).  A handler cannot veto that
sleep (every handler runs; the first non-None delay wins), so while a wire fake is
active we swap that one module's `time` for a stand-in whose `sleep` advances the
clock of the fake that answered the request being retried, and really sleeps for
anything else (a request moto answered, say).  Nothing else in botocore or the
process sees a different `time`.  The patch is undone when the last wire fake stops.
"""

from __future__ import annotations

import contextvars
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from botocore import endpoint as _endpoint

if TYPE_CHECKING:
    from .fake import IAMFake

# The fake that answered the latest request of this thread / asyncio task, if any.
# A ContextVar, so concurrent threads and tasks each see their own.
answered_by: contextvars.ContextVar[IAMFake | None] = contextvars.ContextVar("iamfake_answered_by", default=None)


def _back_off(seconds: float) -> bool:
    """Advance the answering fake's clock by `seconds`; False if no fake answered."""
    fake = answered_by.get()
    if fake is None:
        return False
    fake.clock.advance(seconds)
    return True


class _EndpointTime:
    """`time` as botocore.endpoint sees it while a wire fake is active."""

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        if not _back_off(seconds):
            time.sleep(seconds)


_lock = threading.Lock()
_users = 0
_saved_aio_sleep: Callable[..., Awaitable[None]] | None = None


def patch_aio() -> None:
    """Route AioEndpoint._sleep to the fake clock too, once aiobotocore is in use (idempotent)."""
    global _saved_aio_sleep
    module = sys.modules.get("aiobotocore.endpoint")
    with _lock:
        if module is None or _users == 0 or _saved_aio_sleep is not None:
            return
        endpoint_class = module.AioEndpoint
        real_sleep = _saved_aio_sleep = endpoint_class._sleep

        async def _sleep(self: Any, seconds: float) -> None:
            if not _back_off(seconds):
                await real_sleep(self, seconds)

        endpoint_class._sleep = _sleep


def _unpatch_aio() -> None:
    global _saved_aio_sleep
    module = sys.modules.get("aiobotocore.endpoint")
    if module is not None and _saved_aio_sleep is not None:
        module.AioEndpoint._sleep = _saved_aio_sleep
    _saved_aio_sleep = None


def acquire() -> None:
    """A wire fake started: retry sleeps now advance fake clocks."""
    global _users
    with _lock:
        _users += 1
        if _users == 1:
            _endpoint.time = _EndpointTime()  # type: ignore[attr-defined]
    patch_aio()


def release() -> None:
    """A wire fake stopped: restore botocore's sleep when it was the last one."""
    global _users
    with _lock:
        _users -= 1
        if _users == 0:
            _endpoint.time = time  # type: ignore[attr-defined]
            _unpatch_aio()
