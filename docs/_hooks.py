"""Reference content the package itself knows: generated, never written by hand.

Two kinds of marker, on lines of their own in a page:

- Tables committed in the page, so that it reads in the repository as on the site, between
  ``<!-- generated: KIND -->`` and ``<!-- end generated -->``. KIND is ``operations`` (every
  modelled operation with the errors it declares), ``options`` (every option with its default and
  ini name), ``names`` (every public name with its summary) or ``errors`` (the plugin's own
  exceptions). Regenerate them after changing what they list:

      .venv/bin/python docs/_hooks.py

  tests/test_docs_reference.py fails while a committed table is stale.
- ``<!-- generated: api GROUP -->`` alone: a titled section of mkdocstrings entries for the public
  names of GROUP (``pytest_iamfake.__all__`` decides what exists; see API_GROUPS), filled in when
  the site is built (mkdocs calls ``on_page_markdown``).
"""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path
from typing import Any

import botocore
import botocore.session
from botocore import xform_name

import pytest_iamfake
from pytest_iamfake.model.operations import OPERATIONS
from pytest_iamfake.options import OPTIONS

# Sections of the API page: (title, public names). A name shows up once pytest_iamfake exports
# it; an exported name no section lists goes to "other", an exception to "errors". So a new
# public name needs no change here to be documented.
API_GROUPS: dict[str, tuple[str, tuple[str, ...]]] = {
    "fake": ("The fake", ("fake_iam", "IAMFake")),
    "calls": ("Recorded calls", ("Call", "ANY")),
    "time": ("Time", ("Clock",)),
    "failures": ("Injected failures", ("Fault", "error_codes", "error_cases")),
    "other": ("Other names", ()),
}
MARKER = re.compile(r"^<!-- generated: (\w+)(?: (\w+))? -->$", re.MULTILINE)
# A committed table: the opening marker, the table, the closing marker.
COMMITTED = re.compile(r"^<!-- generated: (\w+) -->\n(.*?)^<!-- end generated -->$", re.MULTILINE | re.DOTALL)
DOCS = Path(__file__).parent


def _exported() -> list[str]:
    return list(pytest_iamfake.__all__)


def _is_error(name: str) -> bool:
    value = getattr(pytest_iamfake, name)
    return isinstance(value, type) and issubclass(value, BaseException)


def _entry(name: str) -> str:
    """A mkdocstrings entry; a re-exported object from elsewhere gets a short note instead
    (mkdocstrings cannot follow an alias out of the package, such as ANY to unittest.mock)."""
    value = getattr(pytest_iamfake, name)
    defined_by = value if isinstance(value, type) or callable(value) else type(value)
    home = getattr(defined_by, "__module__", "") or ""
    if home.split(".")[0] == "pytest_iamfake":
        return f"::: pytest_iamfake.{name}"
    summary = (inspect.getdoc(defined_by) or "").split("\n")[0]
    return f"### `{name}`\n\nThe object `{home}.{name}`, re-exported. {summary}"


def _api(group: str) -> str:
    """mkdocstrings entries for a section, under its title; nothing when it has no names yet."""
    exported = _exported()
    if group == "errors":
        return "\n\n".join(_entry(n) for n in exported if _is_error(n))
    title, wanted = API_GROUPS[group]
    if group == "other":
        listed = {n for _, names in API_GROUPS.values() for n in names}
        names = [n for n in exported if n not in listed and not _is_error(n)]
    else:
        names = [n for n in wanted if n in exported]
    if not names:
        return ""
    return f"## {title}\n\n" + "\n\n".join(_entry(name) for name in names)


def _declared(service: str, operation: str) -> list[tuple[str, int]] | None:
    """The errors the installed model declares for the operation; None when that model lacks it."""
    service_model = botocore.session.get_session().get_service_model(service)
    if operation not in service_model.operation_names:  # an older botocore than the table was made with
        return None
    model = service_model.operation_model(operation)
    found = []
    for shape in model.error_shapes:
        error = shape.metadata.get("error", {})
        found.append((error.get("code", shape.name), error.get("httpStatusCode", 400)))
    return found


