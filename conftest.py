"""The repository's own test infrastructure: every Python block of the docs runs as a test.

README.md and every page under docs/ is collected as a test module. The page's ```python
blocks are executed in order into one module namespace (a page reads like one module), and the
`test_*` functions and `Test*` classes they define are collected as ordinary pytest tests:
fixtures, markers and parametrize work as in a .py file. Each block is compiled with the page
as its file name and its own line numbers, so a failure points at `docs/how-to/time.md:24`.

A block that must not run says so, with a reason, on the line just before its fence:

    <!-- no-run: needs a real AWS account -->
    ```python
    ...

Every runnable block is also a test of its own, `docs/how-to/time.md::block-line-24`: it passes
when the block ran, and fails with the block's error when it raised; the blocks after a failed one
are not run and fail saying so (the test functions the earlier blocks defined still run). Other
fences (sh, console, ini, toml) never run.
"""

from __future__ import annotations

import ast
import re
import sys
import textwrap
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent
# The application every docs page tests (`from app import onboard`) lives in examples/.
sys.path.insert(0, str(ROOT / "examples"))

RUNNABLE = frozenset({"python", "py", "python3"})
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
NO_RUN = re.compile(r"^\s*<!--\s*no-run\b(?P<rest>.*?)-->\s*$")


class MarkdownError(Exception):
    """A page's blocks cannot be turned into a test module (a wrong marker, a duplicate test)."""


@dataclass(frozen=True)
class Block:
    """One fenced code block: the language, its code and the page line its code starts on."""

    language: str
    line: int  # 1-based line number, in the page, of the block's first line of code
    code: str
    no_run: str | None  # the reason given by a `<!-- no-run: ... -->` marker, if any


def blocks(text: str, page: str) -> Iterator[Block]:
    """The fenced code blocks of a Markdown page, with the no-run reason marked before each."""
    lines = text.splitlines()
    index = 0
    pending: tuple[int, str] | None = None  # a no-run marker waiting for its block
    while index < len(lines):
        line = lines[index]
        marker = NO_RUN.match(line)
        if marker:
            reason = marker.group("rest").strip().removeprefix(":").strip()
            if not marker.group("rest").strip().startswith(":") or not reason:
                raise MarkdownError(f"{page}:{index + 1}: write the reason: <!-- no-run: why it cannot run -->")
            pending = (index + 1, reason)
            index += 1
            continue
        opening = FENCE.match(line)
        if not opening:
            if line.strip() and pending:
                raise MarkdownError(f"{page}:{pending[0]}: a no-run marker must come just before a code block")
            index += 1
            continue
        indent, fence = opening.group("indent"), opening.group("fence")
        language = (opening.group("info").split() or [""])[0].lower()
        body: list[str] = []
        index += 1
        while index < len(lines):
            closing = FENCE.match(lines[index])
            if closing and closing.group("fence").startswith(fence) and not closing.group("info"):
                break
            body.append(lines[index])
            index += 1
        start = index - len(body) + 1  # 1-based line of the first line of code
        if pending and language not in RUNNABLE:
            raise MarkdownError(f"{page}:{pending[0]}: a no-run marker before a {language or 'plain'} block")
        code = "\n".join(body)
        yield Block(language, start, textwrap.dedent(code) if indent else code, pending[1] if pending else None)
        pending = None
        index += 1
    if pending:
        raise MarkdownError(f"{page}:{pending[0]}: a no-run marker must come just before a code block")


def runnable(text: str, page: str) -> list[Block]:
    """The blocks of a page that run: Python ones not marked no-run."""
    return [block for block in blocks(text, page) if block.language in RUNNABLE and block.no_run is None]


def _tests_defined(tree: ast.Module) -> list[tuple[str, int]]:
    """The test functions and classes a block defines at its top level, with their lines."""
    return [
        (node.name, node.lineno)
        for node in tree.body
        if (isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"))
        or (isinstance(node, ast.ClassDef) and node.name.startswith("Test"))
    ]


def _compile(block: Block, path: Path, config: pytest.Config) -> types.CodeType:
    # Blank lines in front give every statement its line number in the page.
    source = "\n" * (block.line - 1) + block.code + "\n"
    tree = ast.parse(source, filename=str(path))
    try:  # pytest's assertion rewriting, as for a test module (a private API: without it, plain asserts)
        from _pytest.assertion.rewrite import rewrite_asserts

        rewrite_asserts(tree, source.encode(), str(path), config)
    except (ImportError, TypeError):  # pragma: no cover - a pytest that moved it
        pass
    return compile(tree, str(path), "exec", dont_inherit=True)


class BlockNotRun(Exception):
    """A block after one that raised: the page's namespace is incomplete, so it was not run."""


class MarkdownBlock(pytest.Item):
    """One Python block of a page as a test: it passes when the block ran without raising."""

    def __init__(self, *, line: int, outcome: BaseException | None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.line = line
        self.outcome = outcome

    def runtest(self) -> None:
        if self.outcome is not None:
            raise self.outcome

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"the block at line {self.line}"

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, BlockNotRun):
            return str(excinfo.value)
        # Only the page's own lines: the block, and what it called on the page.
        excinfo.traceback = excinfo.traceback.filter(lambda entry: Path(str(entry.path)) == self.path)
        return super().repr_failure(excinfo, style="short")


class MarkdownPage(pytest.Module):
    """A Markdown page as a test module: its Python blocks executed in order into one namespace."""

    def _getobj(self) -> types.ModuleType:
        module = getattr(self, "_page_module", None)
        if module is None:
            module = self._page_module = self._execute()
        return module

    def collect(self) -> list[pytest.Item | pytest.Collector]:
        self._getobj()  # runs the blocks, which define the tests
        outcomes: list[tuple[int, BaseException | None]] = self._outcomes
        found: list[pytest.Item | pytest.Collector] = [
            MarkdownBlock.from_parent(self, name=f"block-line-{line}", line=line, outcome=outcome)
            for line, outcome in outcomes
        ]
        return found + list(super().collect())

    def _execute(self) -> types.ModuleType:
        page = self.path.relative_to(self.config.rootpath).as_posix()
        name = "markdown:" + page
        module = types.ModuleType(name, f"The Python blocks of {page}.")
        module.__file__ = str(self.path)
        sys.modules[name] = module  # dataclasses and pickling look a class's module up
        seen: dict[str, int] = {}
        self._outcomes: list[tuple[int, BaseException | None]] = []
        failed: int | None = None
        try:
            for block in runnable(self.path.read_text(encoding="utf-8"), page):
                code = _compile(block, self.path, self.config)
                for test, line in _tests_defined(ast.parse(block.code)):
                    line += block.line - 1
                    if test in seen:
                        raise MarkdownError(
                            f"{page}:{line}: {test} is defined again (first at line {seen[test]}); "
                            "the first would never run: give each test its own name"
                        )
                    seen[test] = line
                if failed is not None:
                    self._outcomes.append(
                        (block.line, BlockNotRun(f"not run: the block at line {failed} of {page} failed"))
                    )
                    continue
                try:
                    exec(code, module.__dict__)
                except Exception as err:  # reported by this block's own test
                    failed = block.line
                    self._outcomes.append((block.line, err))
                else:
                    self._outcomes.append((block.line, None))
        except MarkdownError as err:
            raise self.CollectError(str(err)) from None
        return module


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> MarkdownPage | None:
    """README.md and every page under docs/ are test modules."""
    if file_path.suffix != ".md":
        return None
    root = parent.config.rootpath
    if file_path == root / "README.md" or (root / "docs") in file_path.parents:
        return MarkdownPage.from_parent(parent, path=file_path)
    return None
