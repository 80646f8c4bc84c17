"""A small network with known answers for the analyse tests: two blocs of allies and one broker.

Right (Kast, Abascal, Milei, Bukele) and left (Boric, Petro, Lula, Sánchez) are each four allies
tied pairwise in one article; Meloni meets Kast (February) and Boric (March) and is their only link.
Kast and Abascal renew their alliance in April, so that tie is new in January and grows in April.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations

from builders import Doc
from entramado.models import RelationType
from entramado.store import Store

RIGHT = ["Kast", "Abascal", "Milei", "Bukele"]
LEFT = ["Boric", "Petro", "Lula", "Sánchez"]
BROKER = "Meloni"
ALLY, MEETS = RelationType.ALLY, RelationType.MEETS


def _clique(names: list[str], doc_id: str, day: date, outlet: str) -> Doc:
    doc = Doc(f"{', '.join(names[:-1])} y {names[-1]} son aliados.", doc_id, published=day, outlet=outlet)
    for name in names:
        doc.entity(name)
    for a, b in combinations(names, 2):
        doc.relation(a, ALLY, b, 0.7)
    return doc


def fill(store: Store) -> Store:
    """Store the five articles of the two blocs and the broker."""
    store.add(_clique(RIGHT, "right", date(2024, 1, 10), "La Gaceta").build())
    store.add(_clique(LEFT, "left", date(2024, 1, 20), "El Diario").build())
    store.add(
        Doc("Meloni se reunió con Kast en Roma.", "roma", published=date(2024, 2, 5))
        .entity("Meloni").entity("Kast")
        .relation("Meloni", MEETS, "Kast", 0.8)
        .build()
    )  # fmt: skip
    store.add(
        Doc("Meloni recibió a Boric en el Quirinal.", "quirinal", published=date(2024, 3, 15))
        .entity("Meloni").entity("Boric")
        .relation("Meloni", MEETS, "Boric", 0.6)
        .build()
    )  # fmt: skip
    store.add(
        Doc("Kast y Abascal renovaron su alianza en Madrid.", "madrid", published=date(2024, 4, 2))
        .entity("Kast").entity("Abascal")
        .relation("Kast", ALLY, "Abascal", 0.9)
        .build()
    )  # fmt: skip
    return store
