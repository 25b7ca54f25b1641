"""pytest glue: the `iamfake` fixture and marker, ini options, and the call-phase verify()."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import pytest

from . import botocore_hooks
from .exceptions import UsageError
from .fake import IAMFake
from .options import NAMES, Options, build

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
INI_OPTIONS = pytest.StashKey[Options]()  # the ini file's options, checked once


def pytest_addoption(parser: pytest.Parser) -> None:
    for name in INI_NAMES:
        parser.addini(f"iamfake_{name}", INI_HELP[name], default=None)


def pytest_configure(config: pytest.Config) -> None:
    try:
        config.stash[INI_OPTIONS] = build(_ini_options(config), origin="ini option iamfake_*")
    except UsageError as err:
        raise pytest.UsageError(str(err)) from None
    config.addinivalue_line(
        "markers",
        # pytest splits this line at its first colon: the signature must hold none.
        "iamfake(*, account_id='123456789012', start_time='2020-01-01', tick=0, clock='auto', "
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
    """An active pytest-iamfake IAMFake: every boto3/botocore IAM and STS call in the process goes to it.
    Options, set with @pytest.mark.iamfake(...) or ini iamfake_<name> defaults:
    account_id ("123456789012"); start_time ("2020-01-01T00:00:00Z");
    tick (seconds the clock moves after each state-changing call, 0);
    clock ("auto" follows freezegun/time-machine when active, else "fixed"; or "wall");
    password_policy (dict in UpdateAccountPasswordPolicy form; None = IAM's default policy);
    users (names created up front); unmodelled ("error" raises UnsupportedOperation,
    "passthrough" lets other fakes answer); strict (verify() after the test body, True);
    transport ("call": answer before botocore signs or sends; "wire": answer with IAM's XML
    at before-send, so signing, botocore's parser and its retries run, back-off moving the fake clock).
    """
    options = build(
        _marker_options(request.node), origin="@pytest.mark.iamfake", base=request.config.stash[INI_OPTIONS]
    )
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
