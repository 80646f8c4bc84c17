"""Where extraction runs: in this process, or on the worker processes of a Dask cluster.

Both executors take batches of cleaned articles and give back, in the same order, each batch with
its extraction results, so the ingest job has one code path whatever runs the pipeline. The Dask
executor keeps a bounded number of batches in flight: reading waits for the workers (backpressure),
so memory does not grow with the corpus. Writing stays in the calling process, the one writer.
"""

from __future__ import annotations

import ctypes
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol

from entramado.annotate.extract import Extractor, Failed, Result
from entramado.config import Settings
from entramado.errors import ExtractionError
from entramado.models import Article, ReadFailure

if TYPE_CHECKING:  # distributed is imported when a cluster is used, not for every ingest
    from distributed import Client, Future, LocalCluster

# Batches each worker has queued or running. Two keep a worker busy while the writer takes the
# previous result; more only hold more articles in memory.
BATCHES_PER_WORKER = 2

CLUSTER_CONFIG: dict[str, object] = {
    # Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536 so that they hand freed memory back
    # to the system at once; spaCy allocates and frees many small arrays per document, and with that
    # setting the pipeline ran about 15% slower (benchmarks/README.md).
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # The workers' statistical profiler keeps up to a thousand profiles, one a second, for a
    # dashboard nobody opens here: memory that grows with the length of the run.
    "distributed.worker.profile.enabled": False,
    # Every connection keeps its last thousand messages for debugging, the scheduler's to each
    # worker included, and a task message carries its batch: up to 32,000 articles' text held
    # after they are stored (found with tracemalloc; memory that grew with the corpus).
    "distributed.admin.low-level-log-length": 8,
    # The scheduler's history of computations holds their tasks too.
    "distributed.diagnostics.computations.max-history": 1,
}


@dataclass
class Batch:
    """Cleaned articles to annotate together, and the read failures met while gathering them."""

    articles: list[Article] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)


class Executor(Protocol):
    """Runs the extraction of batches somewhere and yields each batch with its results, in order."""

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        """Each batch with the results of its articles; stopping early cancels the rest."""
        ...

    def close(self) -> None:
        """Release what the executor started (processes, connections)."""
        ...


class InProcess:
    """Extraction in the calling process: the default, no cluster and no process started."""

    def __init__(self, settings: Settings) -> None:
        self._extractor = Extractor(settings)

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        """Extract each batch when the caller asks for it (lazily, one batch in memory)."""
        for batch in batches:
            yield batch, list(self._extractor.extract_many(batch.articles))

    def close(self) -> None:
        """Nothing to release."""


