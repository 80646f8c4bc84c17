"""The project's annotation set passes its own checker and is the size the training needs."""

from __future__ import annotations

from pathlib import Path

from entramado.models import RelationType
from entramado.train.annotations import Annotation, check, read_annotations
from entramado.train.corpus import articles_by_id, held_out

DATA = Path(__file__).parents[1] / "data" / "annotations"


def test_the_annotation_set_passes_the_checker(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "fakenews-es"
    items = list(read_annotations([DATA / "fakenews-es.jsonl"]))
    articles, failed = articles_by_id([str(corpus / "articles.jsonl")])
    assert failed == []
    report = check(items, articles, held_out(corpus / "heldout.txt"))
    assert report.errors == []
    assert report.articles >= 400
    assert sum(report.relations.values()) >= 2000
    assert set(report.relations) == {str(t) for t in RelationType if t != RelationType.CO_MENTION}


def test_no_dev_article_is_in_the_training_set(shared_dir: Path) -> None:
    dev = {
        a.doc_id for a in read_annotations([shared_dir / "gold" / "dev.jsonl"]) if isinstance(a, Annotation)
    }
    ours = {a.doc_id for a in read_annotations([DATA / "fakenews-es.jsonl"]) if isinstance(a, Annotation)}
    assert dev and not dev & ours


def test_the_agreement_passes_cover_the_same_forty_articles() -> None:
    passes = [
        {a.doc_id for a in read_annotations([DATA / "agreement" / name]) if isinstance(a, Annotation)}
        for name in ("pass-a.jsonl", "pass-b.jsonl")
    ]
    assert len(passes[0]) == 40 and passes[0] == passes[1]


def test_the_evaluation_set_passes_the_checker_and_shares_no_article(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus" / "fakenews-es"
    items = list(read_annotations([DATA / "fakenews-es-eval.jsonl"]))
    articles, _ = articles_by_id([str(corpus / "articles.jsonl")])
    report = check(items, articles, held_out(corpus / "heldout.txt"))
    assert report.errors == [] and report.articles >= 200
    evaluation = {a.doc_id for a in items if isinstance(a, Annotation)}
    others = [
        DATA / "fakenews-es.jsonl",
        shared_dir / "gold" / "dev.jsonl",
        DATA.parents[1] / "tests" / "gold" / "extra-es.jsonl",
    ]
    seen = {a.doc_id for a in read_annotations(others) if isinstance(a, Annotation)}
    assert not evaluation & seen  # never trained on, never another set's


def test_the_evaluation_sets_second_pass_covers_twenty_of_its_articles() -> None:
    ids = [
        {a.doc_id for a in read_annotations([path]) if isinstance(a, Annotation)}
        for path in (DATA / "agreement" / "eval-pass-b.jsonl", DATA / "fakenews-es-eval.jsonl")
    ]
    assert len(ids[0]) == 20 and ids[0] <= ids[1]
