"""The fake's clock: fixed and deterministic by default, or following freezegun/time-machine."""

from __future__ import annotations

import datetime as _dt
import sys
import threading
from typing import Literal

ClockMode = Literal["auto", "fixed", "wall"]
CLOCK_MODES: tuple[ClockMode, ...] = ("auto", "fixed", "wall")
UTC = _dt.timezone.utc


def parse_instant(value: str | _dt.datetime) -> _dt.datetime:
    """An aware UTC datetime from a datetime (naive means UTC) or an ISO-8601 string."""
    moment = value if isinstance(value, _dt.datetime) else _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
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
        """Move the clock forward by seconds or a timedelta; returns the new time."""
        step = delta if isinstance(delta, _dt.timedelta) else _dt.timedelta(seconds=delta)
        with self._lock:
            self._fixed += step
            self._offset += step
        return self.now()

    def set(self, when: str | _dt.datetime) -> _dt.datetime:
        """Jump to an instant (ISO-8601 string or datetime; naive means UTC)."""
        target = parse_instant(when)
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
