"""Every private attribute of botocore, boto3 and aiobotocore that pytest-iamfake reads or sets.

Public botocore API (events, AWSResponse, service models) is used where it is needed;
anything a botocore, boto3 or aiobotocore release may rename without notice is touched
here and nowhere else, so an upgrade is audited in one file.  botocore is imported
inside the functions: this module is loaded before botocore is.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Awaitable, Callable
from typing import Any

_AUTHORIZATION = re.compile(r"Credential=([^/,\s]+)/")
_SCOPE_REGION = re.compile(r"Credential=[^/,\s]+/[^/]+/([^/]+)/")


# --- who signed a request ----------------------------------------------------------------


def signer_credentials(request_signer: Any) -> Any | None:
    """The Credentials object a client's RequestSigner holds (None: the client has none)."""
    return getattr(request_signer, "_credentials", None)


def is_refreshable(credentials: Any) -> bool:
    """Whether reading `credentials` may run a credential provider (refreshable or deferred ones)."""
    from botocore.credentials import RefreshableCredentials

    return isinstance(credentials, RefreshableCredentials)


def raw_access_key(credentials: Any) -> str | None:
    """The access key id `credentials` hold now, never resolving or refreshing them.

    RefreshableCredentials.access_key (and DeferredRefreshableCredentials') runs the
    provider when the credentials are unresolved or about to expire: their stored
    `_access_key` is read instead (None while unresolved).
    """
    if credentials is None:
        return None
    if is_refreshable(credentials):
        key = vars(credentials).get("_access_key")
    else:
        key = getattr(credentials, "access_key", None)
    return key if isinstance(key, str) else None


def raw_token(credentials: Any) -> str | None:
    """The session token `credentials` hold now, never resolving or refreshing them."""
    key = vars(credentials).get("_token") if is_refreshable(credentials) else getattr(credentials, "token", None)
    return key if isinstance(key, str) else None


def signer_access_key(request_signer: Any) -> str | None:
    """The access key id a client's RequestSigner signs with (call transport: nothing is signed yet)."""
    return raw_access_key(signer_credentials(request_signer))


def sign_with(request: Any, access_key: str, secret_key: str, token: str | None, *, aio: bool = False) -> None:
    """Make botocore sign `request` with these credentials instead of its client's.

    botocore's RequestSigner.sign uses `request.context["signing"]["request_credentials"]`
    in place of the client's own credentials when set, after `before-sign`: so the
    client's (possibly refreshable) credentials are never read, and the client is not
    changed.  A fresh "signing" dict: the one there may be shared.  aiobotocore's signer
    awaits the credentials' freezing: its clients get aiobotocore's AioCredentials.
    """
    context = request.context
    context["signing"] = {
        **context.get("signing", {}),
        "request_credentials": _credentials_class(aio)(access_key, secret_key, token, method="iamfake"),
    }


def _credentials_class(aio: bool) -> Any:
    if aio:
        return importlib.import_module("aiobotocore.credentials").AioCredentials
    from botocore.credentials import Credentials

    return Credentials


# --- credential resolution while a fake is active ------------------------------------------


def swap_session_get_credentials(replacement: Callable[..., Any] | None) -> None:
    """Replace botocore.session.Session.get_credentials (None: put botocore's own back).

    Session.get_credentials runs the session's credential provider chain (environment,
    profiles with credential_process, SSO, assume-role, container, instance metadata)
    and caches what it finds on the session: the one place a client's creation resolves
    credentials.  aiobotocore's AioSession overrides it with a coroutine: when aiobotocore
    is loaded, that one is replaced too, by a coroutine returning what `replacement` does.
    """
    from botocore.session import Session

    if replacement is None:
        for owner, original in _real_get_credentials.items():
            owner.get_credentials = original
        _real_get_credentials.clear()
        return
    _real_get_credentials.setdefault(Session, Session.get_credentials)
    Session.get_credentials = replacement  # type: ignore[method-assign]
    aio = sys.modules.get("aiobotocore.session")
    if aio is not None:

        async def aio_get_credentials(self: Any) -> Any:
            return replacement(self, aio=True)

        _real_get_credentials.setdefault(aio.AioSession, aio.AioSession.get_credentials)
        aio.AioSession.get_credentials = aio_get_credentials


_real_get_credentials: dict[Any, Callable[..., Any]] = {}


def session_cached_credentials(session: Any) -> Any | None:
    """The credentials a botocore Session resolved or was given (None: not yet)."""
    return vars(session).get("_credentials")


def fake_credentials(access_key: str, secret_key: str, token: str | None = None, *, aio: bool = False) -> Any:
    """Plain (static) credentials; aiobotocore's AioCredentials for its sessions."""
    return _credentials_class(aio)(access_key, secret_key, token, method="iamfake")


def request_access_key(headers: Any) -> str | None:
    """The access key id from a signed request's `Authorization: ... Credential=<AKID>/...` header."""
    value = headers.get("Authorization")
    if value is None:
        return None
    found = _AUTHORIZATION.search(value.decode() if isinstance(value, bytes) else value)
    return found.group(1) if found else None


def signer_region(request_signer: Any) -> str | None:
    """The region a client's RequestSigner signs for (IAM's global endpoint signs for us-east-1)."""
    region = getattr(request_signer, "_region_name", None)
    return region if isinstance(region, str) else None


def request_region(headers: Any) -> str | None:
    """The region of a signed request's credential scope `Credential=<AKID>/<date>/<region>/...`."""
    value = headers.get("Authorization")
    if value is None:
        return None
    found = _SCOPE_REGION.search(value.decode() if isinstance(value, bytes) else value)
    return found.group(1) if found else None


def is_aio_signer(request_signer: Any) -> bool:
    """Whether a client is aiobotocore's: only its signer's class tells them apart at before-call."""
    return type(request_signer).__module__.startswith("aiobotocore")


# --- sessions ----------------------------------------------------------------------------


def default_session_emitter() -> Any | None:
    """The event emitter of boto3's default session, if boto3 made one already."""
    boto3 = sys.modules.get("boto3")
    default = getattr(boto3, "DEFAULT_SESSION", None)
    return None if default is None else default._session.get_component("event_emitter")


def client_emitter(client: Any) -> Any:
    """A client's own event emitter (handlers registered on it concern that client only)."""
    return client.meta.events


# --- sleeping between retries ------------------------------------------------------------


def swap_endpoint_time(replacement: Any) -> Any:
    """Set the `time` module that botocore.endpoint sleeps with between retries; returns the old one."""
    from botocore import endpoint

    old = endpoint.time  # type: ignore[attr-defined]
    endpoint.time = replacement  # type: ignore[attr-defined]
    return old


AioSleep = Callable[..., Awaitable[None]]


def aio_sleep() -> AioSleep | None:
    """aiobotocore's `AioEndpoint._sleep` (its one sleep between retries), if aiobotocore is loaded."""
    module = sys.modules.get("aiobotocore.endpoint")
    return None if module is None else module.AioEndpoint._sleep


def set_aio_sleep(sleep: AioSleep) -> None:
    module = sys.modules.get("aiobotocore.endpoint")
    if module is not None:
        module.AioEndpoint._sleep = sleep


# --- responses ---------------------------------------------------------------------------


def aio_response_class() -> Any:
    """aiobotocore's AWSResponse, whose content is awaited (importable only where it is installed)."""
    return importlib.import_module("aiobotocore.awsrequest").AioAWSResponse
