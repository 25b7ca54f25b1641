"""Shared fixtures.  Nothing here may reach the network or real AWS credentials."""

from __future__ import annotations

import os

import pytest

# Clients created at import time (before any fake starts) must not go looking for
# real credentials or instance metadata either.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "AKIAIMPORTTIMEEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "import-time-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
)
for _name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
    os.environ.pop(_name, None)

if os.environ.get("IAMFAKE_FORBID_SOCKETS"):  # CI runs the suite once more with no network at all
    import socket

    def _no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("IAMFAKE_FORBID_SOCKETS: a test tried to use the network")

    socket.socket.connect = socket.socket.connect_ex = socket.getaddrinfo = _no_network  # type: ignore[assignment,method-assign]


@pytest.fixture
def iam(iamfake):  # type: ignore[no-untyped-def]
    """A boto3 IAM client signed as the account root."""
    import boto3

    return boto3.client("iam")


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """pytester whose inner runs load only pytest-iamfake among third-party plugins.

    Each in-process run re-imports (and assertion-rewrites) entry-point plugins that the
    outer run has not imported; hypothesis alone made every inner run take seconds.
    """
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:hypothesispytest -p no:randomly -p no:xdist -p no:benchmark")
    return pytester


@pytest.fixture
def regional_sts(monkeypatch: pytest.MonkeyPatch) -> None:
    """STS clients use their region's endpoint (botocore's default from 1.36; before, the global one in us-east-1)."""
    monkeypatch.setenv("AWS_STS_REGIONAL_ENDPOINTS", "regional")


@pytest.fixture
def real_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every positive delay the test asks time.sleep or asyncio.sleep for; none of them is slept."""
    import asyncio
    import time

    slept: list[float] = []
    real_async_sleep = asyncio.sleep

    def sleep(seconds: float) -> None:
        if seconds > 0:
            slept.append(seconds)

    async def async_sleep(seconds: float, result: object = None) -> object:
        if seconds > 0:
            slept.append(seconds)
        return await real_async_sleep(0, result)

    monkeypatch.setattr(time, "sleep", sleep)
    monkeypatch.setattr(asyncio, "sleep", async_sleep)
    return slept
