"""The whole ingest of one article naming many people: seconds per article for 1k, 5k, 10k and 50k names.

``names_cost.py`` times the annotation alone; this runs ``entramado ingest``'s library job on the
same articles (read, clean, annotate, resolve every name against the store, store), each into a
fresh SQLite database, in this process with the pipeline loaded beforehand, and prints the seconds
of the whole run and of its store part (resolution and writing, one transaction), and both per
thousand names: they stay about flat when the cost grows linearly with the names.

    PYTHONPATH=src .venv/bin/python benchmarks/names_ingest.py [--sizes 1000 5000 10000 50000] [--seed 7]

Runs on older commits too: the "before" figures of benchmarks/README.md came from this script with
PYTHONPATH pointing at the older sources.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from entramado.config import Settings
from entramado.jobs.ingest import ingest
from entramado.jobs.parallel import InProcess
from entramado.models import Extraction
from entramado.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from names_cost import names_article  # the same articles as the annotation benchmark


def run(text: str, executor: InProcess, settings: Settings, folder: Path) -> dict[str, float]:
    """Ingest ``text`` as one file into a new SQLite database: seconds in all and in the store."""
    path = folder / f"names-{len(text)}.txt"
    path.write_text(text, encoding="utf-8")
    store = Store.open(f"sqlite:///{folder / f'names-{len(text)}.db'}")
    storing = {"seconds": 0.0}
    add_batch = store.add_batch

    def timed(extractions: Sequence[Extraction]) -> list[bool]:
        started = time.perf_counter()
        try:
            return add_batch(extractions)
        finally:
            storing["seconds"] += time.perf_counter() - started

    store.add_batch = timed  # type: ignore[method-assign]
    started = time.perf_counter()
    summary = ingest([str(path)], store, settings, executor=executor)
    total = time.perf_counter() - started
    stats = store.stats()
    store.close()
    if summary.stored != 1:
        raise SystemExit(f"the article was not stored: {summary.failed}")
    return {"total": total, "store": storing["seconds"], "entities": sum(stats.entities.values())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000, 50000])
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    texts = {n: names_article(n, args.seed) for n in args.sizes}
    settings = Settings(max_chars=max(len(t) for t in texts.values()) + 1, min_chars=1)
    executor = InProcess(settings)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        run(names_article(50, args.seed), executor, settings, folder)  # load the pipeline first
        print(f"{'names':>7} {'chars':>9} {'actors':>7} {'ingest s':>9} {'store s':>8} "
              f"{'ingest s per 1k names':>22} {'store s per 1k names':>21}")  # fmt: skip
        for n, text in texts.items():
            s = run(text, executor, settings, folder)
            print(
                f"{n:>7,} {len(text):>9,} {int(s['entities']):>7,} {s['total']:>9.1f} {s['store']:>8.1f} "
                f"{s['total'] / n * 1000:>22.2f} {s['store'] / n * 1000:>21.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
