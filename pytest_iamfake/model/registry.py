"""What an operation handler receives and what the operation table holds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account import Account
    from .credentials import Credentials
    from .identity import Principal

Result = dict[str, Any]


@dataclass(slots=True)  # not frozen: one is built per call, and frozen init is slow
class Request:
    """One call as the model sees it: who, on which account, with which parameters."""

    credentials: Credentials
    account: Account
    caller: Principal
    operation: str
    params: Mapping[str, Any]
    service: str
    # Another account's state, created empty on first use (AssumeRoot acts across accounts).
    account_of: Callable[[str], Account]


Handler = Callable[[Request], Result]


@dataclass(frozen=True)
class Operation:
    """One row of the operation table: `handler` answers `service`'s operation `name`."""

    service: str
    name: str
    handler: Handler
    mutates: bool
