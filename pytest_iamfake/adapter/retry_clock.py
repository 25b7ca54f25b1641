"""Retry back-off against the fake clock: botocore's retry sleeps advance it instead of sleeping.

In the wire transport botocore runs its own retry handler (standard, legacy or
adaptive) on the fake's answers.  Each handler only *computes* the delay and returns
it from the `needs-retry` event; the one place that sleeps is
`botocore.endpoint.Endpoint._needs_retry`, through the module-level `time.sleep` of
`botocore.endpoint` (aiobotocore: `AioEndpoint._sleep`).  A handler cannot veto that
sleep (every handler runs; the first non-None delay wins), so while a wire fake is
active we swap that one module's `time` for a stand-in whose `sleep` advances the
Clock of the fake that answered the request being retried, and really sleeps for
anything else (a request moto answered, say).  Nothing else in botocore or the
process sees a different `time`.  The patch is undone when the last wire fake stops.

This module moves a Clock; it knows nothing of fakes.  The hooks tell it which clock
answered (`answered_by`) and when wire fakes start and stop (`acquire`/`release`).
"""

from __future__ import annotations

import contextvars
import threading
import time
import weakref
from typing import Any

from ..clock import Clock
from . import internals

# The clock of the fake that answered the latest request of this thread / asyncio task, if any.
# A ContextVar, so concurrent threads and tasks each see their own; a weak reference, since
# a thread's context outlives the fake (it must not keep a stopped fake's state reachable).
answered_by: contextvars.ContextVar[weakref.ref[Clock] | None] = contextvars.ContextVar(
    "iamfake_answered_by", default=None
)


def answered(clock: Clock | None) -> None:
    """The latest request of this thread / task was answered by the fake with `clock` (None: by none)."""
    answered_by.set(None if clock is None else weakref.ref(clock))


def _back_off(seconds: float) -> bool:
    """Advance the answering clock by `seconds`; False if no fake answered."""
    ref = answered_by.get()
    clock = None if ref is None else ref()
    if clock is None:
        return False
    clock.advance(seconds)
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
_saved_aio_sleep: internals.AioSleep | None = None


def patch_aio() -> None:
    """Route aiobotocore's retry sleep to the fake clock too, once it is in use (idempotent)."""
    global _saved_aio_sleep
    with _lock:
        if _users == 0 or _saved_aio_sleep is not None:
            return
        real_sleep = internals.aio_sleep()
        if real_sleep is None:
            return
        _saved_aio_sleep = real_sleep

        async def _sleep(self: Any, seconds: float) -> None:
            if not _back_off(seconds):
                await real_sleep(self, seconds)

        internals.set_aio_sleep(_sleep)


def _unpatch_aio() -> None:
    global _saved_aio_sleep
    if _saved_aio_sleep is not None:
        internals.set_aio_sleep(_saved_aio_sleep)
    _saved_aio_sleep = None


def acquire() -> None:
    """A wire fake started: retry sleeps now advance fake clocks."""
    global _users
    with _lock:
        _users += 1
        if _users == 1:
            internals.swap_endpoint_time(_EndpointTime())
    patch_aio()


def release() -> None:
    """A wire fake stopped: restore botocore's sleep when it was the last one."""
    global _users
    with _lock:
        _users -= 1
        if _users == 0:
            internals.swap_endpoint_time(time)
            _unpatch_aio()
