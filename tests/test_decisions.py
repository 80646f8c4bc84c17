"""User judgements (merge, split, not-same) on a real store: applied, replayed on ingest, kept on rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete

from builders import Doc, bare_kast, jak_and_abascal, jose_kast_meets, others, people, rule_corpus, snapshot
from entramado.cli.render import as_dict
from entramado.errors import ActorNotFoundError, AmbiguousActorError, EntramadoError
from entramado.models import EntityType, RelationType
from entramado.store import Store
from entramado.store.connect import create
from entramado.store.schema import Article

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE
ALLY, MEETS, OPPOSES, MEMBER_OF = (
    RelationType.ALLY,
    RelationType.MEETS,
    RelationType.OPPOSES,
    RelationType.MEMBER_OF,
)


# -- merge ------------------------------------------------------------------------------------------


def test_merge_joins_two_actors_and_a_later_article_naming_b_lands_on_a(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal())
    fresh_store.add(jose_kast_meets("Giorgia Meloni", "m1"))
    assert people(fresh_store) == ["Giorgia Meloni", "José Antonio Kast", "José Kast", "Santiago Abascal"]

    merged = fresh_store.merge("José Antonio Kast", "jose kast")
    assert merged.name == "José Antonio Kast" and "José Kast" in merged.aliases
    assert (merged.mention_count, merged.article_count) == (3, 2)
    assert people(fresh_store) == ["Giorgia Meloni", "José Antonio Kast", "Santiago Abascal"]
    assert others(fresh_store, "José Antonio Kast") == {(ALLY, "Santiago Abascal"), (MEETS, "Giorgia Meloni")}

    # The decision is replayed on the next ingest: "José Kast" no longer makes an actor of its own.
    fresh_store.add(jose_kast_meets("Javier Milei", "m2"))
    assert (MEETS, "Javier Milei") in others(fresh_store, "José Antonio Kast")
    assert "José Kast" not in people(fresh_store)
    assert fresh_store.find_actor("José Kast").name == "José Antonio Kast"


def test_a_merge_keeps_the_kept_actors_name_whichever_article_came_first(fresh_store: Store) -> None:
    fresh_store.add(jose_kast_meets("Giorgia Meloni", "m1"))  # the merged name is stored first
    fresh_store.add(jak_and_abascal())
    merged = fresh_store.merge("José Antonio Kast", "José Kast")
    assert merged.name == "José Antonio Kast"
    fresh_store.rebuild()
    assert fresh_store.find_actor("José Kast").name == "José Antonio Kast"


def test_merging_an_actor_with_itself_or_across_types_is_refused(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal(kast_alias=True))
    fresh_store.add(
        Doc("Vox crece en Madrid.", doc_id="v").entity("Vox", ORG).entity("Madrid", PLACE).build()
    )
    with pytest.raises(EntramadoError, match="one actor already"):
        fresh_store.merge("José Antonio Kast", "Kast")
    with pytest.raises(EntramadoError, match=r"different types are always apart"):
        fresh_store.merge("Vox", "Santiago Abascal")
    assert fresh_store.decisions() == []


def test_an_unknown_name_is_refused_with_suggestions(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal())
    with pytest.raises(ActorNotFoundError) as caught:
        fresh_store.merge("José Antonio Kast", "Abascalini")
    assert "Santiago Abascal" in caught.value.suggestions
    assert fresh_store.decisions() == []


def test_a_name_of_two_actors_is_refused_rather_than_guessed(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal(kast_alias=True))
    fresh_store.add(
        Doc("Felipe Kast, o Kast, habló.", doc_id="f").entity("Felipe Kast", aliases=("Kast",)).build()
    )
    with pytest.raises(
        AmbiguousActorError,
        match=r"2 actors: (José Antonio|Felipe) Kast \(PERSON\), (José Antonio|Felipe) Kast",
    ):
        fresh_store.merge("Kast", "Santiago Abascal")
    # Same name, two types: --type says which.
    fresh_store.add(Doc("Valencia ganó.", doc_id="a").entity("Valencia", ORG).build())
    fresh_store.add(Doc("Llueve en Valencia.", doc_id="b").entity("Valencia", PLACE).build())
    fresh_store.add(Doc("El Valencia CF ganó.", doc_id="c").entity("Valencia CF", ORG).build())
    with pytest.raises(AmbiguousActorError, match="add --type"):
        fresh_store.not_same("Valencia", "Valencia CF")
    with pytest.raises(EntramadoError, match="Valencia CF is an ORGANIZATION"):
        fresh_store.not_same("Valencia CF", "Valencia", type=PLACE)
    merged = fresh_store.merge("Valencia CF", "Valencia")  # B's type follows A's
    assert merged.type == ORG and "Valencia" in merged.aliases
    assert fresh_store.entities(type=PLACE)[0].name == "Valencia"


# -- not-same ---------------------------------------------------------------------------------------


def test_not_same_blocks_the_surname_rule_even_in_a_fresh_database(tmp_path: Path) -> None:
    # The rules alone: a bare "Kast" stored first absorbs the later "José Antonio Kast".
    with Store.open(str(tmp_path / "rules.db")) as rules:
        rules.add(bare_kast())
        rules.add(jak_and_abascal())
        assert people(rules) == ["Evelyn Matthei", "José Antonio Kast", "Santiago Abascal"]

    # A user who knows better: two actors, kept apart.
    with Store.open(str(tmp_path / "judged.db")) as judged:
        judged.add(jak_and_abascal())
        judged.add(bare_kast())
        decision = judged.not_same("José Antonio Kast", "Kast", note="Felipe, not José Antonio")
        assert (decision.kind, decision.a_name, decision.b_name) == ("not_same", "José Antonio Kast", "Kast")
        exported = json.loads(json.dumps([as_dict(d) for d in judged.decisions()]))

    # The exported decision applied to a new database, where the rule would have merged them.
    with Store.open(str(tmp_path / "fresh.db")) as fresh:
        assert fresh.import_decisions(exported) == 1
        assert fresh.import_decisions(exported) == 0  # already there
        fresh.add(bare_kast())
        fresh.add(jak_and_abascal())
        assert people(fresh) == ["Evelyn Matthei", "José Antonio Kast", "Kast", "Santiago Abascal"]
        assert others(fresh, "José Antonio Kast") == {(ALLY, "Santiago Abascal")}
        assert others(fresh, "Kast") == {(ALLY, "Evelyn Matthei")}
        assert fresh.decisions()[0].note == "Felipe, not José Antonio"


def test_not_same_of_one_actor_points_to_split(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal(kast_alias=True))
    with pytest.raises(EntramadoError, match="entramado split"):
        fresh_store.not_same("José Antonio Kast", "Kast")


# -- split ------------------------------------------------------------------------------------------


def test_split_moves_an_alias_out_and_a_later_article_does_not_bring_it_back(fresh_store: Store) -> None:
    fresh_store.add(bare_kast("k1"))
    fresh_store.add(jak_and_abascal(kast_alias=True))  # the surname rule merges it into "Kast"
    assert people(fresh_store) == ["Evelyn Matthei", "José Antonio Kast", "Santiago Abascal"]
    assert others(fresh_store, "José Antonio Kast") == {(ALLY, "Santiago Abascal"), (ALLY, "Evelyn Matthei")}

    kept, other = fresh_store.split("José Antonio Kast", "kast")
    assert kept.name == "José Antonio Kast" and "Kast" not in kept.aliases
    assert other is not None and other.name == "Kast" and other.article_count == 1
    assert others(fresh_store, "José Antonio Kast") == {(ALLY, "Santiago Abascal")}
    assert others(fresh_store, "Kast") == {(ALLY, "Evelyn Matthei")}
    # José Antonio Kast's own article still calls him "Kast": those mentions stay his (the builder
    # also finds "Kast" inside "José Antonio Kast").
    assert kept.mention_count == 3

    fresh_store.add(bare_kast("k2", other="Javier Milei"))
    assert fresh_store.find_actor("Kast").id == other.id
    assert others(fresh_store, "Kast") == {(ALLY, "Evelyn Matthei"), (ALLY, "Javier Milei")}
    assert others(fresh_store, "José Antonio Kast") == {(ALLY, "Santiago Abascal")}
    fresh_store.add(jak_and_abascal("jak2", kast_alias=True, day=5))  # a later full name: not rejoined
    assert fresh_store.find_actor("Kast").id == other.id
    assert "Kast" not in fresh_store.find_actor("José Antonio Kast").aliases


def test_a_tie_between_two_names_of_one_actor_appears_once_they_are_split(fresh_store: Store) -> None:
    fresh_store.add(bare_kast("k1"))
    both = (
        Doc("José Antonio Kast critica a Kast. Kast responde.", doc_id="both")
        .entity("José Antonio Kast")
        .entity("Kast")
        .relation("José Antonio Kast", OPPOSES, "Kast", 0.7, "José Antonio Kast critica a Kast.")
        .build()
    )
    fresh_store.add(both)  # both names resolve to one actor: the tie is stored, supporting nothing
    assert (OPPOSES, "Kast") not in others(fresh_store, "José Antonio Kast")
    assert fresh_store.stats().relations.get("OPPOSES") is None

    fresh_store.split("José Antonio Kast", "Kast")
    assert others(fresh_store, "José Antonio Kast") == {(OPPOSES, "Kast")}
    assert fresh_store.stats().relations["OPPOSES"] == 1


def test_split_refuses_the_display_name_and_names_that_are_not_aliases(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal(kast_alias=True))
    with pytest.raises(EntramadoError, match="shown under"):
        fresh_store.split("Kast", "José Antonio Kast")
    with pytest.raises(EntramadoError, match=r"not a name of José Antonio Kast; its other names are: Kast"):
        fresh_store.split("José Antonio Kast", "Abascal")


def test_split_of_an_alias_no_article_uses_as_a_name_only_removes_it(fresh_store: Store) -> None:
    fresh_store.add(jak_and_abascal(kast_alias=True))
    kept, other = fresh_store.split("José Antonio Kast", "Kast")
    assert other is None
    assert kept.aliases == [] and kept.mention_count == 3


# -- replay: rebuilds and re-ingests ------------------------------------------------------------------


def test_decisions_survive_deleting_and_re_ingesting_every_article(fresh_store: Store) -> None:
    for ex in rule_corpus():
        fresh_store.add(ex)
    fresh_store.merge("José Antonio Kast", "José Kast")
    fresh_store.split("José Antonio Kast", "Kast")
    judged = snapshot(fresh_store)
    assert others(fresh_store, "José Antonio Kast") == {
        (ALLY, "Santiago Abascal"),
        (MEETS, "Giorgia Meloni"),
        (MEETS, "Javier Milei"),
    }

    engine = create(fresh_store.url)
    with engine.begin() as conn:
        conn.execute(delete(Article))  # statements go with their articles
    engine.dispose()
    fresh_store.rebuild()
    assert fresh_store.stats().articles == 0 and fresh_store.entities() == []
    assert len(fresh_store.decisions()) == 2

    for ex in rule_corpus():
        assert fresh_store.add(ex)
    assert snapshot(fresh_store) == judged


def test_decisions_exported_to_a_fresh_database_give_the_same_graph(
    fresh_store: Store, tmp_path: Path
) -> None:
    for ex in rule_corpus():
        fresh_store.add(ex)
    fresh_store.merge("José Antonio Kast", "José Kast")
    fresh_store.split("José Antonio Kast", "Kast")
    fresh_store.not_same("Mario Delgado", "Javier Milei")
    judged = snapshot(fresh_store)
    exported = json.loads(json.dumps([as_dict(d) for d in fresh_store.decisions()]))
    with Store.open(str(tmp_path / "again.db")) as again:
        assert again.import_decisions(exported) == 3
        for ex in rule_corpus():
            again.add(ex)
        assert snapshot(again) == judged
        assert [d.kind for d in again.decisions()] == ["merge", "split", "not_same"]
        assert again.find_actor("José Kast").name == "José Antonio Kast"
        assert again.find_actor("Kast").name == "Kast"


def test_a_bad_import_is_refused_whole(fresh_store: Store) -> None:
    with pytest.raises(EntramadoError, match="decision 2 is not an exported decision"):
        fresh_store.import_decisions(
            [
                {
                    "kind": "merge",
                    "type": "PERSON",
                    "a_name": "A B",
                    "b_name": "C D",
                    "a_keys": ["a b"],
                    "b_keys": ["c d"],
                },
                {"kind": "marry", "type": "PERSON"},
            ]
        )
    assert fresh_store.decisions() == []
