"""Thread counts for the numeric libraries, set once per process.

torch, OpenMP, BLAS and ONNX Runtime each start as many threads as the machine has
cores. Extraction scales out over processes (``nlp.pipe(n_process=...)``) and Dask
workers instead, so every one of them spreading over every core oversubscribes the
machine: with one other busy process, extraction ran 7x slower. Each process
therefore runs ``threads()`` threads (``COUNTERCLAIM_THREADS``, default 1).
"""

from __future__ import annotations

import os
import sys

ENV_VARS = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")


def threads() -> int:
    """Threads per process for numeric work (``COUNTERCLAIM_THREADS``, default 1)."""
    try:
        return max(1, int(os.environ.get("COUNTERCLAIM_THREADS", "1")))
    except ValueError:
        return 1


def limit_threads(n: int | None = None) -> int:
    """Cap torch, OpenMP and BLAS in this process (and the processes it starts) at ``n`` threads."""
    n = n or threads()
    for var in ENV_VARS:
        os.environ.setdefault(var, str(n))
    if "torch" in sys.modules or _importable("torch"):
        import torch

        if torch.get_num_threads() != n:
            torch.set_num_threads(n)
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a dependency of scikit-learn, always here
        return n
    threadpool_limits(n)
    return n


def _importable(name: str) -> bool:
    from importlib.util import find_spec

    return find_spec(name) is not None
