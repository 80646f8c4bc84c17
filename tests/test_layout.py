"""The plan of the house stays true: no import circle, a small top level, modules one reading holds."""

from __future__ import annotations

from pathlib import Path

import grimp
import networkx as nx

import entramado

PACKAGE = Path(entramado.__file__).parent
# "Modules of a few hundred lines at most" (STYLE.md): past this, a module wants splitting by what
# its parts do.
MAX_LINES = 300


def test_no_module_imports_itself_back() -> None:
    graph = grimp.build_graph("entramado")
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            imports.add_edge(module, imported)
    circles = [sorted(c) for c in nx.strongly_connected_components(imports) if len(c) > 1]
    assert circles == []


def test_the_top_level_holds_only_the_shared_vocabulary() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 8, top


def test_no_module_is_past_one_reading() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
