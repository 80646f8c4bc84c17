"""Wire copies (store/wire.py): grouped at ingest, one source in a tie's confidence and counts."""

from __future__ import annotations

import itertools
import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from builders import Doc, snapshot
from entramado.cli import app
from entramado.models import Extraction, RelationType
from entramado.store import Store
from entramado.store.reads.graph import GraphFilter
from entramado.store.schema import Article
from entramado.store.wire import THRESHOLD, signature, similarity

STORY = (
    "El candidato José Antonio Kast y el líder de Vox, Santiago Abascal, firmaron este martes en Madrid "
    "una alianza para coordinar su trabajo en los parlamentos de América Latina y Europa. Según el "
    "comunicado conjunto, ambos partidos compartirán equipos técnicos, organizarán foros y seminarios "
    "sobre seguridad, inmigración y economía, y se comprometen a defender posiciones comunes ante los "
    "organismos internacionales durante los próximos cuatro años de trabajo político en ambas regiones. "
    "Kast y Abascal son aliados desde hace tiempo."
)
# The same story lightly edited by another outlet: a word changed, a sentence added at the end.
COPY = STORY.replace("este martes", "el martes").replace("seminarios", "encuentros") + (
    " La firma fue seguida por una rueda de prensa."
)
OTHER = (
    "En una entrevista radial, el exministro aseguró que la reforma de pensiones no tiene los votos "
    "necesarios en el Senado y que la oposición prepara una contrapropuesta que incluirá cambios en "
    "las cotizaciones, en la edad de jubilación y en el papel de las administradoras privadas, pese a "
    "las advertencias del gobierno sobre el costo fiscal de la iniciativa para los próximos años y el "
    "riesgo de perder el apoyo de los gremios. Kast y Abascal son aliados desde hace tiempo."
)
SENTENCE = "Kast y Abascal son aliados desde hace tiempo."


def story(text: str, doc_id: str, outlet: str, confidence: float, day: int) -> Extraction:
    doc = Doc(text, doc_id, published=date(2024, 5, day), outlet=outlet)
    doc.entity("Kast").entity("Abascal").relation("Kast", RelationType.ALLY, "Abascal", confidence, SENTENCE)
    return doc.build()


def test_signatures_tell_a_light_edit_from_another_story() -> None:
    a, b, c = signature(STORY), signature(COPY), signature(OTHER)
    assert a is not None and b is not None and c is not None
    assert similarity(a, a) == 1.0
    assert similarity(a, b) >= THRESHOLD > similarity(a, c)
    assert signature("Kast y Abascal son aliados.") is None  # too short to tell a copy from chance


def test_a_group_of_copies_counts_as_one_source(fresh_store: Store) -> None:
    fresh_store.add(story(STORY, "agencia", "Agencia", 0.6, 1))
    fresh_store.add(story(COPY, "copia", "El Eco", 0.8, 2))
    fresh_store.add(story(OTHER, "otra", "La Radio", 0.5, 3))
    with fresh_store.session() as s:
        wire = dict(s.execute(select(Article.doc_id, Article.wire_of)).tuples().all())
        first = s.scalar(select(Article.id).where(Article.doc_id == "agencia"))
    assert wire == {"agencia": None, "copia": first, "otra": None}
    (tie,) = fresh_store.relations()
    # Two sources: the group (its best copy, 0.8) and the other story (0.5); not 1 − 0.4·0.2·0.5.
    assert (tie.article_count, tie.evidence_count) == (2, 2)
    assert tie.confidence == pytest.approx(1 - 0.2 * 0.5)
    assert (tie.first_seen, tie.last_seen) == (date(2024, 5, 1), date(2024, 5, 3))
    # Every copy's evidence stays visible.
    assert fresh_store.stats().evidence == 3
    assert (fresh_store.stats().wire_copies, fresh_store.stats().wire_groups) == (1, 1)
    assert len(fresh_store.evidence_for([tie.id], limit=10)[tie.id]) == 3
    # A window re-aggregates from the evidence the same way; the rebuild gives what adding gave.
    (edge,) = fresh_store.graph_rows(GraphFilter(since=date(2024, 1, 1))).edges
    assert (edge.article_count, edge.evidence_count) == (2, 2)
    assert edge.confidence == pytest.approx(tie.confidence)
    added = snapshot(fresh_store)
    fresh_store.rebuild()
    assert snapshot(fresh_store) == added


def test_a_weaker_copy_adds_nothing_and_order_does_not_matter(fresh_store: Store) -> None:
    fresh_store.add(story(COPY, "copia", "El Eco", 0.8, 2))
    fresh_store.add(story(STORY, "agencia", "Agencia", 0.6, 1))
    (tie,) = fresh_store.relations()
    assert (tie.article_count, tie.evidence_count, tie.confidence) == (1, 1, pytest.approx(0.8))
    assert tie.first_seen == date(2024, 5, 1)  # the copy's own date still counts


def test_the_threshold_on_the_corpus(shared_dir: Path) -> None:
    # The corpus's copies (the same story under two outlets' or two datasets' ids) sit far above the
    # threshold, and no other pair of its articles comes near it.
    corpus = shared_dir / "corpus" / "fakenews-es"
    heldout = set((corpus / "heldout.txt").read_text().split())
    sigs = {}
    with (corpus / "articles.jsonl").open() as f:
        for line in f:
            record = json.loads(line)
            if record["id"] not in heldout:
                sig = signature(record["text"])
                if sig is not None:
                    sigs[record["id"]] = sig
    assert len(sigs) > 600
    pairs = {
        frozenset((a, b))
        for a, b in itertools.combinations(sigs, 2)
        if similarity(sigs[a], sigs[b]) >= THRESHOLD - 0.2
    }
    copies = {
        frozenset(("fakenews-es-2018-train-462", "fakenews-es-2018-development-267")),
        frozenset(("fakenews-es-2018-train-608", "fakenews-es-2021-test-427")),
    }
    assert copies <= pairs and len(pairs) <= 6
    assert all(similarity(*(sigs[i] for i in p)) >= THRESHOLD + 0.2 for p in pairs)


def test_stats_says_how_many_articles_are_wire_copies(tmp_path: Path) -> None:
    path = str(tmp_path / "wire.db")
    with Store.open(path) as store:
        store.add(story(STORY, "agencia", "Agencia", 0.6, 1))
        store.add(story(COPY, "copia", "El Eco", 0.8, 2))
    result = CliRunner().invoke(app, ["stats", "--db", path])
    assert result.exit_code == 0 and "of which wire copies" in result.stdout
    assert "1 (in 1 group, each one source)" in result.stdout
