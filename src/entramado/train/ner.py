"""Updating the model's entity recogniser on the annotated mentions, without making it forget.

Each annotated article teaches where its names are: every occurrence of an entity's proper-name
forms (its name and the aliases that are names, not descriptions) becomes a span of the entity's
type, and every other token is outside any name, so common nouns, first names and fragments stop
being taken for actors. Unannotated articles are rehearsed: the original model's own entities on
them are taught again (its MISC, which the guidelines have no type for, is left unknown), so what
the recogniser knew about text nobody annotated is kept.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch  # type: ignore[attr-defined]

from entramado.annotate.pipeline import load_spacy
from entramado.models import Article, EntityType
from entramado.train.annotations import Annotation

# The recogniser's labels for the guidelines' types: the Spanish model's own, plus EVENT.
LABELS = {
    EntityType.PERSON: "PER",
    EntityType.ORGANIZATION: "ORG",
    EntityType.PLACE: "LOC",
    EntityType.EVENT: "EVENT",
}
EPOCHS = 6
DROPOUT = 0.2
BATCH = 8


def is_name(form: str) -> bool:
    """Whether a form is a proper name ("Kast", "PRI") rather than a description ("el líder chileno")."""
    words = [w for w in form.split() if w[:1].isalpha()]
    return (bool(words) and words[0][:1].isupper()) or any(w.isupper() and len(w) > 1 for w in words)


def gold_tags(doc: Doc, annotation: Annotation) -> list[str]:
    """BILUO tags of ``doc``: the annotation's names where they occur, O elsewhere."""
    spans: list[tuple[int, int, str]] = []
    for e in annotation.entities:
        for form in {f for f in e.forms if is_name(f)}:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", doc.text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="strict")
                if span is not None:
                    spans.append((span.start, span.end, LABELS[e.type]))
    return _biluo(len(doc), spans, missing=set())


def rehearsal_tags(doc: Doc) -> list[str]:
    """BILUO tags of the original model's own entities, its MISC left unknown ("-")."""
    spans = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ != "MISC"]
    unknown = {i for e in doc.ents if e.label_ == "MISC" for i in range(e.start, e.end)}
    return _biluo(len(doc), spans, unknown)


def _biluo(n: int, spans: list[tuple[int, int, str]], missing: set[int]) -> list[str]:
    """Tags for non-overlapping spans, longest first; ``missing`` tokens are "-" (neither name nor not)."""
    tags = ["-" if i in missing else "O" for i in range(n)]
    taken: set[int] = set()
    for start, end, label in sorted(set(spans), key=lambda s: (s[0] - s[1], s[0])):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        if end - start == 1:
            tags[start] = f"U-{label}"
        else:
            tags[start] = f"B-{label}"
            for i in range(start + 1, end - 1):
                tags[i] = f"I-{label}"
            tags[end - 1] = f"L-{label}"
    return tags


def train_ner(
    base: str,
    annotated: Sequence[tuple[Annotation, Article]],
    rehearse: Sequence[Article],
    seed: int = 0,
    epochs: int = EPOCHS,
    progress: Callable[[str], None] | None = None,
) -> Language:
    """The spaCy pipeline ``base``, its recogniser updated on ``annotated`` while rehearsing ``rehearse``
    (with no epochs, as it ships)."""
    fix_random_seed(seed)
    nlp = load_spacy(base, "es")
    if not epochs:
        return nlp
    ner = nlp.get_pipe("ner")
    ner.add_label("EVENT")  # type: ignore[attr-defined]
    # The recogniser has a tok2vec of its own, so only it learns: the parser and tagger stay as shipped.
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if p != "ner"]):
        parsed = list(nlp.pipe([a.text for _, a in annotated], batch_size=16))
    with nlp.select_pipes(enable=nlp.pipe_names):
        original = list(nlp.pipe([a.text for a in rehearse], batch_size=16))
    examples = [
        Example.from_dict(doc, {"entities": gold_tags(doc, annotation)})
        for doc, (annotation, _) in zip(parsed, annotated, strict=True)
    ] + [Example.from_dict(nlp.make_doc(doc.text), {"entities": rehearsal_tags(doc)}) for doc in original]
    rng = random.Random(seed)
    optimizer = nlp.resume_training()
    with nlp.select_pipes(enable=["ner"]):
        for epoch in range(epochs):
            rng.shuffle(examples)
            losses: dict[str, float] = {}
            for batch in minibatch(examples, size=BATCH):  # type: ignore[no-untyped-call]
                nlp.update(batch, drop=DROPOUT, sgd=optimizer, losses=losses)
            if progress is not None:
                progress(f"entities: epoch {epoch + 1}/{epochs}, loss {losses.get('ner', 0.0):.0f}")
    return nlp


def save_ner(nlp: Language, folder: Path) -> None:
    """Write the updated recogniser (weights, labels, moves) to ``folder/ner``."""
    nlp.get_pipe("ner").to_disk(folder / "ner")  # type: ignore[attr-defined]
