"""BLAS threading: the app caps numpy's BLAS at the chosen number of threads, whatever the environment."""

import os
import subprocess
import sys

from tests.conftest import ROOT


def _blas_threads_after(code: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}  # numpy's default: a thread per core
    script = f"from designer.engine.threads import blas_threads, limit_blas_threads\n{code}\nprint(blas_threads())"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, env=env, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_limit_caps_every_blas_pool():
    check = "pools = limit_blas_threads(1)\nassert pools and all(p['num_threads'] == 1 for p in pools)"
    assert _blas_threads_after(check) == "1"


def test_the_app_setting_is_what_the_benchmark_chose():
    from designer.engine.threads import APP_BLAS_THREADS

    assert _blas_threads_after("limit_blas_threads()") == str(APP_BLAS_THREADS)
