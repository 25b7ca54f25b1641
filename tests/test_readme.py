"""The README's example runs and passes as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


def test_readme_example_passes(pytester: pytest.Pytester) -> None:
    example = re.search(r"```python\n(.*?)```", README.read_text(), re.S)
    assert example is not None
    pytester.makepyfile(test_readme_example=example.group(1))
    result = pytester.runpytest_inprocess("-q")
    result.assert_outcomes(passed=6)  # 1 + one per declared CreateLoginProfile error