class OnDask:
    """Extraction on Dask workers: a local cluster of ``workers`` processes, or the one at ``scheduler``."""

    def __init__(self, settings: Settings, workers: int = 0, scheduler: str | None = None) -> None:
        import dask
        from distributed import Client, LocalCluster

        self._settings = settings
        self._cluster: LocalCluster | None = None
        # Held until close(): the client reads it, and so do workers the cluster restarts later.
        self._config = dask.config.set(CLUSTER_CONFIG)
        if scheduler is None:
            # One thread per process: spaCy holds the GIL, so threads would only take turns. The
            # preload makes each worker ignore Ctrl-C, which the terminal sends to the whole group:
            # the ingest (this process) decides when to stop, and the workers must outlive that.
            self._cluster = LocalCluster(
                n_workers=max(workers, 1),
                threads_per_worker=1,
                processes=True,
                # The scheduler serves HTTP (health checks; the dashboard if bokeh is installed) even
                # when told None, then on port 8787 of every interface: loopback and a free port
                # neither clash with another cluster nor listen beyond this machine.
                dashboard_address="127.0.0.1:0",
                preload=[__name__],
            )
            scheduler = self._cluster.scheduler_address
        try:
            self.client: Client = Client(scheduler)
        except (OSError, TimeoutError) as exc:
            self._close_cluster()
            raise ExtractionError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}). Check the address, "
                "or use --workers N for a local cluster."
            ) from exc

    @property
    def in_flight(self) -> int:
        """How many batches may be submitted and not yet taken back."""
        workers = len(self.client.scheduler_info()["workers"]) or 1
        return BATCHES_PER_WORKER * workers

    def map(self, batches: Iterable[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        """Submit batches as workers free up, and yield them back in submission order.

        A worker that dies mid-batch loses nothing: the scheduler runs its batch again elsewhere.
        A batch that fails on the cluster all the same is extracted again one article a task, so
        the article at fault is reported failed and the rest of its batch is stored.
        """
        limit = self.in_flight
        pending: deque[tuple[Batch, Future[list[Result]]]] = deque()
        try:
            for batch in batches:
                future = self.client.submit(extract_batch, self._settings, batch.articles, pure=False)
                pending.append((batch, future))
                if len(pending) >= limit:
                    yield self._take(*pending.popleft())
            while pending:
                yield self._take(*pending.popleft())
        finally:
            for _, future in pending:
                future.cancel()

    def _take(self, batch: Batch, future: Future[list[Result]]) -> tuple[Batch, list[Result]]:
        try:
            results: list[Result] = future.result()
        except Exception as exc:
            if isinstance(exc, ExtractionError | KeyboardInterrupt):
                raise
            return batch, self._one_by_one(batch, exc)
        finally:
            future.release()
        return batch, results

    def _one_by_one(self, batch: Batch, error: Exception) -> list[Result]:
        """The results of a batch that failed on the cluster, each article extracted in a task of its own.

        When every article fails again, the cluster is at fault rather than an article (it lost its
        workers, or their memory): the run stops there, with what is true about resuming.
        """
        futures = [self.client.submit(extract_batch, self._settings, [a], pure=False) for a in batch.articles]
        results: list[Result] = []
        lost = 0
        for article, future in zip(batch.articles, futures, strict=True):
            try:
                results.extend(future.result())
            except Exception as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                lost += 1
                results.append(
                    Failed(article, f"not annotated: the cluster failed on it ({type(exc).__name__}: {exc})")
                )
            finally:
                future.release()
        if len(batch.articles) > 1 and lost == len(batch.articles):
            first = batch.articles[0].origin or batch.articles[0].doc_id
            raise ExtractionError(
                f"the cluster failed on every article of the batch starting at {first} "
                f"({type(error).__name__}: {error}); the batches before it are stored, and running the "
                "same command again skips them and starts again at this batch."
            ) from error
        return results

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this executor started one."""
        self.client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
        self._config.__exit__(None, None, None)


def executor_for(settings: Settings) -> InProcess | OnDask:
    """The executor ``settings`` ask for: Dask with ``workers`` or a ``scheduler``, else this process."""
    if settings.scheduler or settings.workers > 0:
        return OnDask(settings, workers=settings.workers, scheduler=settings.scheduler)
    return InProcess(settings)


# -- on the workers ---------------------------------------------------------------------------

# One extractor per worker process and settings: its pipelines (spaCy models) load on the first
# batch and serve every later one; a task only carries the settings and its articles.
_extractors: dict[str, Extractor] = {}


def extract_batch(settings: Settings, articles: list[Article]) -> list[Result]:
    """Annotate one batch on a worker, with the process's pipelines (loaded once per process)."""
    key = settings.model_dump_json()
    extractor = _extractors.get(key)
    if extractor is None:
        extractor = _extractors[key] = Extractor(settings)
    results = list(extractor.extract_many(articles))
    _trim_heap()
    return results


def _trim_heap() -> None:
    """Hand the memory freed by a batch back to the system (glibc), once per batch.

    Without it a worker's heap creeps up batch after batch; trimming on every free instead (Dask's
    MALLOC_TRIM_THRESHOLD_) made the pipeline 15% slower. Once per batch costs a few milliseconds.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        return None
    return trim


def dask_setup(worker: object) -> None:
    """Dask preload hook, run in each worker process of a local cluster as it starts: ignore Ctrl-C."""
    with suppress(ValueError):  # raised off the worker's main thread, where there is nothing to set
        signal.signal(signal.SIGINT, signal.SIG_IGN)
