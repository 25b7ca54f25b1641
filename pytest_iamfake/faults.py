"""Fault injection: make matching IAM/STS calls fail with a chosen error, before the model runs."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import services
from .calls import Call, differences, numbered, redact
from .exceptions import UsageError
from .model import errors, injected
from .model.errors import IAMError

if TYPE_CHECKING:
    from botocore.model import OperationModel

When = Mapping[str, Any] | Callable[[Call], bool] | None

# Codes any operation can answer with besides those its model declares.
COMMON_CODES: tuple[str, ...] = tuple(errors.COMMON_STATUS)


@dataclass(eq=False)
class Fault:
    """An injected failure from `IAMFake.fail()`: which calls it answers and how often it has fired."""

    service: str
    operation: str
    code: str
    message: str | None = None
    times: int | None = 1
    when: When = None
    optional: bool = False
    triggered: int = field(default=0, init=False)

    @property
    def remaining(self) -> int | None:
        """How many more calls it will answer (None: every matching call)."""
        return None if self.times is None else self.times - self.triggered

    def wants(self, call: Call) -> bool:
        """Whether this fault answers `call` (the call as it is about to be recorded)."""
        if call.service != self.service or call.operation != self.operation or self.remaining == 0:
            return False
        if self.when is None:
            return True
        if callable(self.when):
            try:
                return bool(self.when(call))
            except Exception as err:
                raise UsageError(f"The when= callable of {self!r} raised {err!r} on {call!r}.") from err
        return not differences(self.when, call.params)

    def error_for(self, call: Call) -> IAMError:
        return IAMError(
            self.code,
            self.message
            if self.message is not None
            else injected.wording(call.operation, self.code, call.params, call.caller, call.service),
        )

    def __repr__(self) -> str:
        extra = f", times={self.times}" if self.times != 1 else ""
        if callable(self.when):
            extra += f", when={getattr(self.when, '__qualname__', repr(self.when))}"
        elif self.when is not None:
            extra += f", when={redact(self.when)!r}"
        if self.optional:
            extra += ", optional=True"
        fired = "once" if self.triggered == 1 else f"{self.triggered} times"
        return f"Fault({self.service}:{self.operation} -> {self.code}{extra}; fired {fired})"


def prepare(
    operation: OperationModel,
    code: object,
    *,
    message: object = None,
    times: object = 1,
    when: object = None,
    optional: object = False,
) -> Fault:
    """A Fault for `operation`, every argument checked (UsageError naming what is allowed)."""
    _check_code(operation, code)
    if message is not None and not isinstance(message, str):
        raise UsageError(f"fail(message=...) takes a string or None; got {message!r}.")
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise UsageError(f"fail(times=...) takes a count >= 1, or None for every matching call; got {times!r}.")
    if isinstance(when, Mapping):
        services.check_params(operation, when)
    elif when is not None and not callable(when):
        raise UsageError(f"fail(when=...) takes a params dict or a callable taking the Call; got {when!r}.")
    return Fault(
        operation.service_model.service_name,
        operation.name,
        str(code),
        message,
        times,
        when,
        bool(optional),
    )


def allowed_codes(operation: OperationModel) -> tuple[str, ...]:
    """What `operation` can be made to fail with: its declared codes, then the common ones."""
    declared = services.declared_codes(operation)
    return declared + tuple(code for code in COMMON_CODES if code not in declared)


def _check_code(operation: OperationModel, code: object) -> None:
    allowed = allowed_codes(operation)
    if code in allowed:
        return
    declared = services.declared_codes(operation)
    common = [c for c in allowed if c not in declared]
    close = _close_matches(str(code), allowed, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise UsageError(
        f"{operation.name} cannot be made to fail with {code!r}.{hint}\n"
        f"Codes its model declares: {', '.join(declared) or 'none'}.\n"
        f"Codes common to every operation: {', '.join(common)}."
    )


# Set while this thread runs a fault's `when=`: the calls it makes are not offered to faults.
_deciding = threading.local()


class Faults:
    """The faults of one fake, in the order they were added; thread-safe."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def __bool__(self) -> bool:
        return bool(self._faults)

    def __iter__(self) -> Iterator[Fault]:
        with self._lock:
            return iter(list(self._faults))

    def take(self, call: Call) -> IAMError | None:
        """The injected error for `call` from the earliest fault that wants it (counted as fired), else None.

        A `when=` callable runs without the lock held, so it may call IAM or the fake's
        helpers.  Calls it makes itself are answered normally: no fault applies to them
        (so a `when=` that calls its own operation does not recurse), and they are
        recorded, before the call it is deciding about.
        """
        if not self._faults or getattr(_deciding, "active", False):
            return None
        for fault in self:
            _deciding.active = True
            try:
                wanted = fault.wants(call)
            finally:
                _deciding.active = False
            if not wanted:
                continue
            with self._lock:  # another thread may have used up its last firing meanwhile
                if fault.remaining == 0:
                    continue
                fault.triggered += 1
            return fault.error_for(call)
        return None

    def unfired_problem(self, calls: Sequence[Call]) -> str | None:
        """verify()'s complaint about faults that never fired, or None."""
        unfired = [fault for fault in self if fault.triggered == 0 and not fault.optional]
        if not unfired:
            return None
        listed = "\n".join(f"  - {fault!r}" for fault in unfired)
        noun = "fault never fired" if len(unfired) == 1 else "faults never fired"
        return (
            f"pytest-iamfake: {len(unfired)} injected {noun}:\n{listed}\n"
            f"{numbered(calls)}\n"
            "Make the code under test call it, fix its operation or `when`, or pass optional=True."
        )


def _close_matches(word: str, possibilities: Iterable[str], n: int, cutoff: float) -> list[str]:
    import difflib  # only here: slow to import, and needed only to word a usage error

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)
