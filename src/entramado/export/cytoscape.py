"""Cytoscape.js JSON: one file with every actor and tie as ``elements``, ready for ``cy.add(...)``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from entramado.export.blocs import opposition_records
from entramado.export.source import ExportSource, flat


def data(source: ExportSource) -> dict[str, Any]:
    """``nx.cytoscape_data`` of the graph, made ready for Cytoscape.js.

    Node ``id`` is the entity id as a string (Cytoscape.js ids are strings), ``label`` the name.
    Edge ``id`` is ``r<relation id>``, ``source``/``target`` the tie's own direction (an undirected
    multigraph does not keep it), ``label`` the tie type; the counts, confidence and dates
    (ISO strings, null when unknown) are kept as ``build_graph`` has them.

    Blocs: node ``bloc`` (as ``entramado blocs`` numbers them), edge ``bloc_pair`` ("3" inside
    bloc 3, "3-7" between blocs 3 and 7), and in the graph's ``data`` (``cy.data()``)
    ``bloc_oppositions``: the OPPOSES ties between each pair of blocs, counted.
    """
    t = source.blocs
    g = nx.MultiGraph()
    for node, attrs in source.graph.nodes(data=True):
        g.add_node(node, label=attrs["name"], **attrs, bloc=t.bloc_of.get(node))
    for u, v, key, attrs in source.graph.edges(keys=True, data=True):
        g.add_edge(u, v, key=key, label=attrs["type"], **flat(attrs | {"bloc_pair": t.pair(u, v)}))
    doc: dict[str, Any] = nx.cytoscape_data(g, name="name", ident="cy_id")
    # Cytoscape.js keeps the graph's own data as an object (networkx writes a list of pairs).
    doc["data"] = {"bloc_oppositions": opposition_records(t)}
    ends = {e.id: (str(e.source), str(e.target)) for e in source.rows.edges}
    for node in doc["elements"]["nodes"]:
        node["data"]["id"] = str(node["data"].pop("value"))
    for edge in doc["elements"]["edges"]:
        d = edge["data"]
        d.pop("key")
        d["id"] = f"r{d['relation_id']}"
        d["source"], d["target"] = ends[d["relation_id"]]
        d.setdefault("first_seen", None)
        d.setdefault("last_seen", None)
    return doc


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write ``out`` as Cytoscape.js JSON."""
    out.write_text(json.dumps(data(source), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [out]
