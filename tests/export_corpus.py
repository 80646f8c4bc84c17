"""A small hand-built store for the export tests: every tie type, two outlets, dates, cues, attribution."""

from __future__ import annotations

from datetime import date

from builders import Doc
from entramado.analyse import blocs, build_graph, simple_graph
from entramado.models import EntityType, RelationType
from entramado.store import Store

PERSON, ORG, PLACE, EVENT = EntityType.PERSON, EntityType.ORGANIZATION, EntityType.PLACE, EntityType.EVENT
R = RelationType

JANUARY = (
    "José Antonio Kast y Santiago Abascal son aliados. Kast es presidente del Partido Republicano. "
    "Según la prensa, Kast criticó al Gobierno de Chile."
)
MARCH = (
    "Abascal es miembro de Vox. Kast se reunió con Abascal. Kast participó en la CPAC 2024. "
    "Kast es candidato en la Elección presidencial. Boric es presidente de Chile. "
    "Vox es miembro de Patriotas. Patriotas es miembro de Vox."
)


def fill(store: Store) -> Store:
    """Two articles in two outlets (January and March 2024) with every tie type.

    "Vox es miembro de Patriotas" and its reverse are two ties of one directed type between one
    pair: an export must keep both.
    """
    store.add(
        Doc(JANUARY, "enero", published=date(2024, 1, 10), url="https://eldiario.example/enero",
            title="Kast y Abascal")
        .entity("José Antonio Kast", aliases=("Kast",)).entity("Santiago Abascal", aliases=("Abascal",))
        .entity("Partido Republicano", ORG).entity("Gobierno de Chile", ORG)
        .relation("José Antonio Kast", R.ALLY, "Santiago Abascal", 0.6, cue="aliados")
        .relation("José Antonio Kast", R.POSITION, "Partido Republicano", 0.7, cue="presidente")
        .relation("José Antonio Kast", R.OPPOSES, "Gobierno de Chile", 0.5, cue="criticó",
                  attributed_to="la prensa")
        .build()
    )  # fmt: skip
    store.add(
        Doc(MARCH, "marzo", published=date(2024, 3, 5), outlet="La Gaceta", url="https://gaceta.example/marzo")
        .entity("Kast").entity("Abascal").entity("Boric").entity("Vox", ORG).entity("Patriotas", ORG)
        .entity("CPAC 2024", EVENT).entity("Elección presidencial", EVENT).entity("Chile", PLACE)
        .relation("Abascal", R.MEMBER_OF, "Vox", 0.8, cue="miembro")
        .relation("Kast", R.MEETS, "Abascal", 0.7, when=date(2024, 3, 1))
        .relation("Kast", R.PARTICIPATES_IN, "CPAC 2024", 0.6)
        .relation("Kast", R.CANDIDATE_IN, "Elección presidencial", 0.9)
        .relation("Boric", R.POSITION, "Chile", 0.8, cue="presidente")
        .relation("Vox", R.MEMBER_OF, "Patriotas", 0.4, "Vox es miembro de Patriotas.")
        .relation("Patriotas", R.MEMBER_OF, "Vox", 0.3, "Patriotas es miembro de Vox.")
        .relation("Boric", R.CO_MENTION, "Chile", 0.1)
        .build()
    )  # fmt: skip
    return store


def bloc_of(store: Store) -> dict[int, int]:
    """Each actor's bloc as ``entramado blocs`` numbers them (every bloc, one-actor ones too)."""
    found = blocs(simple_graph(build_graph(store)), min_size=1)
    return {m.id: b.number for b in found.blocs for m in b.members}


def bloc_pair(bloc: dict[int, int], a: int, b: int) -> str:
    """What an export writes as a tie's ``bloc_pair``: "3" inside bloc 3, "3-7" across."""
    x, y = sorted((bloc[a], bloc[b]))
    return str(x) if x == y else f"{x}-{y}"
