"""pytest-iamfake: a faithful in-process fake of AWS IAM and STS for boto3 code, as a pytest plugin.

Importing the package is cheap: it imports no botocore and none of the fake itself.  It
installs a hook (adapter/hooks.py) that wires botocore to the fake as soon as botocore is
imported, or at once if it already is; the public names below load on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .adapter import hooks

if TYPE_CHECKING:
    from .calls import ANY, Call
    from .clock import Clock
    from .error_scenarios import error_cases, error_codes
    from .exceptions import BlockedRequest, IAMFakeError, UnsupportedOperation, UsageError
    from .fake import IAMFake, fake_iam
    from .faults import Fault
    from .model.evaluation import Decision

# Public name -> the module defining it.  A test run that never asks for the fake loads none of them.
_HOMES = {
    "ANY": "calls",
    "BlockedRequest": "exceptions",
    "Call": "calls",
    "Clock": "clock",
    "Decision": "model.evaluation",
    "Fault": "faults",
    "IAMFake": "fake",
    "IAMFakeError": "exceptions",
    "UnsupportedOperation": "exceptions",
    "UsageError": "exceptions",
    "error_cases": "error_scenarios",
    "error_codes": "error_scenarios",
    "fake_iam": "fake",
}

__all__ = [
    "ANY",
    "BlockedRequest",
    "Call",
    "Clock",
    "Decision",
    "Fault",
    "IAMFake",
    "IAMFakeError",
    "UnsupportedOperation",
    "UsageError",
    "error_cases",
    "error_codes",
    "fake_iam",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # the next access is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


# Every botocore session created after this import routes IAM/STS calls to the active fake.
hooks.install()
