"""pytest glue: the `iamfake` fixture and marker, ini options, and the call-phase verify().

Importing this module imports no botocore (see adapter/hooks.py) and not the fake either
(fake.py loads when the fixture is first used): a pytest run that never touches AWS pays
next to nothing for the plugin being installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING, Any

import pytest

from .adapter import hooks
from .exceptions import UsageError
from .options import BY_NAME, INI_NAMES, NAMES, Options, build, fixture_doc, ini_help, marker_line

if TYPE_CHECKING:
    from .fake import IAMFake

# Installed at import (pytest imports entry-point plugins before conftest files), so
# clients created at module import time already carry the handlers.
hooks.install()

MARKER = "iamfake"
INI_OPTIONS = pytest.StashKey[Options]()  # the ini file's options, checked once
CALLS_REPORTED = pytest.StashKey[bool]()  # the item's calls are in one of its reports already
SECTION = "pytest-iamfake: IAM/STS calls"


def pytest_addoption(parser: pytest.Parser) -> None:
    for name in INI_NAMES:
        parser.addini(f"iamfake_{name}", ini_help(BY_NAME[name]), default=None)


def pytest_configure(config: pytest.Config) -> None:
    try:
        config.stash[INI_OPTIONS] = build(_ini_options(config), origin="ini option iamfake_*")
    except UsageError as err:
        raise pytest.UsageError(str(err)) from None
    config.addinivalue_line("markers", marker_line())


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


def _iamfake(request: pytest.FixtureRequest) -> Iterator[IAMFake]:
    options = build(
        _marker_options(request.node), origin="@pytest.mark.iamfake", base=request.config.stash[INI_OPTIONS]
    )
    from .fake import IAMFake

    with IAMFake(options) as fake:
        yield fake


_iamfake.__doc__ = fixture_doc()  # derived from the options table, like the ini help and the marker line
iamfake = pytest.fixture(name="iamfake")(_iamfake)


def _fake_of(item: pytest.Item) -> IAMFake | None:
    """The IAMFake the test got from the fixture, if it used one."""
    fake = getattr(item, "funcargs", {}).get("iamfake")
    handle = sys.modules.get(f"{__package__}.fake")  # loaded if any test used the fixture
    if fake is not None and handle is not None and isinstance(fake, handle.IAMFake):
        found: IAMFake = fake
        return found
    return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    # verify() runs in the call phase, so its failure is a FAILED test, not a teardown ERROR;
    # when the body already failed, `yield` raises and verify() is skipped.
    result = yield
    fake = _fake_of(item)
    if fake is not None:
        __tracebackhide__ = True
        fake.verify()
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, object, object]:
    if call.excinfo is not None and _fake_of(item) is not None:
        _shorten(item.config, call.excinfo)
    # The calls go into the failure's own text (longrepr), not report.sections: pytest shows
    # those only as captured output (hidden by --show-capture=no) and JUnit XML keeps them
    # apart from the <failure>; the longrepr's sections appear wherever the failure does.
    report = yield
    if not isinstance(report, pytest.TestReport) or not report.failed or item.stash.get(CALLS_REPORTED, False):
        return report
    fake = _fake_of(item)
    addsection = getattr(report.longrepr, "addsection", None)
    if fake is not None and addsection is not None:
        from .calls import call_log

        calls = fake.calls
        addsection(f"{SECTION} ({len(calls)})", call_log(calls))
        item.stash[CALLS_REPORTED] = True
    return report


_LIBRARIES = ("botocore", "aiobotocore", "boto3", __package__ or "pytest_iamfake")


def _library_dirs() -> tuple[str, ...]:
    found = []
    for name in _LIBRARIES:
        where = getattr(sys.modules.get(name), "__file__", None)
        if where:
            found.append(os.path.dirname(where) + os.sep)
    return tuple(found)


def _answered_by_fake(error: BaseException) -> bool:
    """An error whose message says it all: ours, or an AWS error botocore raised for an answer."""
    from .exceptions import IAMFakeError

    known: tuple[type[BaseException], ...] = (IAMFakeError,)
    exceptions = sys.modules.get("botocore.exceptions")
    if exceptions is not None:
        known += (exceptions.ClientError, exceptions.ParamValidationError)
    return isinstance(error, known)


def _shorten(config: pytest.Config, excinfo: pytest.ExceptionInfo[BaseException]) -> None:
    """End the traceback of such an error at the code under test's call into botocore.

    The frames after it are botocore's and the fake's: they say nothing the message does
    not, and pytest would print the last of them in full.  Pytest rebuilds tracebacks from
    the raw chain, so the chain itself is cut.  `--full-trace` and `--pdb` keep every frame.
    """
    if config.getoption("fulltrace", False) or config.getoption("usepdb", False):
        return
    if not _answered_by_fake(excinfo.value):
        return
    libraries = _library_dirs()
    traceback = excinfo.traceback
    end = len(traceback)
    while end > 1 and str(traceback[end - 1].path).startswith(libraries):
        end -= 1
    if end < len(traceback):
        traceback[end - 1]._rawentry.tb_next = None
        excinfo.traceback = traceback[:end]
