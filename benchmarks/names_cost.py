"""What one article naming many people costs: seconds per article for 1k, 5k, 10k and 50k names.

Builds, in the run, Spanish articles made of short news sentences that name people ("Ana Ruiz Soto
se reunió con Luis Gil Mora en Madrid."), one in six a lone surname of someone named before, and
annotates each with the whole pipeline of ``entramado ingest`` (spaCy, gazetteer, mentions,
coreference, relations, the tie model) plus the Extraction record. Prints, per article, the seconds
of spaCy's own components (the reference: linear in the text) and of entramado's, and the seconds
per thousand names, which stay about flat when entramado's cost grows linearly with the mentions.

    .venv/bin/python benchmarks/names_cost.py [--sizes 1000 5000 10000 50000] [--seed 7]

Runs on older commits too (the "before" figures of benchmarks/README.md came from this script
with PYTHONPATH pointing at the base commit's sources).
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict

from entramado.annotate import load_pipeline
from entramado.annotate.extract import Extractor, to_extraction
from entramado.config import Settings
from entramado.models import Article

_GIVEN = (
    "Ana Luis Carmen Jorge Lucía Pedro Marta Diego Elena Pablo Sofía Andrés Laura Tomás Irene Raúl "
    "Nuria Sergio Alicia Mateo Rosa Hugo Clara Iván Teresa Óscar Julia Rubén Pilar Adrián"
)
_SURNAMES = (
    "Ruiz Soto Gil Mora Vega Prieto Lozano Cano Iglesias Crespo Pastor Nieto Herrera Rojas Molina "
    "Campos Fuentes Cabrera Delgado Santana Vidal Marín Rubio Ortega Garrido Serrano Blanco Medina "
    "Castro Ramos Peña Méndez Guerrero Cortés Sanz Lorenzo Gallego Calvo Reyes Aguilar Montero "
    "Hidalgo Carrasco Bravo Benítez Vicente Pascual Santiago Arias Parra Vargas Ferrer Salas Rivas"
)
GIVEN, SURNAMES = _GIVEN.split(), _SURNAMES.split()
TEMPLATES = (
    "{0} se reunió con {1} en Madrid.",
    "{0}, {1} y {2} firmaron el acuerdo ayer.",
    "Según {0}, {1} no asistirá a la cumbre.",
    "{0} criticó a {1} durante el debate.",
)


def names_article(n: int, seed: int = 7) -> str:
    """Spanish text naming ``n`` people (full names, one mention in six a lone surname of an earlier one)."""
    rng = random.Random(seed)
    named: list[str] = []
    sentences = []
    count = 0
    while count < n:
        template = TEMPLATES[len(sentences) % len(TEMPLATES)]
        slots = template.count("{")
        people = []
        for _ in range(slots):
            if named and rng.random() < 1 / 6:
                people.append(rng.choice(named).split()[-1])
            else:
                name = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"
                named.append(name)
                people.append(name)
        count += slots
        sentences.append(template.format(*people))
    # paragraphs of ten sentences, as news is written
    return "\n\n".join(" ".join(sentences[i : i + 10]) for i in range(0, len(sentences), 10))


def measure(n: int, seed: int) -> dict[str, float]:
    """Seconds of spaCy's components and of entramado's (pipeline, record) on an article of ``n`` names."""
    text = names_article(n, seed)
    fields = Settings.model_fields
    settings = Settings(**({"max_chars": len(text) + 1} if "max_chars" in fields else {}))  # type: ignore[arg-type]
    extractor = Extractor(settings)
    nlp = load_pipeline("es", settings.models["es"], settings.actors_file, extractor.trained)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    seconds: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    doc = nlp.make_doc(text)
    seconds["spacy"] += time.perf_counter() - started
    for name, component in nlp.pipeline:
        t0 = time.perf_counter()
        doc = component(doc)
        seconds["entramado" if name.startswith("entramado") else "spacy"] += time.perf_counter() - t0
    t0 = time.perf_counter()
    record = to_extraction(Article(doc_id=f"names-{n}", text=text), "es", doc)
    seconds["entramado"] += time.perf_counter() - t0
    seconds["total"] = time.perf_counter() - started
    seconds["chars"] = len(text)
    seconds["mentions"] = sum(len(e.mentions) for e in record.entities)
    seconds["entities"] = len(record.entities)
    return seconds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 50000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    measure(50, args.seed)  # load the pipelines and warm the caches first
    print(f"{'names':>7} {'chars':>9} {'mentions':>9} {'entities':>9} {'spaCy s':>8} {'entramado s':>12} "
          f"{'s/article':>10} {'entramado s per 1k names':>25}")  # fmt: skip
    for n in args.sizes:
        s = measure(n, args.seed)
        print(
            f"{n:>7,} {int(s['chars']):>9,} {int(s['mentions']):>9,} {int(s['entities']):>9,} "
            f"{s['spacy']:>8.1f} {s['entramado']:>12.1f} {s['total']:>10.1f} "
            f"{s['entramado'] / n * 1000:>25.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
