"""How many threads numpy's BLAS may use in the app, decided once at start (no Qt here).

numpy's OpenBLAS starts one thread per core. In the app the GUI thread trains, evaluates the
maps and paints, one after the other, while the display server needs a core too: on a 2-core
machine a second BLAS thread takes that core and the live sizes gain nothing from it.
``bench/threads.py`` measured 3-7× more frames with one BLAS thread than with two, with and
without a busy GUI-like thread beside the training (docs/performance.md).

threadpoolctl (a dependency) is the maintained way to change the limit after numpy is loaded:
environment variables such as OPENBLAS_NUM_THREADS only work before, and would leak into every
process the app starts.
"""

from __future__ import annotations

from typing import Any

#: BLAS threads for the app's process (see bench/threads.py and docs/performance.md).
APP_BLAS_THREADS = 1


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
