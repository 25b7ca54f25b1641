"""No credential provider outside the fake runs while a fake is active.

Two places could run one:

* creating a client: botocore's `Session.get_credentials` runs the session's provider
  chain (a profile's `credential_process`, SSO, assume-role, instance metadata...) and
  caches the result on the session.  While a fake is active it is replaced: a session
  that holds credentials (given explicitly, or resolved before the fake) keeps using
  them; one that holds none gets the environment's keys (the fake's root keys unless the
  test put others there), *not cached*, so after the fake stops the session resolves its
  own again (boto3's default session included: the outer environment applies, nothing
  of the fake's is left behind);
* signing (wire transport): botocore freezes a client's credentials to sign, which
  refreshes refreshable credentials and resolves deferred ones.  The hooks have
  botocore sign such requests, and requests of clients holding no credentials at all
  (made at import time, before any fake), with plain credentials instead (see
  `signing_credentials`), so that botocore never reads the client's own.

Reference-counted like retry_clock: the patch is undone when the last fake stops.
"""

from __future__ import annotations

import os
import threading
from typing import Any

from ..env import FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY
from . import internals

_lock = threading.Lock()
_users = 0


def _get_credentials(session: Any, *, aio: bool = False) -> Any:
    """Session.get_credentials while a fake is active: never runs a provider, never caches.

    Credentials the session holds are kept; else the environment's keys (the fake's, unless
    the test set a key the fake issued there), read without running anything.
    """
    held = internals.session_cached_credentials(session)
    if held is not None:
        return held
    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not (key and secret):
        key, secret = FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY
    return internals.fake_credentials(key, secret, os.environ.get("AWS_SESSION_TOKEN") or None, aio=aio)


def signing_credentials(credentials: Any) -> tuple[str, str, str | None] | None:
    """What botocore should sign with instead of a client's `credentials`; None: its own are safe.

    None for plain (static) credentials: signing reads them without running anything.
    A client with no credentials signs as the fake's root; refreshable or deferred
    credentials sign with the access key (and token) they hold now, unresolved ones as
    the fake's root (keys the fake did not issue act as the account root anyway).  The
    secret is the fake's: the fake never checks signatures.
    """
    if credentials is None:
        return FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, None
    if not internals.is_refreshable(credentials):
        return None
    key = internals.raw_access_key(credentials)
    if key is None:
        return FAKE_ACCESS_KEY_ID, FAKE_SECRET_ACCESS_KEY, None
    return key, FAKE_SECRET_ACCESS_KEY, internals.raw_token(credentials)


def acquire() -> None:
    """A fake started: sessions resolve no credentials of their own from now on."""
    global _users
    with _lock:
        _users += 1
        if _users == 1:
            internals.swap_session_get_credentials(_get_credentials)


def release() -> None:
    """A fake stopped: botocore's own resolution again once the last one has."""
    global _users
    with _lock:
        _users -= 1
        if _users == 0:
            internals.swap_session_get_credentials(None)
