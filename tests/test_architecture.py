"""The package's shape: the model imports only the standard library, and imports never go in a circle.

Read from the source with `ast`, every import counted: module level, inside functions
(lazy) and under `if TYPE_CHECKING`.  An edge runs from a module to each package module
it names; the implicit import of a parent package is not an edge.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import pytest_iamfake

ROOT = Path(pytest_iamfake.__file__).parent
PACKAGE = "pytest_iamfake"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _imported(name: str, path: Path) -> set[str]:
    """Every absolute module name `name` imports, anywhere in its source."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:  # `from package import submodule` names the submodule only
                submodule = f"{module}.{alias.name}"
                found.add(submodule if submodule in MODULES else module)
    return found


def graph() -> dict[str, set[str]]:
    """Package module -> the package modules it imports."""
    return {name: {m for m in _imported(name, path) if m in MODULES and m != name} for name, path in MODULES.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_lazy_and_type_checking_imports():
    edges = graph()
    assert "pytest_iamfake.engine" in edges["pytest_iamfake.adapter.hooks"]  # TYPE_CHECKING only
    assert "pytest_iamfake.adapter.call_codec" in edges["pytest_iamfake.adapter.hooks"]  # inside a function
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_package_has_no_import_cycle():
    assert cycles(graph()) == []


def test_the_adapter_never_imports_the_handle():
    edges = graph()
    for name in MODULES:
        if name.startswith(f"{PACKAGE}.adapter"):
            assert not edges[name] & {f"{PACKAGE}.fake", f"{PACKAGE}.plugin", PACKAGE}, name


# The one run-time dependency the model may use, each imported only inside the function that needs
# it: CreateVirtualMFADevice's QR code is drawn by segno (issue 11 allows a pure-Python QR library).
ALLOWED_OUTSIDE = {f"{PACKAGE}.model.mfa": {"segno"}}


@pytest.mark.parametrize("name", sorted(m for m in MODULES if m.startswith(f"{PACKAGE}.model")))
def test_the_model_imports_only_the_standard_library_and_itself(name):
    outside = {
        module.split(".")[0]
        for module in _imported(name, MODULES[name])
        if not module.startswith(f"{PACKAGE}.model") and module.split(".")[0] != "__future__"
    } - ALLOWED_OUTSIDE.get(name, set())
    assert outside <= set(sys.stdlib_module_names), outside - set(sys.stdlib_module_names)
    assert not outside & {"botocore", "boto3", "pytest", "_pytest", PACKAGE}


def test_the_hooks_name_the_faked_services_as_botocore_events_do():
    from pytest_iamfake.adapter import hooks
    from pytest_iamfake.services import FAKED_SERVICES, service_model

    assert tuple(service_model(name).service_id.hyphenize() for name in FAKED_SERVICES) == hooks.FAKED_SERVICE_IDS