def _operations() -> str:
    rows = ["| Service | Operation | boto3 method | Declared errors (HTTP status) |", "|---|---|---|---|"]
    for service, name in sorted(OPERATIONS):
        declared = _declared(service, name)
        if declared is None:
            errors = f"not in botocore {botocore.__version__}'s model"
        else:
            errors = ", ".join(f"`{code}` ({status})" for code, status in declared) or "none"
        rows.append(f"| {service.upper()} | `{name}` | `{xform_name(name)}` | {errors} |")
    return "\n".join(rows)


def _options() -> str:
    """The options table, from pytest_iamfake.options.OPTIONS (as the ini help and marker line are)."""
    rows = ["| Option | Default | ini | Meaning |", "|---|---|---|---|"]
    for option in OPTIONS:
        default = option.default
        shown = default.isoformat().replace("+00:00", "Z") if hasattr(default, "isoformat") else repr(default)
        ini_name = f"`iamfake_{option.name}`" if option.ini else "marker / `fake_iam()` only"
        meaning = option.help.replace("|", "\\|")
        rows.append(f"| `{option.name}` | `{shown}` | {ini_name} | {meaning} |")
    return "\n".join(rows)


def _summary(name: str) -> str:
    value = getattr(pytest_iamfake, name)
    defined_by = value if isinstance(value, type) or callable(value) else type(value)
    return (inspect.getdoc(defined_by) or "").split("\n")[0].replace("|", "\\|")


def _names() -> str:
    rows = ["| Name | Kind | What it is |", "|---|---|---|"]
    for name in _exported():
        if _is_error(name):
            continue
        value = getattr(pytest_iamfake, name)
        kind = "class" if isinstance(value, type) else "function" if callable(value) else "constant"
        rows.append(f"| `{name}` | {kind} | {_summary(name)} |")
    return "\n".join(rows)


def _errors() -> str:
    rows = ["| Exception | Subclass of | Raised when |", "|---|---|---|"]
    for name in _exported():
        if _is_error(name):
            bases = ", ".join(f"`{base.__name__}`" for base in getattr(pytest_iamfake, name).__bases__)
            rows.append(f"| `{name}` | {bases} | {_summary(name)} |")
    return "\n".join(rows)


def _operations_table() -> str:
    return f"Declared errors as botocore {botocore.__version__}'s service models list them.\n\n{_operations()}"


TABLES = {"operations": _operations_table, "options": _options, "names": _names, "errors": _errors}


def _table(kind: str) -> str:
    if kind not in TABLES:
        raise ValueError(f"unknown generated table {kind!r}; known: {', '.join(TABLES)}")
    return TABLES[kind]()


def committed(markdown: str) -> str:
    """`markdown` with every committed table regenerated, its markers kept."""
    return COMMITTED.sub(
        lambda match: f"<!-- generated: {match.group(1)} -->\n\n{_table(match.group(1))}\n\n<!-- end generated -->",
        markdown,
    )


def _generate(match: re.Match[str]) -> str:
    kind, arg = match.group(1), match.group(2)
    if kind == "api":
        return _api(arg or "other")
    raise ValueError(f"unknown generated block {kind!r}: tables need an `<!-- end generated -->` line")


def on_page_markdown(markdown: str, **_: Any) -> str:
    """mkdocs: the site always shows fresh tables and the API entries."""
    return MARKER.sub(_generate, COMMITTED.sub(lambda match: _table(match.group(1)), markdown))


def main() -> int:
    """Rewrite the committed tables of every page that has one; print the pages that changed."""
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        new = committed(text)
        if new != text:
            page.write_text(new, encoding="utf-8")
            print(f"regenerated {page.relative_to(DOCS.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
