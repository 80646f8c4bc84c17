"""Judgements on ties and actors (reject, confirm, add-tie, retype-tie, rename, retype, block, undo) on a
real store: applied, replayed on ingest and rebuild, exported and imported into a fresh database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from builders import Doc, jak_and_abascal, others, people, snapshot
from entramado.cli.render import as_dict
from entramado.errors import EntramadoError
from entramado.models import EntityType, Extraction, RelationType
from entramado.store import Store

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE
ALLY, MEETS, OPPOSES, POSITION = (
    RelationType.ALLY,
    RelationType.MEETS,
    RelationType.OPPOSES,
    RelationType.POSITION,
)


def amlo_thanks(doc_id: str = "t1", day: int = 5, confidence: float = 0.9) -> Extraction:
    """AMLO "allied" with Salinas because he thanked former presidents: the issue's wrong tie."""
    text = (
        f"Andrés Manuel López Obrador agradeció a Carlos Salinas de Gortari su presencia ({doc_id}). "
        "López Obrador criticó después a Salinas de Gortari por la privatización."
    )
    return (
        Doc(text, doc_id=doc_id, published=date(2024, 5, day))
        .entity("Andrés Manuel López Obrador", aliases=("López Obrador",))
        .entity("Carlos Salinas de Gortari", aliases=("Salinas de Gortari",))
        .relation("Andrés Manuel López Obrador", ALLY, "Carlos Salinas de Gortari", confidence)
        .build()
    )


def estado(doc_id: str, other: str = "Gabriel Boric", day: int = 9) -> Extraction:
    """An article where "Estado" (the state, not an actor) is extracted as an organization."""
    text = f"El Estado debe responder, dijo {other} ({doc_id}). {other} y el Estado firmaron un acuerdo."
    return (
        Doc(text, doc_id=doc_id, published=date(2024, 6, day))
        .entity("Estado", ORG)
        .entity(other)
        .relation(other, MEETS, "Estado", 0.7, f"{other} y el Estado firmaron un acuerdo.")
        .build()
    )


def ties(store: Store) -> dict[tuple[str, str, str], tuple[int, int, float, bool, int]]:
    """Every claimed tie by (source, type, target): evidence, articles, confidence, confirmed, rejected."""
    return {
        (r.source, str(r.type), r.target): (
            r.evidence_count, r.article_count, round(r.confidence, 9), r.confirmed, r.rejected,
        )
        for r in store.relations()
    }  # fmt: skip


AMLO_ALLY = ("Andrés Manuel López Obrador", "ALLY", "Carlos Salinas de Gortari")


# -- ties --------------------------------------------------------------------------------------------


def test_reject_removes_the_tie_everywhere_and_a_later_article_does_not_bring_it_back(
    fresh_store: Store,
) -> None:
    fresh_store.add(amlo_thanks("t1"))
    fresh_store.add(jak_and_abascal())
    assert AMLO_ALLY in ties(fresh_store)
    decision, after = fresh_store.reject("López Obrador", ALLY, "Salinas de Gortari", note="he thanked them")
    assert after is None and decision.kind == "reject" and decision.note == "he thanked them"
    assert AMLO_ALLY not in ties(fresh_store)
    assert ("José Antonio Kast", "ALLY", "Santiago Abascal") in ties(fresh_store)  # others untouched
    fresh_store.add(amlo_thanks("t2", day=6))
    assert AMLO_ALLY not in ties(fresh_store)
    fresh_store.rebuild()
    assert AMLO_ALLY not in ties(fresh_store)
    # Both actors stay: only the tie was wrong.
    assert {"Andrés Manuel López Obrador", "Carlos Salinas de Gortari"} <= set(people(fresh_store))


