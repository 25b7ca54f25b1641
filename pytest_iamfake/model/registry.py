"""The operation table: which IAM/STS operations the model answers, and how."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account import Account
    from .backend import IAMBackend
    from .identity import Principal

Result = dict[str, Any]


@dataclass(slots=True)  # not frozen: one is built per call, and frozen init is slow
class Request:
    """One call as the model sees it: who, on which account, with which parameters."""

    backend: IAMBackend
    account: Account
    caller: Principal
    operation: str
    params: Mapping[str, Any]
    service: str = "iam"


Handler = Callable[[Request], Result]


@dataclass(frozen=True)
class Operation:
    service: str
    name: str
    handler: Handler
    mutates: bool


OPERATIONS: dict[tuple[str, str], Operation] = {}


def operation(service: str, name: str, *, mutates: bool) -> Callable[[Handler], Handler]:
    """Register `handler` as the model of `service`'s operation `name`."""

    def register(handler: Handler) -> Handler:
        OPERATIONS[(service, name)] = Operation(service, name, handler, mutates)
        return handler

    return register
