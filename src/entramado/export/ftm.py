"""FollowTheMoney entities, one JSON object per line, for Aleph and the ``ftm``/OpenSanctions tools.

Actors: PERSON → ``Person``; ORGANIZATION → ``PublicBody`` when its name says it is part of the
state (``data/public_bodies.yaml``: gobierno, ministerio, corte, congreso…), else ``Organization``;
EVENT → ``Event``; PLACE → ``Territory`` ("a country, subnational division or other administrative
area", FtM 4.x), with ``country`` when FtM recognises the name as one of a country or in one.

Ties, each an interval entity with ``startDate``/``endDate`` (first and last seen), ``sourceUrl``
(the articles' URLs), ``summary`` (type, counts, confidence) and ``description`` (its evidence
sentences, oldest first, up to :data:`MAX_SENTENCES`):

- ``MEMBER_OF`` → ``Membership`` (member, organization) when the target is an organization;
- ``POSITION`` → ``Occupancy`` (holder) of a ``Position`` named by the tie's most frequent cue word
  and its target ("presidente (Partido Republicano)"), in that ``organization`` or ``country``;
  without a cue, or when the holder is not a person, a ``Membership`` with ``role`` "POSITION";
- ``ALLY`` and ``MEETS`` between two people → ``Associate`` (``relationship`` = the type);
- ``FAMILY`` between two people → ``Family`` (person, relative);
- everything else (``OPPOSES``, never an association; ``PARTICIPATES_IN`` and ``CANDIDATE_IN``, for
  which FtM has no schema; ``CO_MENTION``; a tie whose ends do not fit the schema above) →
  ``UnknownLink`` (subject = source, object = target, ``role`` = the type).

Ids are stable across databases: an actor's is made of its type and name key, a tie's of its type
and its ends' ids (sorted, for a tie without direction), so two exports of the same corpus give
the same ids.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from followthemoney import EntityProxy, model
from followthemoney.cli.util import write_entity
from followthemoney.types import registry

from entramado.datafiles import read_yaml
from entramado.export.source import ExportSource
from entramado.models import EntityType, RelationType
from entramado.names import name_key
from entramado.store.reads.graph import EdgeRow, NodeRow

NAMESPACE = "entramado"
# A tie's description holds this many evidence sentences; the rest are in the CSV export.
MAX_SENTENCES = 5
SCHEMA = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.EVENT: "Event",
    EntityType.PLACE: "Territory",
}
ASSOCIATIONS = {RelationType.ALLY, RelationType.MEETS}


@cache
def _public_body() -> re.Pattern[str]:
    """Whole-word pattern of the words that make an organization a public body."""
    words = sorted({name_key(w) for w in read_yaml("public_bodies.yaml")["words"]}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def schema_of(node: NodeRow) -> str:
    """The FtM schema of an actor (``PublicBody`` by the small name heuristic above)."""
    if node.type == EntityType.ORGANIZATION and _public_body().search(name_key(node.name)):
        return "PublicBody"
    return SCHEMA[node.type]


def entities(source: ExportSource) -> Iterator[EntityProxy]:
    """Every actor, then every tie (with the positions the ties need), as FtM entities."""
    actors: dict[int, EntityProxy] = {}
    for node in source.rows.nodes:
        actors[node.id] = _actor(node, source.aliases.get(node.id, []))
        yield actors[node.id]
    positions: dict[str, EntityProxy] = {}
    for edge in source.rows.edges:
        yield from _tie(edge, actors, source, positions)


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write ``out`` in the FtM line format (one entity per line, as ``ftm`` and Aleph read)."""
    with out.open("wb") as fh:
        for entity in entities(source):
            write_entity(fh, entity)
    return [out]


def _actor(node: NodeRow, aliases: list[str]) -> EntityProxy:
    entity = model.make_entity(schema_of(node))
    entity.make_id(NAMESPACE, str(node.type), name_key(node.name))
    entity.add("name", node.name)
    entity.add("alias", aliases)
    if node.type == EntityType.PLACE:
        entity.add("country", registry.country.clean(node.name))
    return entity


