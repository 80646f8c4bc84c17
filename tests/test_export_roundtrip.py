"""Hostile names (quotes, commas, markup, pipes, accents) survive every format's round trip."""

from __future__ import annotations

import csv
import json
import tempfile
from datetime import date
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from builders import Doc
from entramado.export import export
from entramado.models import RelationType
from entramado.names import name_key
from entramado.store import Store

# No sentence ends (the builder splits sentences at . ! ?) and no control characters: the
# cleaning stage removes those from every stored text.
NAME = st.text(alphabet=st.sampled_from("aáZñ ,;\"'<>&|/\\{}[]`:=-#%"), min_size=1, max_size=12).filter(
    lambda s: s.strip() == s and any(c.isalpha() for c in s)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(a=NAME, b=NAME)
@example(a='Kast "el duro", <b>&amp;', b="Cía | Pérez; `x`")
def test_names_round_trip_through_every_format(a: str, b: str) -> None:
    assume(name_key(a) and name_key(b) and name_key(a) != name_key(b) and a not in b and b not in a)
    sentence = f"{a} y {b} son aliados"
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "t.db")) as store:
        out = Path(tmp)
        store.add(
            Doc(sentence + ".", "d", published=date(2024, 1, 1))
            .entity(a).entity(b).relation(a, RelationType.ALLY, b, sentence=sentence)
            .build()
        )  # fmt: skip
        for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("cytoscape", "c.json")):
            export(store, fmt, out / name)
        export(store, "csv", out / "csv")
        export(store, "neo4j", out / "neo")
        names = {a, b}
        assert {d["name"] for _, d in nx.read_graphml(out / "g.graphml").nodes(data=True)} == names
        assert {d["label"] for _, d in nx.read_gexf(out / "g.gexf").nodes(data=True)} == names
        cy = json.loads((out / "c.json").read_text(encoding="utf-8"))
        assert {n["data"]["name"] for n in cy["elements"]["nodes"]} == names
        with (out / "csv" / "evidence.csv").open(encoding="utf-8", newline="") as fh:
            (row,) = list(csv.DictReader(fh))
        assert (row["source"], row["target"], row["sentence"]) == (a, b, sentence)
        with (out / "neo" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
            assert {r["name"] for r in csv.DictReader(fh)} == names