def test_rejecting_one_sentence_keeps_the_tie_on_its_other_evidence(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks("t1", confidence=0.9))
    fresh_store.add(amlo_thanks("t2", day=6, confidence=0.6))
    assert ties(fresh_store)[AMLO_ALLY] == (2, 2, 0.96, False, 0)
    detail = fresh_store.actor("Carlos Salinas de Gortari", evidence_limit=10)
    (tie,) = detail.ties[ALLY]
    first = next(ev for ev in tie.evidence if "(t1)" in ev.sentence or ev.doc_id == "t1")
    _, after = fresh_store.reject(
        "Andrés Manuel López Obrador", ALLY, "Carlos Salinas de Gortari", evidence=first.id
    )
    # Re-aggregated without the rejected sentence: t2 alone, and the output says one was rejected.
    assert after is not None and (after.evidence_count, after.article_count, after.rejected) == (1, 1, 1)
    assert ties(fresh_store)[AMLO_ALLY] == (1, 1, 0.6, False, 1)
    remaining = fresh_store.actor("Carlos Salinas de Gortari").ties[ALLY][0].evidence
    assert [ev.doc_id for ev in remaining] == ["t2"]
    fresh_store.rebuild()
    assert ties(fresh_store)[AMLO_ALLY] == (1, 1, 0.6, False, 1)
    # The last sentence rejected: the tie goes.
    last = remaining[0].id
    _, gone = fresh_store.reject(
        "Andrés Manuel López Obrador", ALLY, "Carlos Salinas de Gortari", evidence=last
    )
    assert gone is None and AMLO_ALLY not in ties(fresh_store)


def test_reject_refuses_a_tie_that_is_not_there_and_a_sentence_of_another_tie(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks())
    fresh_store.add(jak_and_abascal())
    with pytest.raises(EntramadoError, match=r"no OPPOSES tie between .*their ties are: ALLY\."):
        fresh_store.reject("López Obrador", OPPOSES, "Salinas de Gortari")
    other = fresh_store.actor("Santiago Abascal").ties[ALLY][0].evidence[0].id
    with pytest.raises(EntramadoError, match=rf"evidence #{other} is not a sentence of the tie"):
        fresh_store.reject("López Obrador", ALLY, "Salinas de Gortari", evidence=other)
    assert fresh_store.decisions() == []


def test_a_name_of_two_actors_is_told_apart_by_the_tie_and_by_the_article(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks("t1"))
    # A place of the same name, as the corpus has one ("Carlos Salinas de Gortari" PLACE).
    place = Doc("Llegó a Carlos Salinas de Gortari.", doc_id="p").entity("Carlos Salinas de Gortari", PLACE)
    fresh_store.add(place.build())
    with pytest.raises(EntramadoError, match="names 2 actors"):
        fresh_store.rename("Carlos Salinas de Gortari", "Salinas")
    _, after = fresh_store.reject("López Obrador", ALLY, "Carlos Salinas de Gortari")
    assert after is None and AMLO_ALLY not in ties(fresh_store)
    sentence = "López Obrador criticó después a Salinas de Gortari por la privatización."
    tie = fresh_store.add_tie("López Obrador", OPPOSES, "Carlos Salinas de Gortari", "t1", sentence)
    assert tie.target_type == PERSON


def test_confirm_marks_the_tie_in_every_read_and_survives_a_rebuild(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal())
    tie = fresh_store.confirm("Santiago Abascal", ALLY, "José Antonio Kast", by="ana")
    assert tie.confirmed and tie.type == ALLY
    fresh_store.rebuild()
    fresh_store.add(jak_and_abascal("jak2", day=2))
    assert ties(fresh_store)[("José Antonio Kast", "ALLY", "Santiago Abascal")][3] is True
    assert fresh_store.actor("Santiago Abascal").ties[ALLY][0].confirmed
    from entramado.store.reads.graph import GraphFilter

    assert [e.confirmed for e in fresh_store.graph_rows(GraphFilter()).edges] == [True]
    assert fresh_store.decisions()[0].author == "ana"


def test_add_tie_locates_the_sentence_and_survives_a_reindex(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks("t1"))
    sentence = "López Obrador criticó después a Salinas de Gortari por la privatización."
    with pytest.raises(EntramadoError, match=r"not in the text of article t1 \(t1\)"):
        fresh_store.add_tie("López Obrador", OPPOSES, "Salinas de Gortari", "t1", "Salinas fue presidente.")
    with pytest.raises(EntramadoError, match="no stored article has the id 'nope'"):
        fresh_store.add_tie("López Obrador", OPPOSES, "Salinas de Gortari", "nope", sentence)
    # Whitespace may differ (a sentence copied from a terminal).
    tie = fresh_store.add_tie(
        "López Obrador", OPPOSES, "Salinas de Gortari", "t1", sentence.replace(" a ", "\n a  "), note="missed"
    )
    assert (tie.type, tie.evidence_count, tie.article_count, tie.confidence) == (OPPOSES, 1, 1, 1.0)
    (ev,) = fresh_store.actor("López Obrador").ties[OPPOSES][0].evidence
    assert ev.sentence == sentence and ev.added
    # A reindex replaces the article's statements (the added row with them): the rebuild writes it again.
    with fresh_store.session() as session:
        from entramado.store.schema import Article

        article_id = session.query(Article.id).scalar()
    fresh_store.replace_statements(article_id, amlo_thanks("t1"))
    fresh_store.rebuild()
    assert ties(fresh_store)[("Andrés Manuel López Obrador", "OPPOSES", "Carlos Salinas de Gortari")][:3] == (
        1, 1, 1.0,
    )  # fmt: skip
    assert fresh_store.stats().evidence == 2


