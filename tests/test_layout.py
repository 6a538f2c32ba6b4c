"""The package's shape: stages as subpackages, a short top, every subpackage shipped, no import cycle."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from .conftest import ROOT

KG = ROOT / "kg"


def _modules() -> dict[str, Path]:
    """Every module of kg by its dotted name (a package by its ``__init__``)."""
    found = {}
    for path in KG.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The kg modules ``name`` imports anywhere in its code, in functions too (where lazy imports hide cycles)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
    return {m for m in found if m in modules and m != name}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph``, or ``None``."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_top_of_kg_has_at_most_ten_modules():
    top = sorted(p.name for p in KG.glob("*.py"))
    assert len(top) <= 10, top


def test_every_subpackage_is_in_the_wheel():
    packages = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in KG.rglob("__init__.py")}
    assert set(packages) == on_disk | {"kg.ontology"}


def test_no_module_imports_itself_round_a_cycle():
    modules = _modules()
    # a package's __init__ re-exporting its own modules is how Python packages work, not a cycle between stages
    graph = {name: {m for m in _imports(name, path, modules) if not name.startswith(m + ".")}
             for name, path in modules.items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
