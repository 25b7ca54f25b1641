"""The credentials the fake has issued: which access key signs as which principal.

Handlers receive this (not the whole backend), so the model's imports point one way:
backend -> operations -> handlers -> credentials.
"""

from __future__ import annotations

import threading

from .identity import Principal, root_principal


class Credentials:
    """Access key id -> principal, for IAM users' keys and session credentials alike."""

    def __init__(self, default_account_id: str) -> None:
        self.default_account_id = default_account_id
        self.live: dict[str, Principal] = {}
        # Deleted keys still name their principal, so that signing with one is refused
        # (InvalidClientTokenId) rather than mistaken for an unknown key acting as root.
        self.revoked: dict[str, Principal] = {}
        self.sessions_issued = 0
        self._lock = threading.Lock()

    def caller_for(self, access_key_id: str | None) -> Principal:
        """The principal behind an access key; keys the fake never issued act as the account root."""
        if access_key_id is not None:
            principal = self.live.get(access_key_id) or self.revoked.get(access_key_id)
            if principal is not None:
                return principal
        return root_principal(self.default_account_id)

    def issue(self, principal: Principal) -> None:
        """Let `principal.access_key_id` sign requests as `principal`."""
        assert principal.access_key_id is not None
        with self._lock:
            self.live[principal.access_key_id] = principal

    def revoke(self, access_key_id: str) -> None:
        """Stop accepting a deleted key (it keeps failing instead of acting as root)."""
        with self._lock:
            principal = self.live.pop(access_key_id, None)
            if principal is not None:
                self.revoked[access_key_id] = principal

    def is_live(self, access_key_id: str) -> bool:
        return access_key_id in self.live

    def next_session(self) -> int:
        """A number no earlier session of this fake had (session key ids derive from it)."""
        with self._lock:
            self.sessions_issued += 1
            return self.sessions_issued
