"""While a fake is active, the AWS environment holds fake credentials and points at no files."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FAKE_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
FAKE_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
DEFAULT_REGION = "us-east-1"

_SET = {
    "AWS_ACCESS_KEY_ID": FAKE_ACCESS_KEY_ID,
    "AWS_SECRET_ACCESS_KEY": FAKE_SECRET_ACCESS_KEY,
    "AWS_DEFAULT_REGION": DEFAULT_REGION,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
# Anything else that could lead botocore to real credentials or endpoints.
_REMOVE = (
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ROLE_ARN",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_IAM",
    "AWS_ENDPOINT_URL_STS",
    "AWS_CREDENTIAL_EXPIRATION",
)


_lock = threading.Lock()
_active = 0
# The outer environment, saved by the first fake to start: only the last to stop restores it.
_outer: dict[str, str | None] = {}


def _enter() -> None:
    global _active
    with _lock:
        _active += 1
        if _active > 1:
            return  # the environment is the fake's already
        _outer.clear()
        _outer.update({key: os.environ.get(key) for key in (*_SET, *_REMOVE)})
        os.environ.update(_SET)
        for key in _REMOVE:
            os.environ.pop(key, None)


def _exit() -> None:
    global _active
    with _lock:
        _active -= 1
        if _active > 0:
            return  # another fake is still active: the environment stays the fake's
        for key, value in _outer.items():
            if os.environ.get(key) != _SET.get(key):
                continue  # CHOSEN: changed by the code under test since: left as it set it
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _outer.clear()


@contextmanager
def fake_aws_environment() -> Iterator[None]:
    """Set fake credentials and a region, hide real ones; the last active fake restores the outer ones.

    However fakes nest and in whatever order they stop, the environment is the fake's while
    any is active and the outer one again once none is.  A variable the code under test set
    or removed meanwhile is left as it left it.
    """
    _enter()
    try:
        yield
    finally:
        _exit()
