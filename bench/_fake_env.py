"""Fake credentials and no config files, set before boto3 is imported: nothing real is read."""

from __future__ import annotations

import os

FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIABENCHEXAMPLE0000",
    "AWS_SECRET_ACCESS_KEY": "bench-secret",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
REAL_ONLY = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")


def use_fake_aws_env() -> None:
    """Point this process's AWS settings at nothing real."""
    os.environ.update(FAKE_ENV)
    for name in REAL_ONLY:
        os.environ.pop(name, None)
