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


def signer_access_key(request_signer: Any) -> str | None:
    """The access key id a client's RequestSigner signs with (call transport: nothing is signed yet)."""
    credentials = getattr(request_signer, "_credentials", None)
    return getattr(credentials, "access_key", None) if credentials is not None else None


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
