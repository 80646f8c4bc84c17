"""Annotation files: the guidelines' gold JSONL with evidence quotes, read into records and checked.

One JSON object per line: ``doc_id``, ``entities`` (``name``, ``type``, ``aliases``) and ``relations``
(``source``, ``type``, ``target``, ``evidence``: the sentence or sentences that state the tie, copied
from the article; optionally ``said_by``). The scorer ignores the extra keys, so an annotation file
scores as gold; the training stage uses the quotes to place each tie in its sentences.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from entramado.models import Article, EntityType, RelationType
from entramado.read.jsonl import json_error

# The guidelines' tie types: CO_MENTION is entramado's own, never annotated.
ANNOTATED_TYPES = frozenset(t for t in RelationType if t != RelationType.CO_MENTION)
_SPACES = re.compile(r"\s+")
_ARTICLE = re.compile(r"^(el|la|los|las|the) ")


@dataclass(frozen=True, slots=True)
class AnnotatedEntity:
    """One entity of an annotated article: its fullest name, type and other forms."""

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class AnnotatedRelation:
    """One annotated tie with the quotes that state it and, for reported speech, who said it."""

    source: str
    type: RelationType
    target: str
    evidence: tuple[str, ...] = ()
    said_by: str | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    """One annotated article (one line of an annotation file)."""

    doc_id: str
    entities: tuple[AnnotatedEntity, ...]
    relations: tuple[AnnotatedRelation, ...]
    origin: str = ""

    def entity(self, name: str) -> AnnotatedEntity | None:
        """The entity of this name, if any."""
        return next((e for e in self.entities if e.name == name), None)

    def to_gold(self) -> dict[str, object]:
        """The line in the scorer's gold format (evidence and said_by kept: the scorer ignores them)."""
        return {
            "doc_id": self.doc_id,
            "entities": [
                {"name": e.name, "type": str(e.type), "aliases": list(e.aliases)} for e in self.entities
            ],
            "relations": [
                {
                    "source": r.source,
                    "type": str(r.type),
                    "target": r.target,
                    "evidence": list(r.evidence),
                    **({"said_by": r.said_by} if r.said_by else {}),
                }
                for r in self.relations
            ],
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a line of an annotation file: an error, or a warning to look at."""

    origin: str
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class AnnotationError(ValueError):
    """A line that is not an annotation at all (not JSON, not an object, a missing key, a bad type)."""


def fold(text: str) -> str:
    """Case, accents and runs of whitespace aside: how names and quotes are found in an article."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return _SPACES.sub(" ", "".join(c for c in text if not unicodedata.combining(c))).strip()


def squash(text: str) -> str:
    """Runs of whitespace as one space: quotes are exact "whitespace aside"."""
    return _SPACES.sub(" ", text).strip()


def parse(line: str, origin: str) -> Annotation:
    """One line of an annotation file, or an AnnotationError saying what is wrong with it."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise AnnotationError(f"not JSON ({json_error(exc)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("doc_id"), str):
        raise AnnotationError("not an object with a doc_id")
    try:
        entities = tuple(
            AnnotatedEntity(str(e["name"]), EntityType(e["type"]), tuple(map(str, e.get("aliases") or ())))
            for e in data.get("entities") or ()
        )
        relations = tuple(
            AnnotatedRelation(
                str(r["source"]),
                _relation_type(r["type"]),
                str(r["target"]),
                (r["evidence"],) if isinstance(r.get("evidence"), str) else tuple(r.get("evidence") or ()),
                r.get("said_by") or None,
            )
            for r in data.get("relations") or ()
        )
    except (KeyError, TypeError) as exc:
        raise AnnotationError(f"an entity or relation lacks {exc}") from None
    except ValueError as exc:
        raise AnnotationError(str(exc)) from None
    return Annotation(data["doc_id"], entities, relations, origin)


def _relation_type(value: object) -> RelationType:
    kind = RelationType(str(value))
    if kind not in ANNOTATED_TYPES:
        raise ValueError(f"{value!r} is not a relation type of the guidelines")
    return kind


def read_annotations(paths: Iterable[Path]) -> Iterator[Annotation | Problem]:
    """Every annotated article of these files, in order; a line that cannot be read is a Problem."""
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                origin = f"{path}:{number}"
                try:
                    yield parse(line, origin)
                except AnnotationError as exc:
                    yield Problem(origin, str(exc))


@dataclass
class CheckReport:
    """What ``entramado annotations check`` found: counts, and every problem."""

    articles: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that make the file unusable as it is."""
        return [p for p in self.problems if p.error]


def check(
    items: Iterable[Annotation | Problem], articles: Mapping[str, Article], held_out: frozenset[str]
) -> CheckReport:
    """Check annotations against their articles (see ``entramado annotations check --help``)."""
    report = CheckReport()
    seen: set[str] = set()
    for item in items:
        if isinstance(item, Problem):
            report.problems.append(item)
            continue
        if item.doc_id in held_out:
            report.problems.append(Problem(item.origin, f"{item.doc_id} is a held-out article"))
            continue
        if item.doc_id in seen:
            report.problems.append(Problem(item.origin, f"{item.doc_id} is annotated twice"))
        seen.add(item.doc_id)
        article = articles.get(item.doc_id)
        if article is None:
            report.problems.append(Problem(item.origin, f"no article has the id {item.doc_id}"))
            continue
        report.articles += 1
        report.entities.update(str(e.type) for e in item.entities)
        report.relations.update(str(r.type) for r in item.relations)
        report.problems.extend(_line_problems(item, article))
    return report


def _line_problems(item: Annotation, article: Article) -> Iterator[Problem]:
    body = fold(f"{article.title or ''}\n{article.text}")
    raw = f"{squash(article.title or '')}\n{squash(article.text)}"
    names: dict[str, tuple[str, ...]] = {}
    for e in item.entities:
        if e.name in names:
            yield Problem(item.origin, f"the entity {e.name!r} is given twice")
        names[e.name] = tuple(_ARTICLE.sub("", fold(f)) for f in e.forms if fold(f))
        for form in e.forms:
            if not fold(form):
                yield Problem(item.origin, f"{e.name!r} has an empty name or alias")
            elif _ARTICLE.sub("", fold(form)) not in body:  # "el dirigente" is there as "al dirigente"
                yield Problem(item.origin, f"{e.name!r}: {form!r} is not in the article", error=False)
    for r in item.relations:
        tie = f"{r.source} {r.type} {r.target}"
        ends = [end for end in (r.source, r.target) if end not in names]
        for end in ends:
            yield Problem(item.origin, f"{tie}: {end!r} is not an entity of this line")
        if r.said_by is not None and r.said_by not in names:
            yield Problem(item.origin, f"{tie}: said_by {r.said_by!r} is not an entity of this line", False)
        if not r.evidence:
            yield Problem(item.origin, f"{tie}: no evidence quote")
        for quote in r.evidence:
            if not squash(quote) or squash(quote) not in raw:
                yield Problem(item.origin, f"{tie}: the quote is not in the article: {quote[:80]!r}")
                continue
            folded = fold(quote)
            for end in (r.source, r.target):
                if end in names and not any(form in folded for form in names[end]):
                    yield Problem(item.origin, f"{tie}: the quote names no form of {end!r}: {quote[:60]!r}")
