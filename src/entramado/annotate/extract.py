"""The annotate stage's output: run the pipelines over cleaned articles and build ``Extraction`` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from spacy.tokens import Doc, Span

from entramado.annotate import load_pipeline
from entramado.annotate.dates import find_date, plausible
from entramado.annotate.entities import EntityCluster
from entramado.annotate.language import detect_language
from entramado.annotate.relations import SentenceRelation
from entramado.annotate.trained import model_folder
from entramado.config import Settings
from entramado.models import Article, Entity, Evidence, Extraction, Mention, Relation


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article that was read but not annotated (unsupported language), and why."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"{self.article.origin or self.article.doc_id}: {self.reason}"


class Extractor:
    """Annotates articles with the pipeline of their language; pipelines load on first use."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        # The trained model (its recogniser and tie model), for the language it was trained on.
        self.trained = model_folder(self.settings.model)

    def language_of(self, article: Article) -> str:
        """The article's language: its metadata's if given, else detected from the text."""
        given = str(article.metadata.get("language") or "").lower()[:2]
        return given if given in self.settings.models else detect_language(article.text)

    def extract(self, article: Article) -> Extraction | Skipped:
        """Annotate one article."""
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Extraction | Skipped]:
        """Annotate articles in batches (``nlp.pipe``), lazily, keeping their order."""
        it = iter(articles)
        while batch := list(islice(it, self.settings.batch_size)):
            langs = [self.language_of(a) for a in batch]
            docs: dict[int, Doc] = {}
            for lang in {lang for lang in langs if lang in self.settings.models}:
                idx = [i for i, lg in enumerate(langs) if lg == lang]
                nlp = load_pipeline(lang, self.settings.models[lang], self.settings.actors_file, self.trained)
                for i, doc in zip(idx, nlp.pipe(batch[i].text for i in idx), strict=True):
                    docs[i] = doc
            for i, article in enumerate(batch):
                if i in docs:
                    yield to_extraction(article, langs[i], docs[i])
                else:
                    supported = ", ".join(sorted(self.settings.models))
                    yield Skipped(article, f"language '{langs[i]}' is not supported (supported: {supported})")


def to_extraction(article: Article, language: str, doc: Doc) -> Extraction:
    """Turn an annotated doc into the stage record: entities with mentions, ties with evidence."""
    clusters: list[EntityCluster] = doc._.entities or []
    sentence_index = {s.start: n for n, s in enumerate(doc.sents)}
    entities = []
    for c in clusters:
        mentions = [
            Mention(
                text=m.span(doc).text,
                start=m.span(doc).start_char,
                end=m.span(doc).end_char,
                sentence=sentence_index.get(m.span(doc).sent.start, 0),
            )
            for m in c.mentions
        ]
        entities.append(Entity(name=c.name, type=c.type, aliases=list(c.aliases), mentions=mentions))
    names = {c.id: c.name for c in clusters}
    relations, dropped = _relations(doc, names, article, language)
    return Extraction(
        article=article, language=language, entities=entities, relations=relations, dropped_dates=dropped
    )


def sentence_bounds(sent: Span) -> tuple[str, int, int]:
    """A sentence's text without surrounding whitespace, and its offsets, so text[start:end] == sentence."""
    raw = sent.text
    stripped = raw.strip()
    start = sent.start_char + (len(raw) - len(raw.lstrip()))
    return stripped, start, start + len(stripped)


def _relations(
    doc: Doc, names: dict[int, str], article: Article, language: str
) -> tuple[list[Relation], int]:
    """One relation per pair and type; each supporting sentence becomes one piece of evidence.

    Also the number of sentences whose date was left out as implausible (see ``plausible``)."""
    found: list[SentenceRelation] = doc._.relations or []
    merged: dict[tuple[object, ...], Relation] = {}
    dated: dict[int, date | None] = {}  # sentence start → its date: one look per sentence
    dropped = 0
    for r in found:
        if r.source == r.target:
            continue
        pair: tuple[object, ...] = (
            (r.source, r.target) if r.type.directed else (frozenset((r.source, r.target)),)
        )
        key = (*pair, r.type)
        sentence, start, end = sentence_bounds(r.sentence)
        if start not in dated:
            when = find_date(sentence, article.published, language)
            if when is not None and not plausible(when, article.published):
                when = None
                dropped += 1
            dated[start] = when
        evidence = Evidence(
            sentence=sentence,
            start=start,
            end=end,
            cue=r.cue or None,
            attributed_to=r.attributed_to,
            date=dated[start],
        )
        rel = merged.get(key)
        if rel is None:
            merged[key] = Relation(names[r.source], r.type, names[r.target], r.confidence, [evidence])
            continue
        # Repeating a claim inside one article is not independent support: keep the strongest reading.
        rel.confidence = max(rel.confidence, r.confidence)
        if all(ev.start != evidence.start for ev in rel.evidence):
            rel.evidence.append(evidence)
    return list(merged.values()), dropped
