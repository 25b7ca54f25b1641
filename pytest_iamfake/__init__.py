"""pytest-iamfake: a faithful in-process fake of AWS IAM's console sign-in surface."""

from . import botocore_hooks
from .calls import Call
from .clock import Clock
from .exceptions import BlockedRequest, IAMFakeError, UnsupportedOperation, UsageError
from .fake import IAMFake, fake_iam

__all__ = [
    "BlockedRequest",
    "Call",
    "Clock",
    "IAMFake",
    "IAMFakeError",
    "UnsupportedOperation",
    "UsageError",
    "fake_iam",
]

# Every botocore session created after this import routes IAM/STS calls to the active fake.
botocore_hooks.install()
