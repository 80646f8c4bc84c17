"""The analyse stage: graphs built from the store, and the questions users ask of them."""

from entramado.analyse.blocs import Bloc, Blocs, blocs
from entramado.analyse.ego import Ego, ego
from entramado.analyse.graph import build_graph, simple_graph
from entramado.analyse.paths import Connection, explain, find_paths
from entramado.analyse.rank import Ranking, rank
from entramado.analyse.timeline import Timeline, timeline

__all__ = [
    "Bloc",
    "Blocs",
    "Connection",
    "Ego",
    "Ranking",
    "Timeline",
    "blocs",
    "build_graph",
    "ego",
    "explain",
    "find_paths",
    "rank",
    "simple_graph",
    "timeline",
]
