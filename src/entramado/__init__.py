"""entramado: from news articles to a sourced, time-aware map of political networks."""

import os

__version__ = "0.1.0"

# spaCy's CPU models multiply small matrices, where BLAS worker threads only spin against the
# pipeline (and against the Dask workers, one per core): with one thread the pipeline ran 18 articles/s
# instead of 13-15 on 2 cores (benchmarks/README.md). Read by OpenBLAS when numpy loads, so it is set
# here, before anything imports numpy; a value the user exported wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
