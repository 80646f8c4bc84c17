"""Neo4j: CSV files for ``neo4j-admin database import full``, and a Cypher script that loads them.

Either import into an empty database::

    neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j

or, into a running one, copy both files into its import folder (``<NEO4J_HOME>/import``, or
``server.directories.import``) and run ``cypher-shell -f load.cypher``. Both give the same graph:
nodes labelled ``Person``, ``Organization``, ``Place`` or ``Event`` with a string ``entityId``,
relationships typed ``ALLY``, ``MEMBER_OF``… Neo4j relationships always have a direction; ties that
have none (``ALLY``, ``OPPOSES``, ``MEETS``, ``CO_MENTION``) are written once, and are meant to be
matched without one: ``(a)-[:ALLY]-(b)``.

Every node has a ``bloc`` (as ``entramado blocs`` numbers them); the oppositions between blocs are
the ``OPPOSES`` relationships whose ends differ in it::

    MATCH (a)-[:OPPOSES]-(b) WHERE a.bloc < b.bloc RETURN a.bloc, b.bloc, count(*) ORDER BY count(*) DESC
"""

from __future__ import annotations

import csv
from pathlib import Path

from entramado.export.source import ExportSource
from entramado.models import EntityType

NODES = "nodes.csv"
RELATIONSHIPS = "relationships.csv"
SCRIPT = "load.cypher"
NODE_HEADER = ["entityId:ID", "name", "type", "mentions:int", "articles:int", ":LABEL", "bloc:int"]
RELATIONSHIP_HEADER = [
    ":START_ID", ":END_ID", ":TYPE", "confidence:float", "evidence:int", "articles:int",
    "firstSeen", "lastSeen", "confirmed:boolean",
]  # fmt: skip
LABELS = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.PLACE: "Place",
    EntityType.EVENT: "Event",
}


def write(source: ExportSource, out: Path) -> list[Path]:
    """Write ``nodes.csv``, ``relationships.csv`` and ``load.cypher`` into the folder ``out``."""
    with (out / NODES).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(NODE_HEADER)
        for n in source.rows.nodes:
            bloc = source.blocs.bloc_of.get(n.id, "")
            w.writerow([n.id, n.name, str(n.type), n.mention_count, n.article_count, LABELS[n.type], bloc])
    with (out / RELATIONSHIPS).open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(RELATIONSHIP_HEADER)
        for e in source.rows.edges:
            w.writerow([
                e.source, e.target, str(e.type), repr(e.confidence), e.evidence_count, e.article_count,
                e.first_seen.isoformat() if e.first_seen else "",
                e.last_seen.isoformat() if e.last_seen else "", str(e.confirmed).lower(),
            ])  # fmt: skip
    labels = sorted({LABELS[n.type] for n in source.rows.nodes})
    types = sorted({str(e.type) for e in source.rows.edges})
    (out / SCRIPT).write_text(cypher(labels, types), encoding="utf-8")
    return [out / NODES, out / RELATIONSHIPS, out / SCRIPT]


def cypher(labels: list[str], types: list[str]) -> str:
    """The script that loads the two files with ``LOAD CSV`` (Neo4j 5), one statement per label and type.

    Cypher cannot take a label or a relationship type from a value without APOC, hence a statement
    for each. ``MERGE`` makes running it twice harmless. An empty CSV field reads as null, so a tie
    without dates gets no ``firstSeen``/``lastSeen``, as with ``neo4j-admin``.
    """
    any_label = "|".join(labels) or "Person"
    parts = [
        "// entramado export: load nodes.csv and relationships.csv into a running Neo4j 5.",
        "// Copy both files into the database's import folder (<NEO4J_HOME>/import, or the folder",
        "// named by server.directories.import), then run:  cypher-shell -f load.cypher",
        "",
    ]
    for label in labels:
        parts.append(
            f"CREATE CONSTRAINT entramado_{label.lower()}_id IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.entityId IS UNIQUE;"
        )
    for label in labels:
        parts += [
            "",
            f"LOAD CSV WITH HEADERS FROM 'file:///{NODES}' AS row",
            f"WITH row WHERE row.`:LABEL` = '{label}'",
            f"MERGE (n:{label} {{entityId: row.`entityId:ID`}})",
            "SET n.name = row.name, n.type = row.type,",
            "    n.mentions = toInteger(row.`mentions:int`), n.articles = toInteger(row.`articles:int`),",
            "    n.bloc = toInteger(row.`bloc:int`);",
        ]
    for rtype in types:
        parts += [
            "",
            f"LOAD CSV WITH HEADERS FROM 'file:///{RELATIONSHIPS}' AS row",
            f"WITH row WHERE row.`:TYPE` = '{rtype}'",
            f"MATCH (a:{any_label} {{entityId: row.`:START_ID`}})",
            f"MATCH (b:{any_label} {{entityId: row.`:END_ID`}})",
            f"MERGE (a)-[r:{rtype}]->(b)",
            "SET r.confidence = toFloat(row.`confidence:float`),",
            "    r.evidence = toInteger(row.`evidence:int`), r.articles = toInteger(row.`articles:int`),",
            "    r.firstSeen = row.firstSeen, r.lastSeen = row.lastSeen,",
            "    r.confirmed = row.`confirmed:boolean` = 'true';",
        ]
    return "\n".join(parts) + "\n"