def test_retype_tie_moves_the_evidence_to_the_new_type(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks("t1"))
    tie = fresh_store.retype_tie("López Obrador", ALLY, OPPOSES, "Salinas de Gortari")
    assert (tie.type, tie.evidence_count, tie.retyped_from) == (OPPOSES, 1, "ALLY")
    assert AMLO_ALLY not in ties(fresh_store)
    fresh_store.add(amlo_thanks("t2", day=6))
    found = ties(fresh_store)
    assert AMLO_ALLY not in found
    assert found[("Andrés Manuel López Obrador", "OPPOSES", "Carlos Salinas de Gortari")][:2] == (2, 2)


# -- actors ------------------------------------------------------------------------------------------


def test_rename_keeps_the_old_name_as_an_alias_and_holds_for_later_articles(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks("t1"))
    renamed = fresh_store.rename("Andrés Manuel López Obrador", "AMLO")
    assert renamed.name == "AMLO" and "Andrés Manuel López Obrador" in renamed.aliases
    assert fresh_store.find_actor("López Obrador").name == "AMLO"
    fresh_store.add(amlo_thanks("t2", day=6))
    fresh_store.rebuild()
    (amlo,) = [e for e in fresh_store.entities(limit=None) if "López Obrador" in e.aliases]
    assert (amlo.name, amlo.article_count, amlo.renamed_from) == ("AMLO", 2, "Andrés Manuel López Obrador")
    with pytest.raises(EntramadoError, match="another PERSON already"):
        fresh_store.rename("AMLO", "Carlos Salinas de Gortari")


def test_retype_puts_the_actor_and_its_later_mentions_under_the_new_type(fresh_store: Store) -> None:
    text = "Hacienda anunció recortes junto a Mario Marcel (h1). Hacienda y Mario Marcel son aliados."
    hacienda = (
        Doc(text, doc_id="h1")
        .entity("Hacienda")
        .entity("Mario Marcel")
        .relation("Mario Marcel", ALLY, "Hacienda")
    )
    fresh_store.add(hacienda.build())
    assert "Hacienda" in people(fresh_store)
    retyped = fresh_store.retype("Hacienda", ORG)
    assert (retyped.type, retyped.retyped_from) == (ORG, "PERSON")
    assert "Hacienda" not in people(fresh_store)
    fresh_store.add(Doc("Hacienda recauda (h2).", doc_id="h2").entity("Hacienda").build())
    (org,) = fresh_store.entities(type=ORG)
    assert (org.name, org.article_count) == ("Hacienda", 2)
    assert others(fresh_store, "Mario Marcel") == {(ALLY, "Hacienda")}


def test_block_removes_the_actor_and_its_ties_now_and_in_later_articles(fresh_store: Store) -> None:
    fresh_store.add(estado("e1"))
    fresh_store.add(jak_and_abascal())
    assert {("Gabriel Boric", "MEETS", "Estado"), ("Estado", "MEETS", "Gabriel Boric")} & set(
        ties(fresh_store)
    )
    decision, unlinked = fresh_store.block("Estado", note="not an actor")
    assert decision.kind == "block" and unlinked == 2
    assert fresh_store.entities(type=ORG) == [] and not any("Estado" in k for k in ties(fresh_store))
    with pytest.raises(EntramadoError):
        fresh_store.find_actor("Estado")
    fresh_store.add(estado("e2", other="Michelle Bachelet"))
    assert fresh_store.entities(type=ORG) == []
    assert "Michelle Bachelet" in people(fresh_store)  # the rest of the article is stored as before
    fresh_store.unblock("Estado")
    assert [e.article_count for e in fresh_store.entities(type=ORG)] == [2]
    with pytest.raises(EntramadoError, match="is not blocked"):
        fresh_store.unblock("Estado")


