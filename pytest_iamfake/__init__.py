"""pytest-iamfake: a faithful in-process fake of AWS IAM's console sign-in surface.

Importing the package imports no botocore; it installs a hook (adapter/hooks.py) that
wires botocore to the fake as soon as botocore is imported, or at once if it already is.
"""

from .adapter import hooks
from .calls import ANY, Call
from .clock import Clock
from .error_scenarios import error_cases, error_codes
from .exceptions import BlockedRequest, IAMFakeError, UnsupportedOperation, UsageError
from .fake import IAMFake, fake_iam
from .faults import Fault

__all__ = [
    "ANY",
    "BlockedRequest",
    "Call",
    "Clock",
    "Fault",
    "IAMFake",
    "IAMFakeError",
    "UnsupportedOperation",
    "UsageError",
    "error_cases",
    "error_codes",
    "fake_iam",
]

# Every botocore session created after this import routes IAM/STS calls to the active fake.
hooks.install()
