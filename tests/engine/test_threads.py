"""BLAS threading: the app caps numpy's BLAS at the chosen number of threads, whatever the environment."""

import os

import pytest

from tests.conftest import run_python_with_default_threads


def _blas_threads_after(code: str) -> str:
    script = f"from designer.engine.threads import blas_threads, limit_blas_threads\n{code}\nprint(blas_threads())"
    result = run_python_with_default_threads(script)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_limit_caps_every_blas_pool():
    check = "pools = limit_blas_threads(1)\nassert pools and all(p['num_threads'] == 1 for p in pools)"
    assert _blas_threads_after(check) == "1"


def test_the_app_setting_is_what_the_benchmark_chose():
    from designer.engine.threads import APP_BLAS_THREADS

    assert _blas_threads_after("limit_blas_threads()") == str(APP_BLAS_THREADS)


def test_numpy_loads_with_the_app_threads_and_the_environment_is_given_back():
    check = (
        "import os, subprocess, sys\n"
        "from designer.engine.threads import import_numpy_with_app_threads, THREAD_VARIABLES\n"
        "import_numpy_with_app_threads()\n"
        "assert not [v for v in THREAD_VARIABLES if v in os.environ], os.environ\n"
        "child = 'import os; print(sorted(k for k in os.environ if k.endswith(\"_NUM_THREADS\")))'\n"
        "assert subprocess.run([sys.executable, '-c', child], capture_output=True, text=True).stdout.strip() == '[]'"
    )
    assert _blas_threads_after(check) == "1"  # started at one thread, no threadpoolctl call needed


def test_a_thread_count_the_user_set_is_kept():
    script = (
        "import os\nfrom designer.engine.threads import blas_threads, import_numpy_with_app_threads\n"
        "import_numpy_with_app_threads()\nprint(os.environ['OPENBLAS_NUM_THREADS'], blas_threads())"
    )
    result = run_python_with_default_threads(script, OPENBLAS_NUM_THREADS="2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", str(min(2, os.cpu_count() or 1))]


def test_thread_variables_are_set_for_the_block_only_and_a_users_value_is_kept(monkeypatch):
    """In-process (mutation testing sees it): what the subprocess tests above rely on."""
    from designer.engine.threads import THREAD_VARIABLES, thread_variables

    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    with thread_variables(1) as added:
        assert added == ["OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"]
        assert [os.environ.get(name) for name in THREAD_VARIABLES] == ["1", "3", "1"]
    assert [os.environ.get(name) for name in THREAD_VARIABLES] == [None, "3", None]


def test_with_numpy_loaded_the_environment_is_not_touched(monkeypatch):
    import numpy  # noqa: F401  (loaded, as in any process that ran the engine)

    from designer.engine import threads

    monkeypatch.setattr(threads, "thread_variables", lambda limit: pytest.fail("numpy is loaded already"))
    threads.import_numpy_with_app_threads()


def test_blas_threads_reads_the_blas_pools():
    from threadpoolctl import threadpool_limits

    from designer.engine.threads import blas_threads

    with threadpool_limits(limits=1, user_api="blas"):
        assert blas_threads() == 1
    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() == min(2, os.cpu_count() or 1)
