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
