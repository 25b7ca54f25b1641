"""MkDocs hooks: pages whose content the package itself knows are generated at build time.

A page asks for a generated block with a marker line:

- ``<!-- generated: api GROUP -->``: a titled section of mkdocstrings entries for the public
  names of GROUP (``pytest_iamfake.__all__`` decides what exists; see API_GROUPS);
- ``<!-- generated: operations -->``: every modelled operation with the errors it declares;
- ``<!-- generated: options -->``: every option with its default and ini name.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from botocore import xform_name

import pytest_iamfake
from pytest_iamfake.fake import service_model
from pytest_iamfake.model.operations import OPERATIONS
from pytest_iamfake.options import DEFAULTS, NAMES

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
DEFAULT_NOTE = re.compile(r"\s*\(default [^\s()]*\)$")  # the table has a Default column
MARKER = re.compile(r"^<!-- generated: (\w+)(?: (\w+))? -->$", re.MULTILINE)


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


def _declared(service: str, operation: str) -> list[tuple[str, int]]:
    model = service_model(service).operation_model(operation)
    found = []
    for shape in model.error_shapes:
        error = shape.metadata.get("error", {})
        found.append((error.get("code", shape.name), error.get("httpStatusCode", 400)))
    return found


def _operations() -> str:
    rows = ["| Service | Operation | boto3 method | Declared errors (HTTP status) |", "|---|---|---|---|"]
    for service, name in sorted(OPERATIONS):
        errors = ", ".join(f"`{code}` ({status})" for code, status in _declared(service, name)) or "none"
        rows.append(f"| {service.upper()} | `{name}` | `{xform_name(name)}` | {errors} |")
    return "\n".join(rows)


def _ini_names() -> set[str]:
    from pytest_iamfake import plugin

    return set(getattr(plugin, "INI_NAMES", NAMES))


def _options() -> str:
    from pytest_iamfake import plugin

    helps: dict[str, str] = getattr(plugin, "INI_HELP", {})
    ini = _ini_names()
    rows = ["| Option | Default | ini | Meaning |", "|---|---|---|---|"]
    for name in NAMES:
        default = getattr(DEFAULTS, name)
        shown = default.isoformat().replace("+00:00", "Z") if hasattr(default, "isoformat") else repr(default)
        ini_name = f"`iamfake_{name}`" if name in ini else "marker / `fake_iam()` only"
        meaning = DEFAULT_NOTE.sub("", helps.get(name, "")).replace("|", "\\|")
        rows.append(f"| `{name}` | `{shown}` | {ini_name} | {meaning} |")
    return "\n".join(rows)


def _generate(match: re.Match[str]) -> str:
    kind, arg = match.group(1), match.group(2)
    if kind == "api":
        return _api(arg or "other")
    if kind == "operations":
        return _operations()
    if kind == "options":
        return _options()
    raise ValueError(f"unknown generated block {kind!r}")


def on_page_markdown(markdown: str, **_: Any) -> str:
    return MARKER.sub(_generate, markdown)
