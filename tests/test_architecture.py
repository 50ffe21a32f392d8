"""The shape of the package: imports run downward, no import circles, small modules and functions.

Layers, top to bottom: cli -> (rules, reporters) -> core. The core never imports the command
line, a rule family or a reporter; the one allowed exception is the registry loading the rules
package, which is how rules register themselves.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "cpptool"
ALLOWED_UPWARD = {("cpptool.core.registry", "cpptool.rules")}
# A layer may import the layers listed for it (and itself).
MAY_IMPORT = {
    "cli": {"cli", "core", "rules", "reporters", "resources", "cpptool"},
    "rules": {"rules", "core", "resources", "cpptool"},
    "reporters": {"reporters", "core", "cpptool"},
    "core": {"core", "resources", "cpptool"},
}
MAX_FUNCTION_LINES = 60
MAX_CORE_MODULE_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for file in PACKAGE.rglob("*.py"):
        parts = list(file.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = file
    return out


def _imports(name: str, file: Path) -> set[str]:
    """Every cpptool module this module imports, at the top or inside a function."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("cpptool")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base.startswith("cpptool"):
                found.add(base)
                found |= {f"{base}.{a.name}" for a in node.names}
    modules = _modules()
    return {m for m in found if m in modules and m != name}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "cpptool"


GRAPH = {name: _imports(name, file) for name, file in _modules().items()}


def test_imports_run_downward():
    upward = []
    for module, imported in GRAPH.items():
        layer = _layer(module)
        if layer not in MAY_IMPORT:
            continue
        for target in imported:
            if _layer(target) not in MAY_IMPORT[layer] and (module, target) not in ALLOWED_UPWARD:
                upward.append(f"{module} imports {target}")
    assert not upward, "imports that run upward:\n" + "\n".join(sorted(upward))


def test_the_check_finds_an_upward_import(tmp_path):
    """The test above must be able to fail: a core module importing the command line is caught."""
    probe = tmp_path / "_probe_upward.py"  # never written into the package itself
    probe.write_text("from cpptool.cli.check import check\n", encoding="utf-8")
    imported = _imports("cpptool.core._probe_upward", probe)
    assert "cpptool.cli.check" in imported
    assert _layer("cpptool.cli.check") not in MAY_IMPORT["core"]


def _cycles() -> list[list[str]]:
    """Strongly connected groups of modules (Tarjan), ignoring the registry <-> rules registration."""
    graph = {m: {t for t in ts if not _registration(m, t)} for m, ts in GRAPH.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def _registration(module: str, target: str) -> bool:
    """Rules import the registry to register; the registry imports the rules package to load them.
    Package __init__ modules importing their own submodules are not circles either."""
    if module == "cpptool.core.registry" and target == "cpptool.rules":
        return True
    return target.startswith(module + ".")


def test_no_import_circles():
    assert _cycles() == []


def _long_functions() -> list[str]:
    out = []
    for name, file in _modules().items():
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                body = node.body
                if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
                    body = body[1:]  # the docstring does not count
                if not body:
                    continue
                length = body[-1].end_lineno - body[0].lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(f"{name}.{node.name}: {length} lines")
    return out


def test_functions_are_short():
    assert _long_functions() == []


@pytest.mark.parametrize("file", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_modules_are_small(file):
    lines = len(file.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_CORE_MODULE_LINES, f"{file.relative_to(PACKAGE)} has {lines} lines"
