"""What a judgement costs (merge, not-same, split, block, reject, confirm, rename): applied
incrementally (now) and by a full rebuild (before).

Copies an existing corpus database twice (SQLite: the file; PostgreSQL: its statements into two
empty databases, then a full rebuild, which also gives the reference time), then records the same
judgements on both copies, interleaved so both see the machine's load: on copy A applied the way
they were before this change (record, then ``rebuild()`` of the whole resolved layer), on copy B
incrementally (``store/incremental.py``). Prints each judgement's seconds on each side and the
ratio, and checks that the two copies end identical (by names and aggregates).

    .venv/bin/python benchmarks/judgements.py --db /tmp/corpus778.db [--pg URL_A URL_B] [--repeat 3]

``--pg`` takes two empty PostgreSQL databases (migrated here). The judgements name actors of the
778-article corpus (``entramado ingest ../shared/corpus/fakenews-es/articles.jsonl
../shared/corpus/seed --db /tmp/corpus778.db``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from entramado.models import EntityType, RelationType
from entramado.store import Store, decide
from entramado.store.rebuild import rebuild

# The tests' helpers: copying statements into an empty database, and comparing two databases.
sys.path.insert(0, str(Path(__file__).parents[1] / "tests"))
from builders import copy_statements, snapshot

PERSON = EntityType.PERSON
TRUMP, EPN = "Donald Trump", "Enrique Peña Nieto"
ALLY, MEMBER_OF = RelationType.ALLY, RelationType.MEMBER_OF
AMLO, MORENA = "Andrés Manuel López Obrador", "Movimiento Regeneración Nacional"
Step = tuple[str, Callable[[Store], object]]
# Each is followed by its inverse (a merge by a split of the merged name, a not-same by a merge, a
# block by an unblock), so a repetition starts from where the first one did.
JUDGEMENTS: list[Step] = [
    ("merge Donald Trump / President Trump", lambda s: s.merge(TRUMP, "President Trump", type=PERSON)),
    ("split Donald Trump / President Trump", lambda s: s.split(TRUMP, "President Trump", type=PERSON)),
    ("not-same Donald Trump / Melania Trump", lambda s: s.not_same(TRUMP, "Melania Trump", type=PERSON)),
    ("merge Enrique Peña Nieto / Peña", lambda s: s.merge(EPN, "Peña", type=PERSON)),
    ("split Enrique Peña Nieto / Peña", lambda s: s.split(EPN, "Peña", type=PERSON)),
    ("block Estado", lambda s: s.block("Estado")),
    ("unblock Estado", lambda s: s.unblock("Estado")),
]  # fmt: skip
# Judgements on ties, once (a rejected tie is gone for the next round).
ONCE: list[Step] = [
    ("reject AMLO ALLY Salinas de Gortari", lambda s: s.reject(AMLO, ALLY, "Carlos Salinas de Gortari")),
    ("confirm AMLO MEMBER_OF Morena", lambda s: s.confirm(AMLO, MEMBER_OF, MORENA)),
    ("rename Televisa / Grupo Televisa", lambda s: s.rename("Televisa", "Grupo Televisa")),
]  # fmt: skip


def full_rebuild_apply(session: object) -> None:
    """How judgements were applied before: the whole resolved layer rebuilt."""
    rebuild(session, decide.load(session))  # type: ignore[arg-type]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of this process (on SQLite all the work; on a loaded machine, the CPU
    seconds say what the wall time would be on an idle one)."""
    start, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - start, time.process_time() - cpu


def run(urls: tuple[str, str], repeat: int) -> None:
    before, after = Store.open(urls[0]), Store.open(urls[1])
    reference = [timed(before.rebuild), timed(after.rebuild)]
    print(f"full rebuild (reference): {statistics.median(reference):.2f} s")
    original = decide.apply
    print(
        f"{'judgement':<50} {'before s':>9} {'after s':>8} {'after cpu s':>12} {'after/before':>13}"
        f" {'after/rebuild':>14}"
    )
    for steps in [*([JUDGEMENTS] * repeat), ONCE]:
        for label, judge in steps:
            decide.apply = full_rebuild_apply  # type: ignore[assignment]
            old = timed(partial(judge, before))
            decide.apply = original  # type: ignore[assignment]
            new, cpu = cpu_timed(partial(judge, after))
            ratio = new / statistics.median(reference)
            print(f"{label:<50} {old:>9.2f} {new:>8.2f} {cpu:>12.2f} {new / old:>13.2f} {ratio:>14.2f}")
    print("copies identical:", snapshot(before) == snapshot(after))
    before.close()
    after.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="an existing corpus database (SQLite file), only read")
    parser.add_argument("--pg", nargs=2, metavar="URL", help="two empty PostgreSQL databases to use instead")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.pg:
            for url in args.pg:
                Store.open(url).close()  # migrated
                copy_statements(Path(args.db), url)
            urls = (args.pg[0], args.pg[1])
        else:
            copies = [Path(tmp) / "before.db", Path(tmp) / "after.db"]
            for copy in copies:
                shutil.copy(args.db, copy)
            urls = (f"sqlite:///{copies[0]}", f"sqlite:///{copies[1]}")
        run(urls, args.repeat)


if __name__ == "__main__":
    main()
