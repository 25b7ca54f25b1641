"""The fake's clock: fixed and deterministic by default, or following freezegun/time-machine."""

from __future__ import annotations

import datetime as _dt
import sys
import threading
from typing import Any, Literal

from .checks import expect
from .exceptions import UsageError

ClockMode = Literal["auto", "fixed", "wall"]
CLOCK_MODES: tuple[ClockMode, ...] = ("auto", "fixed", "wall")
UTC = _dt.timezone.utc


INSTANT_FORMAT = (
    "an ISO-8601 string such as '2024-05-01' or '2024-05-01T12:00:00Z' (UTC unless it says otherwise), or a datetime"
)


def parse_instant(value: Any, where: str = "a time") -> _dt.datetime:
    """An aware UTC datetime from a datetime (naive means UTC) or an ISO-8601 string.

    Anything else is a UsageError naming the accepted format, `where` naming what was given.
    """
    __tracebackhide__ = True
    if isinstance(value, _dt.datetime):
        moment = value
    else:
        try:
            moment = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except (TypeError, ValueError, AttributeError):
            raise UsageError(f"{where}: {value!r} is not a time; use {INSTANT_FORMAT}.") from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def time_is_patched() -> bool:
    """Whether freezegun or time-machine is freezing/travelling time right now."""
    freezegun_api = sys.modules.get("freezegun.api")
    if freezegun_api is not None and getattr(freezegun_api, "freeze_factories", None):
        return True
    time_machine = sys.modules.get("time_machine")
    return bool(time_machine is not None and getattr(time_machine, "traveller_stack", None))


class Clock:
    """What `iamfake.clock` is: `now()`, `advance()`, `set()`.

    In "fixed" mode time starts at `start_time` and moves only by `tick` after each
    state-changing call and by `advance()`/`set()`.  In "wall" mode, and in "auto"
    mode while freezegun or time-machine is active, it follows `datetime.now()`
    (patched by those libraries) plus whatever `advance()`/`set()`/`tick` added.
    """

    def __init__(self, start_time: _dt.datetime, tick: float = 0, mode: ClockMode = "auto") -> None:
        self._fixed = start_time
        self._offset = _dt.timedelta(0)
        self._tick = _dt.timedelta(seconds=tick)
        self.mode: ClockMode = mode
        self._lock = threading.Lock()

    def _follows_wall(self) -> bool:
        return self.mode == "wall" or (self.mode == "auto" and time_is_patched())

    def now(self) -> _dt.datetime:
        """The current fake time, timezone-aware UTC."""
        if self._follows_wall():
            return _dt.datetime.now(UTC) + self._offset
        return self._fixed

    def advance(self, delta: float | _dt.timedelta) -> _dt.datetime:
        """Move the clock forward by seconds or a timedelta; returns the new time.

        A negative step is a UsageError: to move the clock back, `set()` it.
        """
        __tracebackhide__ = True
        expect(delta, (int, float, _dt.timedelta), "clock.advance()", "seconds (a number) or a timedelta")
        step = delta if isinstance(delta, _dt.timedelta) else _dt.timedelta(seconds=delta)
        if step < _dt.timedelta(0):
            raise UsageError(
                f"clock.advance() moves the clock forward only; got {delta!r}. To move it back, use clock.set(when)."
            )
        with self._lock:
            self._fixed += step
            self._offset += step
        return self.now()

    def set(self, when: str | _dt.datetime) -> _dt.datetime:
        """Jump to an instant (ISO-8601 string or datetime; naive means UTC)."""
        __tracebackhide__ = True
        target = parse_instant(when, "clock.set()")
        with self._lock:
            self._fixed = target
            if self._follows_wall():
                self._offset = target - _dt.datetime.now(UTC)
        return self.now()

    def after_change(self) -> None:
        if self._tick:
            self.advance(self._tick)

    def __repr__(self) -> str:
        return f"<Clock {self.mode} now={self.now().isoformat()}>"
