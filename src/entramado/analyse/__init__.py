"""The analyse stage: graphs built from the store, and the questions users ask of them."""

from entramado.analyse.graph import build_graph, simple_graph

__all__ = ["build_graph", "simple_graph"]
