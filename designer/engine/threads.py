"""How many threads numpy's BLAS may use in the app, decided once at start (no Qt here).

numpy's OpenBLAS starts one thread per core. In the app the GUI thread trains, evaluates the
maps and paints, one after the other, while the display server needs a core too: on a 2-core
machine a second BLAS thread takes that core and the live sizes gain nothing from it.
``bench/threads.py`` measured 3-7× more frames with one BLAS thread than with two, with and
without a busy GUI-like thread beside the training (docs/performance.md).

threadpoolctl (a dependency) is the maintained way to change the limit after numpy is loaded.
Before that, the limit can be set where BLAS reads it: :func:`import_numpy_with_app_threads` loads
numpy with the thread variables set for the moment of the import only. That matters at launch: an
OpenBLAS started with two threads burns about 0.1 s of CPU in its second thread while the app is
still importing (docs/performance.md, Live views); afterwards threadpoolctl would cap it anyway.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: BLAS threads for the app's process (see bench/threads.py and docs/performance.md).
APP_BLAS_THREADS = 1


#: What BLAS libraries read when they load: OpenBLAS, and the OpenMP and MKL builds of numpy.
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def import_numpy_with_app_threads(limit: int = APP_BLAS_THREADS) -> None:
    """Load numpy with its BLAS started at ``limit`` threads, unless numpy is loaded already.

    Only variables the user has not set are set, and only during the import: processes the app
    starts later get the environment the app was given.
    """
    if "numpy" in sys.modules:
        return
    with thread_variables(limit):
        import numpy  # noqa: F401


@contextmanager
def thread_variables(limit: int) -> Iterator[list[str]]:
    """The BLAS thread variables the user has not set, set to ``limit`` for the ``with`` block only."""
    added = [name for name in THREAD_VARIABLES if name not in os.environ]
    os.environ.update(dict.fromkeys(added, str(limit)))
    try:
        yield added
    finally:
        for name in added:
            os.environ.pop(name, None)


def limit_blas_threads(limit: int = APP_BLAS_THREADS) -> list[dict[str, Any]]:
    """Cap every loaded BLAS library at ``limit`` threads for the rest of the process.

    Returns threadpoolctl's description of the BLAS pools afterwards (for logs and tests).
    """
    import numpy  # noqa: F401  (loads numpy's BLAS, so its pool exists to be limited)
    from threadpoolctl import threadpool_info, threadpool_limits

    threadpool_limits(limits=limit, user_api="blas")
    return [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]


def blas_threads() -> int:
    """Threads the loaded BLAS libraries may use now (the largest, if there are several)."""
    import numpy  # noqa: F401
    from threadpoolctl import threadpool_info

    return max((pool["num_threads"] for pool in threadpool_info() if pool.get("user_api") == "blas"), default=1)
