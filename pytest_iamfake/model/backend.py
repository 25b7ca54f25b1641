"""The fake cloud: one Account per account id, the credentials it has issued, and dispatch."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from .account import Account, Clock
from .authorization import authorize
from .credentials import Credentials
from .identity import Principal
from .last_used import DEFAULT_REGION, record
from .operations import OPERATIONS
from .registry import Request, Result


class IAMBackend:
    """Everything the fake knows; state lives here and nowhere global."""

    def __init__(self, account_id: str, clock: Clock) -> None:
        self.default_account_id = account_id
        self.clock = clock
        self.accounts: dict[str, Account] = {}
        self.credentials = Credentials(account_id)
        self._lock = threading.Lock()
        self.aliases: dict[str, str] = {}  # account alias -> account id: unique across accounts
        self.account(account_id)

    def account(self, account_id: str) -> Account:
        """The account with this id, created empty on first use."""
        found = self.accounts.get(account_id)
        if found is not None:  # the common case needs no lock: accounts are never removed
            return found
        with self._lock:
            found = self.accounts.get(account_id)
            if found is None:
                found = self.accounts[account_id] = Account(account_id, self.clock, self.clock.now())
                found.aliases_taken = self.aliases
            return found

    def caller_for(self, access_key_id: str | None) -> Principal:
        """The principal behind an access key; keys the fake never issued act as the account root."""
        return self.credentials.caller_for(access_key_id)

    @staticmethod
    def covers(service: str, operation: str) -> bool:
        return (service, operation) in OPERATIONS

    @staticmethod
    def covered(service: str | None = None) -> list[str]:
        """Names of the modelled operations, sorted (of one service if given)."""
        return sorted(name for (svc, name) in OPERATIONS if service is None or svc == service)

    @staticmethod
    def mutates(service: str, operation: str) -> bool:
        return OPERATIONS[(service, operation)].mutates

    def handle(
        self,
        service: str,
        operation: str,
        caller: Principal,
        params: Mapping[str, Any],
        *,
        tick: bool = True,
        region: str | None = None,
    ) -> Result:
        """Run one operation atomically; raises IAMError for an error answer.

        A successful state-changing operation moves the clock by its tick unless `tick` is False.
        `region`: the region the request was signed for (its key's last use records it).
        """
        op = OPERATIONS[(service, operation)]
        account = self.account(caller.account_id)
        with account.lock:
            req = Request(self.credentials, account, caller, operation, params, service, self.account)
            authorize(req)
            record(req, region or DEFAULT_REGION)
            result = op.handler(req)
        if op.mutates and tick:
            self.clock.after_change()
        return result
