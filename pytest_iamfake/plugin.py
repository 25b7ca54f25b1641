"""pytest glue: the `iamfake` fixture and marker, ini options, and the call-phase verify().

Importing this module imports no botocore (see adapter/hooks.py) and not the fake either
(fake.py loads when the fixture is first used): a pytest run that never touches AWS pays
next to nothing for the plugin being installed.
"""

from __future__ import annotations

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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    # verify() runs in the call phase, so its failure is a FAILED test, not a teardown ERROR;
    # when the body already failed, `yield` raises and verify() is skipped.
    result = yield
    fake = getattr(item, "funcargs", {}).get("iamfake")
    handle = sys.modules.get(f"{__package__}.fake")  # loaded if any test used the fixture
    if fake is not None and handle is not None and isinstance(fake, handle.IAMFake):
        __tracebackhide__ = True
        fake.verify()
    return result
