"""``entramado eval --cv K``: the trained extractor cross-validated by article, against today's rules.

Each fold trains everything the way ``entramado train`` does (the recogniser, then the tie model)
on the other folds' articles, extracts the fold's articles, and the scorer judges the lot; the
learning curve repeats this on 25% and 50% of each fold's training articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from entramado.annotate.coref import use_description_scorer
from entramado.annotate.lexicon import load_lexicon
from entramado.annotate.pipeline import MODELS, add_components, load_pipeline, load_spacy
from entramado.annotate.ties import predict
from entramado.jobs.train import LANGUAGE, TrainingData, load_data
from entramado.train.bootstrap import difference, intervals
from entramado.train.crossval import (
    METRICS,
    CrossValidation,
    calibration_points,
    calibration_table,
    counts,
    documents,
    score,
)
from entramado.train.dataset import build
from entramado.train.descriptions import Attachments, judge
from entramado.train.descriptions import fit as fit_descriptions
from entramado.train.entities import fit as fit_entities
from entramado.train.fit import TYPES, fit, folds
from entramado.train.ner import EPOCHS, train_ner
from entramado.train.reach import carried_ties, reach


def cross_validate(
    annotation_files: Sequence[Path],
    inputs: Iterable[str],
    excluded: frozenset[str],
    scorer: Path,
    k: int = 5,
    shares: Sequence[float] = (0.25, 0.5, 1.0),
    epochs: int = EPOCHS,
    threshold: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> CrossValidation:
    """k-fold cross-validation by article of the trained extractor; the rules are scored on the same folds.

    With ``epochs`` 0 the recogniser is the base pipeline's in every fold (as ``train --epochs 0``);
    with ``threshold``, each fold's model reports its ties from it (as ``--tie-threshold``).
    """
    data = load_data(annotation_files, inputs, excluded)
    lex = load_lexicon(LANGUAGE)
    articles = {a.doc_id: art for a, art in data.annotated}
    annotations = [a for a, _ in data.annotated]
    # Today's rules: the shipped pipeline without a trained model.
    base = build(annotations, articles, load_pipeline(LANGUAGE, trained=None), lex)
    gold = [json.dumps(d.annotation.to_gold(), ensure_ascii=False) for d in base]
    rules = documents(base, lambda d: list(d.doc._.relations or []))
    fold = folds(base, k)
    learned: dict[float, list[str]] = {s: [""] * len(base) for s in shares}
    confidences: list[float] = []
    right: list[bool] = []
    shown: list[bool] = []
    described: list[Attachments] = []
    for f in range(k):
        train_ids = [i for i in range(len(base)) if fold[i] != f]
        test_ids = [i for i in range(len(base)) if fold[i] == f]
        for share in shares:
            part = train_ids[: max(1, round(len(train_ids) * share))]
            subset = TrainingData(
                [data.annotated[i] for i in part],
                data.rehearse[: round(len(data.rehearse) * share)],
                data.sources,
            )
            if epochs:
                nlp = train_ner(MODELS[LANGUAGE], subset.annotated, subset.rehearse, epochs=epochs)
                pipeline = add_components(nlp, LANGUAGE)
                docs = build([annotations[i] for i in part], articles, pipeline, lex)
            else:  # the base recogniser: the rules' documents are the training documents
                pipeline, docs = None, [base[i] for i in part]
            model = fit(docs)[0].with_threshold(threshold)
            describe = fit_descriptions(docs)[0]
            entity_judge = fit_entities(docs, lex)[0]
            if epochs or describe.decides:
                # the test articles as --model would read them: the fold's recogniser and descriptions
                pipeline = pipeline or add_components(load_spacy(MODELS[LANGUAGE], LANGUAGE), LANGUAGE)
                use_description_scorer(pipeline, describe)
                test = build([annotations[i] for i in test_ids], articles, pipeline, lex)
            else:
                test = [base[i] for i in test_ids]
            judged = entity_judge if entity_judge.decides else None
            lines = documents(test, lambda d: predict(d.doc, d.candidates, model, lex), judged, lex)  # noqa: B023
            for i, line in zip(test_ids, lines, strict=True):
                learned[share][i] = line
            if share == max(shares):
                calibration_points(model, test, confidences, right, shown)
                described.append(judge(test))
            if progress is not None:
                progress(f"fold {f + 1}/{k}: {share:.0%} of its training articles")
    result = CrossValidation(k=k, articles=len(base))
    full = learned[max(shares)]
    # on the base recogniser's documents: with --epochs each fold's recogniser finds ends of its own
    ceiling = documents(base, carried_ties)
    result.scores = {
        "rules": score(scorer, gold, rules),
        "learned": score(scorer, gold, full),
        "ceiling": score(scorer, gold, ceiling),
    }
    result.reach = reach(base)
    by_article = counts(scorer, gold, full)
    bounds = {
        "learned": intervals(by_article),
        "learned - rules": difference(by_article, counts(scorer, gold, rules)),
    }
    result.intervals = {who: {m: b[m] for m in METRICS} for who, b in bounds.items()}
    for kind in TYPES:
        result.by_type[str(kind)] = {
            "rules": score(scorer, gold, rules, kind)["relations"],
            "learned": score(scorer, gold, full, kind)["relations"],
        }
    result.curve = {f"{s:.0%}": score(scorer, gold, learned[s]) for s in shares}
    result.descriptions = {"rules": judge(base).as_dict(), "learned": Attachments.total(described).as_dict()}
    conf, ok, vis = np.array(confidences), np.array(right, dtype=bool), np.array(shown, dtype=bool)
    result.calibration, result.ece = calibration_table(conf, ok)
    result.ece_shown = calibration_table(conf[vis], ok[vis])[1] if vis.any() else 0.0
    return result
