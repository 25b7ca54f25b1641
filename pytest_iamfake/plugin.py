"""pytest glue: the `iamfake` fixture and marker, ini options, and the call-phase verify()."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest

from . import botocore_hooks
from .exceptions import UsageError
from .fake import IAMFake
from .options import NAMES, build

# Registered at import (pytest imports entry-point plugins before conftest files), so
# clients created at module import time already carry the handlers.
botocore_hooks.install()

MARKER = "iamfake"
INI_HELP = {
    "account_id": "12-digit account id of the fake (default 123456789012)",
    "start_time": "ISO-8601 time the fake clock starts at (default 2020-01-01T00:00:00Z)",
    "tick": "seconds the clock moves after each state-changing call (default 0)",
    "clock": "auto | fixed | wall (default auto: follow freezegun/time-machine, else fixed)",
    "password_policy": "not settable in ini; use the marker or fake_iam()",
    "users": "user names to create up front, space-separated",
    "unmodelled": "error | passthrough: what happens to IAM/STS operations the model lacks (default error)",
    "strict": "run verify() after each test body (default true)",
    "transport": "call: answer before botocore signs or sends (default); wire: answer with IAM's XML at before-send",
}
INI_NAMES = tuple(name for name in NAMES if name != "password_policy")


def pytest_addoption(parser: pytest.Parser) -> None:
    for name in INI_NAMES:
        parser.addini(f"iamfake_{name}", INI_HELP[name], default=None)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "iamfake(*, account_id='123456789012', start_time='2020-01-01T00:00:00Z', tick=0, clock='auto', "
        "password_policy=None, users=(), unmodelled='error', strict=True, transport='call'): "
        "activate pytest-iamfake for this test with these options; the nearest marker wins.",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The marker alone activates the fake, as if the test requested the fixture.
    for item in items:
        if item.get_closest_marker(MARKER) is not None:
            names = getattr(item, "fixturenames", None)
            if names is not None and "iamfake" not in names:
                names.insert(0, "iamfake")


def _ini_options(config: pytest.Config) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in INI_NAMES:
        value = config.getini(f"iamfake_{name}")
        if value not in (None, ""):
            found[name] = value
    return found


def _marker_options(node: pytest.Item) -> dict[str, Any]:
    marker = node.get_closest_marker(MARKER)
    if marker is None:
        return {}
    if marker.args:
        raise UsageError(f"@pytest.mark.iamfake takes keyword options only; allowed options are: {', '.join(NAMES)}.")
    return dict(marker.kwargs)


@pytest.fixture
def iamfake(request: pytest.FixtureRequest) -> Iterator[IAMFake]:
    """An active pytest-iamfake `IAMFake`: every botocore/boto3 IAM and STS call goes to it.

    Options (``@pytest.mark.iamfake(...)`` keywords, ``fake_iam()`` keywords, or ini
    ``iamfake_<name>`` defaults):

    - account_id: 12-digit account id (default "123456789012").
    - start_time: when the fake clock starts (default "2020-01-01T00:00:00Z").
    - tick: seconds the clock moves after each state-changing call (default 0).
    - clock: "auto" (follow freezegun/time-machine when active, else fixed), "fixed" or "wall".
    - password_policy: dict in UpdateAccountPasswordPolicy form, or None (IAM's default policy).
    - users: user names to create up front.
    - unmodelled: "error" (UnsupportedOperation) or "passthrough" (let other fakes answer).
    - strict: run ``verify()`` right after the test body (default True).
    - transport: "call" (answer before signing and sending, the default) or "wire" (botocore signs
      and serializes, the fake answers with the XML IAM sends, botocore parses it and runs its
      retry handler; back-off advances the fake clock instead of sleeping).
    """
    ini = _ini_options(request.config)
    build(ini, origin="ini option iamfake_*")  # blame the ini file for its own mistakes
    options = build(ini, _marker_options(request.node), origin="@pytest.mark.iamfake")
    fake = IAMFake(options)
    with fake:
        yield fake


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    # verify() runs in the call phase, so its failure is a FAILED test, not a teardown ERROR;
    # when the body already failed, `yield` raises and verify() is skipped.
    result = yield
    funcargs = getattr(item, "funcargs", {})
    fake = funcargs.get("iamfake")
    if isinstance(fake, IAMFake):
        __tracebackhide__ = True
        fake.verify()
    return result
