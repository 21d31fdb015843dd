"""The package's layout: one way imports, public names across modules, modules one can hold in mind.

Read from the source with ``ast`` (no module is imported), so a cycle hidden in a function-level
import is seen as well as one at the top of a file.
"""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
MAX_LINES = 450
# The parts in an order where each imports only parts before it (and the shared modules at the top of the
# package: model, errors, limits, ontology, atomic). The pipeline runs ingest, extract and graph; export,
# sparql and evaluate read what it made; review reads a build's folder and writes corrections.
# A new part goes where its imports put it, and into this list.
PARTS = ("ingest", "extract", "judge", "graph", "corrections", "pipeline", "export", "sparql", "evaluate", "training",
         "review")
PRINTS = {"cli", "cli_review"}  # the modules that may print


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in SOURCES.items()}


def _is_package(name: str) -> bool:
    return SOURCES[name].name == "__init__.py"


def _imports(name: str) -> list[tuple[str, list[str], int]]:
    """(module imported, the names taken from it, line) for every import of a kg module in ``name``,
    wherever it stands (top of the file, a function, ``if TYPE_CHECKING``)."""
    found = []
    for node in ast.walk(TREES[name]):
        if isinstance(node, ast.Import):
            found += [(alias.name, [], node.lineno) for alias in node.names if alias.name.split(".")[0] == "kg"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if _is_package(name) else name.split(".")[:-1]
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "kg":
                found.append((target, [alias.name for alias in node.names], node.lineno))
    return found


def _edges() -> dict[str, set[str]]:
    """Module -> the modules importing it runs: the one named, a submodule named in ``from X import
    sub``, and the packages above them (their ``__init__`` runs first), except the importer's own."""
    edges: dict[str, set[str]] = {name: set() for name in SOURCES}
    for name in SOURCES:
        for target, names, _ in _imports(name):
            targets = {target} | {f"{target}.{n}" for n in names if f"{target}.{n}" in SOURCES}
            for module in targets:
                parts = module.split(".")
                for depth in range(2, len(parts) + 1):
                    above = ".".join(parts[:depth])
                    inside = name == above or name.startswith(above + ".")
                    if above in SOURCES and above != name and (above == module or not inside):
                        edges[name].add(above)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph, as the modules along it, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_layout_has_no_import_cycle():
    cycle = _cycle(_edges())
    assert cycle is None, "modules import each other: " + " -> ".join(cycle)


def test_layout_cycle_finder_finds_cycles():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_layout_parts_import_only_the_parts_before_them():
    """ingest -> extract -> graph -> pipeline -> export -> sparql -> evaluate: no part reaches back."""
    wrong = []
    for name, targets in _edges().items():
        part = name.split(".")[1] if name.count(".") else None
        if part not in PARTS:
            continue
        for target in targets:
            other = target.split(".")[1] if target.count(".") else None
            if other in PARTS and PARTS.index(other) > PARTS.index(part):
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_layout_graph_does_not_know_the_build():
    """The graph, export, sparql and evaluate parts never import the pipeline (the build, its cache)."""
    wrong = [f"{name} imports {target}" for name, targets in _edges().items() for target in targets
             if name.split(".")[1:2] and name.split(".")[1] in ("graph", "export", "sparql", "evaluate")
             and target.startswith("kg.pipeline")]
    assert not wrong, "\n".join(sorted(wrong))


def test_layout_imports_no_private_name_across_modules():
    found = [f"{name}:{line} takes {n} from {target}" for name in SOURCES for target, names, line in _imports(name)
             for n in names if n.startswith("_") and not n.startswith("__")]
    assert not found, "make these public in the module that owns them:\n" + "\n".join(found)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_layout_module_is_short_and_says_what_it_is_for(name):
    lines = SOURCES[name].read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_LINES, f"{name} has {len(lines)} lines; split it by concern"
    doc = ast.get_docstring(TREES[name])
    assert doc and doc.strip(), f"{name} has no docstring saying what it is for"
    assert SOURCES[name].read_text(encoding="utf-8").lstrip().startswith('"""'), f"{name}: the docstring comes first"


@pytest.mark.parametrize("name", sorted(n for n in SOURCES if _is_package(n)))
def test_layout_package_exports_its_public_names(name):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported, f"{name}/__init__.py has no __all__"
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names what it does not have: {missing}"


def test_layout_only_the_cli_prints():
    found = []
    for name, tree in TREES.items():
        if name.split(".")[-1] in PRINTS and name.count(".") == 1:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
                found.append(f"{name}:{node.lineno} print()")
            elif isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr", "echo", "secho") \
                    and isinstance(node.value, ast.Name) and node.value.id in ("sys", "typer", "click"):
                found.append(f"{name}:{node.lineno} {node.value.id}.{node.attr}")
    assert not found, "\n".join(found)
