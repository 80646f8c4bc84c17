"""The annotate stage's output: run the pipelines over cleaned articles and build ``Extraction`` records."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from spacy.language import Language
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


@dataclass(frozen=True, slots=True)
class Failed:
    """An article that could not be annotated (too long, or an error in the pipeline), and why."""

    article: Article
    reason: str

    def __str__(self) -> str:
        return f"{self.article.origin or self.article.doc_id}: {self.reason}"


Result = Extraction | Skipped | Failed


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

    def extract(self, article: Article) -> Result:
        """Annotate one article."""
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Annotate articles in batches (``nlp.pipe``), lazily, keeping their order.

        One article never costs the others: one too long is refused, and one that any stage fails
        on is annotated again alone and, if it fails again, given back as ``Failed`` with the reason.
        """
        it = iter(articles)
        while batch := list(islice(it, self.settings.batch_size)):
            done: dict[int, Result] = {}
            langs: dict[int, str] = {}
            for i, article in enumerate(batch):
                refused = self._refused(article)
                if refused is not None:
                    done[i] = refused
                    continue
                try:
                    langs[i] = self.language_of(article)
                except Exception as exc:  # any failure is this article's alone
                    done[i] = _failed(article, exc)
            docs: dict[int, Doc] = {}
            for lang in sorted({lg for lg in langs.values() if lg in self.settings.models}):
                idx = [i for i, lg in langs.items() if lg == lang]
                nlp = load_pipeline(
                    lang,
                    self.settings.models[lang],
                    self.settings.actors_file,
                    self.trained,
                    self.settings.tie_threshold,
                )
                nlp.max_length = max(nlp.max_length, self.settings.max_chars)
                docs.update(_annotate(nlp, idx, batch, done))
            for i, article in enumerate(batch):
                if i in done:
                    yield done[i]
                elif i in docs:
                    try:
                        yield to_extraction(article, langs[i], docs[i])
                    except Exception as exc:
                        yield _failed(article, exc)
                else:
                    supported = ", ".join(sorted(self.settings.models))
                    yield Skipped(article, f"language '{langs[i]}' is not supported (supported: {supported})")

    def _refused(self, article: Article) -> Failed | None:
        limit = self.settings.max_chars
        if len(article.text) <= limit:
            return None
        return Failed(
            article,
            f"not annotated: {len(article.text):,} characters, over the limit of {limit:,} per article "
            "(spaCy's max_length); split it into smaller articles, or raise the limit with "
            "--max-chars N (the parser's memory grows with it)",
        )


def _annotate(nlp: Language, idx: list[int], batch: list[Article], done: dict[int, Result]) -> dict[int, Doc]:
    """The docs of ``batch[i]`` for ``i`` in ``idx``; an article the pipeline fails on goes to ``done``."""
    try:
        return dict(zip(idx, list(nlp.pipe(batch[i].text for i in idx)), strict=True))
    except Exception:  # one article failed the whole batch: find it by annotating each alone
        pass
    docs = {}
    for i in idx:
        try:
            docs[i] = nlp(batch[i].text)
        except Exception as exc:
            done[i] = _failed(batch[i], exc)
    return docs


def _failed(article: Article, exc: BaseException) -> Failed:
    return Failed(article, f"not annotated: {type(exc).__name__}: {exc}")


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
