"""The root conftest.py turns README.md and docs/**/*.md into test modules: checked in a pytester tree."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT_CONFTEST = Path(__file__).parent.parent / "conftest.py"

PAGE = """\
# A page

Text first, then a block that defines a helper:

```python
import boto3
import pytest


def make_user(name):
    boto3.client("iam").create_user(UserName=name)
```

A later block on the same page sees it:

```python
@pytest.mark.iamfake(users=["bob"])
def test_marker_and_fixture(iamfake):
    make_user("alice")
    iamfake.assert_called("create_user", UserName="alice")
    assert len(iamfake.client().list_users()["Users"]) == 2


@pytest.mark.parametrize("name", ["carol", "dave"])
def test_parametrized(iamfake, name):
    make_user(name)
    iamfake.assert_called("create_user", UserName=name, times=1)


class TestGrouped:
    def test_in_a_class(self, iamfake):
        assert iamfake.calls == []
```

```sh
exit 1
```

```console
$ this never runs
```
"""


@pytest.fixture
def tree(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(ROOT_CONFTEST.read_text())
    pytester.mkdir("docs")
    return pytester


def write(pytester: pytest.Pytester, relative: str, text: str) -> Path:
    path = pytester.path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def test_a_page_is_a_test_module_with_fixtures_markers_and_parametrize(tree: pytest.Pytester) -> None:
    write(tree, "docs/how-to/page.md", PAGE)

    result = tree.runpytest_inprocess("-v")

    result.assert_outcomes(passed=6)  # the two blocks, and the four tests they define
    result.stdout.fnmatch_lines(
        [
            "docs/how-to/page.md::block-line-* PASSED*",
            "docs/how-to/page.md::block-line-* PASSED*",
            "docs/how-to/page.md::test_marker_and_fixture PASSED*",
            "docs/how-to/page.md::test_parametrized[[]carol[]] PASSED*",
            "docs/how-to/page.md::test_parametrized[[]dave[]] PASSED*",
            "docs/how-to/page.md::TestGrouped::test_in_a_class PASSED*",
        ]
    )


def test_the_readme_is_collected_and_other_markdown_is_not(tree: pytest.Pytester) -> None:
    block = "```python\ndef test_here():\n    pass\n```\n"
    write(tree, "README.md", block)
    write(tree, "CHANGELOG.md", block.replace("test_here", "test_not_here"))
    write(tree, "notes/page.md", block.replace("test_here", "test_not_here_either"))

    result = tree.runpytest_inprocess("-v", ".")

    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["README.md::block-line-2 PASSED*", "README.md::test_here PASSED*"])


def test_a_failure_points_at_the_page_and_the_line(tree: pytest.Pytester) -> None:
    write(
        tree,
        "docs/page.md",
        """\
        # Title

        ```python
        def test_wrong(iamfake):
            answer = 41
            assert answer == 42
        ```
        """,
    )

    result = tree.runpytest_inprocess()

    result.assert_outcomes(passed=1, failed=1)  # the block ran; the test it defines failed
    # pytest's assertion rewriting works, and the location is the page's own line
    result.stdout.fnmatch_lines(["*assert 41 == 42*", "docs/page.md:6: AssertionError"])


def test_every_block_is_a_test_and_one_that_raises_fails_with_its_own_lines(tree: pytest.Pytester) -> None:
    write(
        tree,
        "docs/script.md",
        """\
        ```python
        total = 1 + 1
        def test_before():
            assert total == 2
        ```

        ```python
        assert total == 3, "the page's example is wrong"
        ```

        ```python
        later = True
        ```
        """,
    )

    result = tree.runpytest_inprocess("-v")

    # The test an earlier block defined still runs; the block after the failed one does not.
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "docs/script.md::block-line-2 PASSED*",
            "docs/script.md::block-line-8 FAILED*",
            "docs/script.md::block-line-12 FAILED*",
            "docs/script.md::test_before PASSED*",
            "docs/script.md:8: in <module>",
            "*the page's example is wrong*",
            "not run: the block at line 8 of docs/script.md failed",
        ]
    )
    assert "_pytest" not in result.stdout.str()  # the page's lines, not pytest's


def test_a_no_run_block_is_not_executed(tree: pytest.Pytester) -> None:
    write(
        tree,
        "docs/page.md",
        """\
        <!-- no-run: needs a real AWS account -->
        ```python
        raise SystemExit("must not run")
        ```

        ```python
        def test_runs():
            pass
        ```
        """,
    )

    tree.runpytest_inprocess().assert_outcomes(passed=2)  # the block that runs, and its test


@pytest.mark.parametrize(
    ("marker", "complaint"),
    [
        ("<!-- no-run -->", "write the reason"),
        ("<!-- no-run: -->", "write the reason"),
        ("<!-- no-run: why -->\n\nSome text.", "must come just before a code block"),
    ],
)
def test_a_no_run_marker_needs_a_reason_and_a_block(tree: pytest.Pytester, marker: str, complaint: str) -> None:
    write(tree, "docs/page.md", f"{marker}\n\n```python\ndef test_x():\n    pass\n```\n")

    result = tree.runpytest_inprocess()

    assert result.ret != 0
    result.stdout.fnmatch_lines([f"docs/page.md:1: *{complaint}*"])


def test_a_test_defined_twice_on_a_page_is_an_error(tree: pytest.Pytester) -> None:
    write(tree, "docs/page.md", "```python\ndef test_x():\n    pass\n```\n\n```python\ndef test_x():\n    pass\n```\n")

    result = tree.runpytest_inprocess()

    assert result.ret != 0
    result.stdout.fnmatch_lines(["docs/page.md:7: test_x is defined again (first at line 2)*"])


def test_indented_blocks_run_dedented(tree: pytest.Pytester) -> None:
    write(tree, "docs/page.md", "- A list item:\n\n    ```python\n    def test_in_a_list():\n        pass\n    ```\n")

    tree.runpytest_inprocess("-v").stdout.fnmatch_lines(["docs/page.md::test_in_a_list PASSED*"])