def _tie(
    edge: EdgeRow, actors: dict[int, EntityProxy], source: ExportSource, positions: dict[str, EntityProxy]
) -> list[EntityProxy]:
    """The entities of one tie: the link, and for an occupancy the position it needs (if new)."""
    a, b = actors[edge.source], actors[edge.target]
    made: list[EntityProxy] = []
    if edge.type == RelationType.MEMBER_OF and _fits(a, b, "Membership", "member", "organization"):
        link = _link("Membership", edge, a, b, "member", "organization")
    elif edge.type == RelationType.POSITION:
        cues = Counter(c for ev in source.evidence[edge.id] if (c := (ev.cue or "").strip().lower()))
        if cues and a.schema.is_a("Person"):
            position = _position(cues.most_common(1)[0][0], b)
            if (position.id or "") not in positions:
                positions[position.id or ""] = position
                made.append(position)
            link = _link("Occupancy", edge, a, position, "holder", "post")
        elif _fits(a, b, "Membership", "member", "organization"):
            link = _link("Membership", edge, a, b, "member", "organization")
            link.add("role", str(edge.type))
        else:
            link = _unknown(edge, a, b)
    elif edge.type == RelationType.FAMILY and a.schema.is_a("Person") and b.schema.is_a("Person"):
        link = _link("Family", edge, a, b, "person", "relative")
    elif edge.type in ASSOCIATIONS and a.schema.is_a("Person") and b.schema.is_a("Person"):
        link = _link("Associate", edge, a, b, "person", "associate")
        link.add("relationship", str(edge.type))
    else:
        link = _unknown(edge, a, b)
    _describe(link, edge, source)
    return [*made, link]


def _fits(a: EntityProxy, b: EntityProxy, schema: str, source_prop: str, target_prop: str) -> bool:
    """Whether ``a`` and ``b`` may be the two ends of ``schema`` (its properties' ranges)."""
    props = model.get(schema).properties  # type: ignore[union-attr]
    source_range, target_range = props[source_prop].range, props[target_prop].range
    return (
        source_range is not None
        and target_range is not None
        and a.schema.is_a(source_range)
        and b.schema.is_a(target_range)
    )


def _link(schema: str, edge: EdgeRow, a: EntityProxy, b: EntityProxy, sp: str, tp: str) -> EntityProxy:
    link = model.make_entity(schema)
    # An undirected tie is stored from its smaller entity id, which differs between databases.
    ends = [a.id, b.id] if edge.type.directed else sorted([a.id or "", b.id or ""])
    link.make_id(NAMESPACE, str(edge.type), *ends)
    link.add(sp, a.id)
    link.add(tp, b.id)
    return link


def _unknown(edge: EdgeRow, a: EntityProxy, b: EntityProxy) -> EntityProxy:
    link = _link("UnknownLink", edge, a, b, "subject", "object")
    link.add("role", str(edge.type))
    return link


def _position(cue: str, target: EntityProxy) -> EntityProxy:
    """The post "cue (target)", in the target organization, or in the target place's country."""
    position = model.make_entity("Position")
    position.make_id(NAMESPACE, "Position", cue, target.id)
    position.add("name", f"{cue} ({target.caption})")
    if target.schema.is_a("Organization"):
        position.add("organization", target.id)
    position.add("country", target.get("country"))
    return position


def _describe(link: EntityProxy, edge: EdgeRow, source: ExportSource) -> None:
    """Dates, sources, a one-line summary and the evidence sentences of a tie."""
    evidence = source.evidence[edge.id]
    if edge.first_seen is not None:
        link.add("startDate", edge.first_seen.isoformat())
    if edge.last_seen is not None:
        link.add("endDate", edge.last_seen.isoformat())
    link.add("sourceUrl", list(dict.fromkeys(ev.url for ev in evidence if ev.url)))
    link.add(
        "summary",
        f"{edge.type}: {edge.evidence_count} evidence sentence(s) in {edge.article_count} article(s), "
        f"confidence {edge.confidence:.2f}{', confirmed by a person' if edge.confirmed else ''} (entramado)",
    )
    for ev in evidence[:MAX_SENTENCES]:
        said = f" (according to {ev.attributed_to})" if ev.attributed_to else ""
        link.add("description", f"{ev.sentence}{said} [{ev.title or ev.doc_id}]")
