"""The docs stay true to the package: committed reference tables, field tables, the index's links."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import botocore
import pytest

from pytest_iamfake import Call, Fault

DOCS = Path(__file__).parent.parent / "docs"
REGENERATE = "regenerate them with `.venv/bin/python docs/_hooks.py`"


def _hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_hooks", DOCS / "_hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGES_WITH_TABLES = sorted(
    page.relative_to(DOCS).as_posix() for page in DOCS.rglob("*.md") if "<!-- end generated -->" in page.read_text()
)


def test_the_reference_pages_commit_their_tables() -> None:
    assert {"reference/operations.md", "reference/options.md", "reference/api.md", "reference/exceptions.md"} <= set(
        PAGES_WITH_TABLES
    )


@pytest.mark.parametrize("page", PAGES_WITH_TABLES)
def test_committed_tables_are_up_to_date(page: str) -> None:
    text = (DOCS / page).read_text()
    generated_with = re.search(r"as botocore (\S+)'s service models list them", text)
    if generated_with and generated_with.group(1) != botocore.__version__:
        pytest.skip(f"{page} lists the errors of botocore {generated_with.group(1)}, not {botocore.__version__}")
    assert _hooks().committed(text) == text, f"docs/{page} has stale generated tables: {REGENERATE}"


def _table_rows(page: str, heading: str) -> list[str]:
    """The first column (without backticks) of the table under `## heading`."""
    text = (DOCS / page).read_text()
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", section, re.MULTILINE)


def test_every_call_field_is_documented() -> None:
    assert _table_rows("reference/api.md", "Call fields") == [f.name for f in dataclasses.fields(Call)]


def test_every_fault_field_is_documented() -> None:
    fields = [f.name for f in dataclasses.fields(Fault)]
    properties = [name for name, value in vars(Fault).items() if isinstance(value, property)]
    assert _table_rows("reference/api.md", "Fault fields") == fields + properties


def test_the_index_links_every_how_to_and_reference_page() -> None:
    index = (DOCS / "index.md").read_text()
    linked = set(re.findall(r"\]\(([\w/-]+\.md)(?:#[\w-]*)?\)", index))
    pages = {
        page.relative_to(DOCS).as_posix() for folder in ("how-to", "reference") for page in (DOCS / folder).glob("*.md")
    }
    assert pages - linked == set(), "docs/index.md's 'Where next' should link these pages"
