"""Start-up time of the read commands, as ratios against a bare interpreter measured in the same run.

Each command runs in a fresh process (``python -m entramado …``), as a user types it, on an existing
database (build one with ``entramado ingest …``); the reference is ``python -c pass`` with the same
interpreter. Runs are interleaved (one of each, then again) so that a load on the machine falls on
all of them alike; the median of ``--repeat`` runs counts. The target is under 0.3 s a command.

    .venv/bin/python benchmarks/cli_startup.py --db /tmp/corpus778.db [--repeat 7] [--actor Kast]
        [--compare OTHER/src]   (another checkout's sources, run interleaved: before and after in one run)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.3


def commands(db: str, actor: str) -> dict[str, list[str]]:
    """The five read commands, each as an argument list."""
    cli = [sys.executable, "-m", "entramado"]
    return {
        "stats": [*cli, "stats", "--db", db],
        "entities": [*cli, "entities", "--db", db],
        f"show {actor}": [*cli, "show", actor, "--db", db],
        "relations": [*cli, "relations", "--db", db],
        "decisions": [*cli, "decisions", "--db", db],
    }


def timed(argv: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run; a failing command stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    return seconds


def main() -> None:
    """Run every command ``--repeat`` times, interleaved, and print medians against the reference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="An existing entramado database (SQLite path).")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--actor", default="Kast", help="The actor `show` looks up.")
    parser.add_argument(
        "--src", default=str(ROOT / "src"), help="The sources to run (another checkout's src/)."
    )
    parser.add_argument("--compare", help="Also run these sources (e.g. the commit before), interleaved.")
    args = parser.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(f"no database at {args.db}: build one with `entramado ingest … --db {args.db}`")
    sources = {"": args.src, **({"before: ": args.compare} if args.compare else {})}
    runs: dict[str, tuple[list[str], dict[str, str]]] = {
        "python -c pass (reference)": ([sys.executable, "-c", "pass"], dict(os.environ))
    }
    for label, src in sources.items():
        env = {**os.environ, "PYTHONPATH": src}
        for name, argv in commands(args.db, args.actor).items():
            runs[label + name] = (argv, env)
    for argv, env in runs.values():  # warm the file cache and the bytecode once
        timed(argv, env)
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, (argv, env) in runs.items():
            seconds[name].append(timed(argv, env))
    reference = statistics.median(seconds["python -c pass (reference)"])
    print(f"median of {args.repeat} runs, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"| command | median s | min s | vs bare interpreter | under {TARGET_SECONDS} s |")
    print("| --- | --- | --- | --- | --- |")
    for name, values in seconds.items():
        median = statistics.median(values)
        verdict = "" if name.startswith("python") else ("yes" if median < TARGET_SECONDS else "no")
        print(f"| {name} | {median:.3f} | {min(values):.3f} | {median / reference:.1f}× | {verdict} |")


if __name__ == "__main__":
    main()
