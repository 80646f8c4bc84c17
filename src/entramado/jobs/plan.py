"""How an ingest runs: how many articles its inputs hold (when cheap to know) and on how many workers."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from entramado.read.count import count_articles

# Starting a local cluster costs a few seconds (each worker loads its own spaCy models), which a
# second core repays after a few batches: on 2 cores, 2 workers ingest ~25 articles/s against ~13
# in one process (benchmarks/README.md). Up to this many batches, extracting here is as quick.
AUTO_MAX_LOCAL_BATCHES = 4


@dataclass(frozen=True)
class Plan:
    """What an ingest will do before it starts."""

    total: int | None  # articles the inputs hold; None when it cannot be known without reading them
    workers: int  # extraction worker processes; 0 extracts in this process


def cores() -> int:
    """The cores this process may run on (its CPU affinity, where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def plan(inputs: Sequence[str], workers: int | None, batch_size: int) -> Plan:
    """The plan for ``inputs``: ``workers`` as asked, or with None (``--workers auto``) one worker per
    core when the inputs hold more than a few batches, and this process for a handful of articles
    or inputs of unknown size (stdin, URLs, feeds), where a cluster's start-up would not pay."""
    total = count_articles(inputs)
    if workers is not None:
        return Plan(total, workers)
    many = total is not None and total > AUTO_MAX_LOCAL_BATCHES * batch_size
    n = cores()
    return Plan(total, n if many and n > 1 else 0)
