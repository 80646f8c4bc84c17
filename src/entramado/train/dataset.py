"""Training examples from annotated articles: each candidate tie labelled by the annotation's quotes.

An annotated article is run through the pipeline up to the rules. Each of its entities (clusters) is
matched to the annotation's entities the way the scorer matches them (a shared name or alias, by
name key). A candidate pair in a sentence is labelled with type T when the annotation has a T tie
between the matched entities and one of its evidence quotes covers that sentence; every other
candidate of the article is a negative for T. Ties are judged once more at the article level, as
the scorer does, for calibration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from entramado.annotate.adjectives import attach_adjectives
from entramado.annotate.entities import EntityCluster
from entramado.annotate.features import Candidate, candidates
from entramado.annotate.lexicon import Lexicon
from entramado.annotate.titles import BARE_TITLE
from entramado.models import Article, RelationType
from entramado.names import name_key
from entramado.train.annotations import Annotation

Pair = frozenset[str]  # the annotation's entity names at the two ends of a tie


@dataclass
class AnnotatedDoc:
    """One annotated article, annotated again by the pipeline, with its labelled candidates."""

    annotation: Annotation
    article: Article
    doc: Doc
    candidates: list[Candidate]
    # For each candidate, the tie types the annotation states for it in that sentence.
    labels: list[set[RelationType]]
    # The annotation's ties as the scorer sees them: unordered entity pairs, by type.
    gold: set[tuple[Pair, RelationType]] = field(default_factory=set)
    # Which annotated entities each cluster matches (by id).
    matches: dict[int, set[str]] = field(default_factory=dict)

    def gold_tie(self, a: EntityCluster, b: EntityCluster, kind: RelationType) -> bool:
        """Whether a tie of ``kind`` between these clusters would match one of the annotation's."""
        return any((pair, kind) in self.gold for pair in named_pairs(self.matches, a, b))


def named_pairs(matches: dict[int, set[str]], a: EntityCluster, b: EntityCluster) -> set[Pair]:
    """The annotation's entity pairs that two clusters stand for (``matches``: cluster id → names)."""
    return {frozenset((x, y)) for x in matches.get(a.id, ()) for y in matches.get(b.id, ()) if x != y}


def quote_spans(text: str, quotes: Iterable[str]) -> list[tuple[int, int]]:
    """Where each quote stands in ``text`` (whitespace aside), as character spans."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        words = quote.split()
        if not words:
            continue
        pattern = r"\s+".join(map(re.escape, words))
        spans.extend(m.span() for m in re.finditer(pattern, text))
    return spans


def label(annotation: Annotation, article: Article, doc: Doc, lex: Lexicon) -> AnnotatedDoc:
    """The labelled candidates of one annotated article (``doc`` is the pipeline's, rules included)."""
    clusters: list[EntityCluster] = doc._.entities or []
    forms = {e.name: {k for f in e.forms if (k := name_key(f))} for e in annotation.entities}
    matches = {c.id: {name for name, keys in forms.items() if keys & c.keys()} for c in clusters}
    stated: list[tuple[Pair, RelationType, list[tuple[int, int]]]] = []
    gold: set[tuple[Pair, RelationType]] = set()
    for r in annotation.relations:
        if r.source == r.target:
            continue
        pair = frozenset((r.source, r.target))
        gold.add((pair, r.type))
        stated.append((pair, r.type, quote_spans(article.text, r.evidence)))
    attach_adjectives(doc, clusters, lex)  # as the learned ties' component does before its candidates
    found = candidates(doc, lex)
    labels: list[set[RelationType]] = []
    for cand in found:
        start, end = cand.sentence.start_char, cand.sentence.end_char
        pairs = named_pairs(matches, cand.first, cand.second)
        if BARE_TITLE in cand.features:
            # no sentence names both ends (titles.py): the annotation's POSITION between them is the label
            labels.append(
                {RelationType.POSITION} if any((p, RelationType.POSITION) in gold for p in pairs) else set()
            )
            continue
        labels.append(
            {
                kind
                for pair, kind, spans in stated
                if pair in pairs and any(s < end and start < e for s, e in spans)
            }
        )
    return AnnotatedDoc(annotation, article, doc, found, labels, gold, matches)


def build(
    annotations: list[Annotation],
    articles: dict[str, Article],
    nlp: Language,
    lex: Lexicon,
    progress: Callable[[str], None] | None = None,
) -> list[AnnotatedDoc]:
    """Every annotated article run through ``nlp`` (which must stop at the rules) and labelled."""
    present = [a for a in annotations if a.doc_id in articles]
    out = []
    texts = (articles[a.doc_id].text for a in present)
    for annotation, doc in zip(present, nlp.pipe(texts, batch_size=16), strict=True):
        out.append(label(annotation, articles[annotation.doc_id], doc, lex))
        if progress is not None:
            progress(annotation.doc_id)
    return out