def test_undo_reverts_a_decision_and_its_effect(fresh_store: Store) -> None:
    fresh_store.add(amlo_thanks("t1"))
    before = snapshot(fresh_store)
    sentence = "López Obrador criticó después a Salinas de Gortari por la privatización."
    fresh_store.add_tie("López Obrador", OPPOSES, "Salinas de Gortari", "t1", sentence)
    fresh_store.block("Salinas de Gortari")
    added, blocked = [d.id for d in fresh_store.decisions()]
    assert fresh_store.undo(added).kind == "add_tie"  # its evidence row goes with it
    assert fresh_store.undo(blocked).kind == "block"
    assert fresh_store.decisions() == [] and snapshot(fresh_store) == before
    with pytest.raises(EntramadoError, match="no decision #99"):
        fresh_store.undo(99)


# -- replay ------------------------------------------------------------------------------------------


def judged_corpus() -> list[Extraction]:
    return [amlo_thanks("t1"), amlo_thanks("t2", day=6, confidence=0.5), jak_and_abascal(), estado("e1")]


def judge(store: Store) -> None:
    """One judgement of every kind."""
    first = store.actor("Carlos Salinas de Gortari", evidence_limit=10).ties[ALLY][0].evidence
    store.reject(
        "López Obrador", ALLY, "Salinas de Gortari", evidence=next(e.id for e in first if e.doc_id == "t1")
    )
    store.confirm("José Antonio Kast", ALLY, "Santiago Abascal", note="checked", by="ana")
    sentence = "López Obrador criticó después a Salinas de Gortari por la privatización."
    store.add_tie("López Obrador", OPPOSES, "Salinas de Gortari", "t2", sentence, by="luis")
    store.retype_tie("José Antonio Kast", ALLY, MEETS, "Santiago Abascal")
    store.rename("Andrés Manuel López Obrador", "AMLO")
    store.retype("Gabriel Boric", ORG)
    store.block("Estado")


def test_every_judgement_round_trips_through_json_into_a_fresh_database(
    fresh_store: Store, tmp_path: Path
) -> None:
    for ex in judged_corpus():
        fresh_store.add(ex)
    judge(fresh_store)
    judged = snapshot(fresh_store), ties(fresh_store)
    kinds = [d.kind for d in fresh_store.decisions()]
    assert kinds == ["reject", "confirm", "add_tie", "retype_tie", "rename", "retype", "block"]
    # Replayed on a rebuild, twice: the same graph.
    fresh_store.rebuild()
    fresh_store.rebuild()
    assert (snapshot(fresh_store), ties(fresh_store)) == judged
    exported = json.loads(json.dumps([as_dict(d) for d in fresh_store.decisions()], default=str))
    assert {d["author"] for d in exported} >= {"ana", "luis"}
    with Store.open(str(tmp_path / "fresh.db")) as fresh:
        assert fresh.import_decisions(exported) == 7
        assert fresh.import_decisions(exported) == 0  # already recorded
        for ex in judged_corpus():
            fresh.add(ex)
        assert (snapshot(fresh), ties(fresh)) == judged
        assert [d.author for d in fresh.decisions()] == [d["author"] for d in exported]


def test_a_bad_import_of_a_new_kind_is_refused_whole(fresh_store: Store) -> None:
    with pytest.raises(EntramadoError, match=r"decision 1 is not an exported decision .*detail.type"):
        fresh_store.import_decisions(
            [{"kind": "reject", "type": "PERSON", "a_name": "A B", "a_keys": ["a b"], "b_keys": ["c"]}]
        )
    assert fresh_store.decisions() == []


def test_an_export_from_before_authors_still_imports(fresh_store: Store) -> None:
    # `decisions --json` of an entramado before judgements on ties: no author, no detail.
    old = {
        "id": 1, "kind": "merge", "type": "PERSON", "a_key": "jose antonio kast",
        "a_name": "José Antonio Kast", "a_keys": ["jose antonio kast"],
        "b_key": "jose kast", "b_name": "José Kast", "b_keys": ["jose kast"],
        "created_at": "2026-11-01T10:00:00+00:00", "note": None,
    }  # fmt: skip
    assert fresh_store.import_decisions([old]) == 1
    (decision,) = fresh_store.decisions()
    assert (decision.kind, decision.author, decision.detail) == ("merge", None, {})
