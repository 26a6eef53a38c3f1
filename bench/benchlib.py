"""What every benchmark here shares: the machine record, interleaved rounds, the CPU dispatch
level, and output as markdown or one JSON object per figure set.

Measuring on a busy 2-core machine: every contender runs in the same process, round after round
(A B C A B C …), so load that comes and goes hits them all alike; each figure is the median of the
rounds with their min–max. Rates are taken on the thread's CPU clock by default (``--clock cpu``):
every contender computes on the calling thread only (one BLAS thread, ``torch.set_num_threads(1)``),
so CPU time is its cost, without the time other processes held the core; ``--clock wall`` is there
to check that on a quiet machine.

AVX2 machines (most school laptops) are emulated on an AVX-512 CPU by switching every library to its
AVX2 code before it loads: numpy's dispatch (NPY_DISABLE_CPU_FEATURES), OpenBLAS's kernels
(OPENBLAS_CORETYPE=Haswell), PyTorch's (ATEN_CPU_CAPABILITY=avx2) and MKL's / oneDNN's. A script
re-runs itself in a child process with that environment (``--dispatch avx2`` or ``both``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
#: numpy ≥ 2.4 groups AVX-512 as X86_V4 (+ AVX512_ICL, AVX512_SPR); older numpy names the parts.
_NUMPY_AVX512 = "X86_V4 AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL AVX512_SPR"
AVX2_ENV = {
    "NPY_DISABLE_CPU_FEATURES": _NUMPY_AVX512,
    "OPENBLAS_CORETYPE": "Haswell",
    "ATEN_CPU_CAPABILITY": "avx2",
    "MKL_ENABLE_INSTRUCTIONS": "AVX2",
    "ONEDNN_MAX_CPU_ISA": "AVX2",
    "DNNL_MAX_CPU_ISA": "AVX2",
}
DISPATCH_ENV = {"full": {}, "avx2": AVX2_ENV}


def fresh_settings() -> str:
    """Point the app's settings at a new empty folder (``XDG_CONFIG_HOME``; child processes inherit it):
    a window laid out from the user's saved settings (docks left open by an earlier session) measured
    27.8 frames per second where the app's first-start layout gives 62 (2-64-64-1, 2026-12-02)."""
    import tempfile

    folder = tempfile.mkdtemp(prefix="nn-designer-bench-settings-")
    os.environ["XDG_CONFIG_HOME"] = folder
    return folder


def add_common_options(parser: argparse.ArgumentParser, rounds: int = 7) -> None:
    parser.add_argument("--rounds", type=int, default=rounds, help=f"interleaved rounds, ≥ 5 (default {rounds})")
    parser.add_argument("--seconds", type=float, default=0.2, help="time per contender per round (default 0.2)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="thread CPU time (default) or wall")
    parser.add_argument("--json", action="store_true", help="one JSON object per figure set instead of markdown")
    parser.add_argument(
        "--dispatch",
        choices=("current", "full", "avx2", "both"),
        default="both",
        help="CPU code paths: as found (full), AVX2 emulated, or both in turn (default); "
        "'current' measures in this process whatever its environment is",
    )
    parser.add_argument("--level-name", default="current", help=argparse.SUPPRESS)


def clock(kind: str) -> Callable[[], float]:
    return time.thread_time if kind == "cpu" else time.perf_counter


def rate(step: Callable[[], object], seconds: float, now: Callable[[], float], batch: int = 1) -> float:
    """Calls per second of ``step`` over about ``seconds`` of the given clock (after two warm-up calls)."""
    step()
    step()
    n, start = 0, now()
    while True:
        for _ in range(batch):
            step()
        n += batch
        elapsed = now() - start
        if elapsed >= seconds:
            return n / elapsed
        if n >= 8 and elapsed < seconds / 8:
            batch *= 2  # fewer clock reads for very fast steps


def interleaved(contenders: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    """Each contender's measurement, once per round, in turn (A B C A B C …)."""
    results: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, measure in contenders.items():
            results[name].append(measure())
    return results


def spread(values: Iterable[float]) -> dict[str, float]:
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def cell(s: dict[str, float] | None, fmt: str = ",.0f") -> str:
    """``median (min–max)`` for a table."""
    if not s:
        return "–"
    return f"{s['median']:{fmt}} ({s['min']:{fmt}}–{s['max']:{fmt}})"


def cpu_model() -> tuple[str, list[str]]:
    """The CPU's model (name, family, model number) and its vector-extension flags, from /proc/cpuinfo."""
    try:
        first = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").split("\n\n")[0]
    except OSError:
        return platform.processor() or platform.machine(), []
    info = {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in first.splitlines())}
    model = f"{info.get('model name', platform.machine())} (family {info.get('cpu family')}, model {info.get('model')})"
    wanted = ("avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512_fp16", "amx_tile")
    return model, [f for f in info.get("flags", "").split() if f in wanted]


def machine(clock_kind: str, dispatch: str) -> dict[str, Any]:
    """Everything a figure depends on: CPU, libraries, their code paths and thread counts."""
    import numpy as np

    model, flags = cpu_model()
    record: dict[str, Any] = {
        "cpu": model,
        "cpu_flags": flags,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "dispatch": dispatch,
        "clock": clock_kind,
        "load_average": [round(v, 2) for v in os.getloadavg()] if hasattr(os, "getloadavg") else None,
        "env": {k: os.environ[k] for k in (*ONE_THREAD, *AVX2_ENV) if k in os.environ},
    }
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

        record["numpy_simd"] = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    except ImportError:  # pragma: no cover - numpy moved its private names
        record["numpy_simd"] = None
    try:
        from threadpoolctl import threadpool_info

        record["blas"] = [
            {k: p.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for p in threadpool_info()
            if p.get("user_api") == "blas"
        ]
    except ImportError:
        record["blas"] = None
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        record["torch"] = torch.__version__
        record["torch_cpu"] = torch.backends.cpu.get_cpu_capability()
        record["torch_threads"] = torch.get_num_threads()
    return record


def _threads(n: int) -> str:
    return f"{n} thread" + ("" if n == 1 else "s")


def describe(m: dict[str, Any]) -> str:
    """The machine record as one markdown paragraph."""
    pools = m.get("blas") or []
    blas = ", ".join(
        f"{b['internal_api']} {b['version']} ({b['architecture']}, {_threads(b['num_threads'])})" for b in pools
    )
    torch = f"; torch {m['torch']} ({m['torch_cpu']}, {_threads(m['torch_threads'])})" if m.get("torch") else ""
    return (
        f"{m['cpu']}, {m['cores']} cores, flags {' '.join(m['cpu_flags'])}; Python {m['python']}, numpy {m['numpy']} "
        f"(dispatch: {m['dispatch']}, SIMD in use {'/'.join(m['numpy_simd'] or []) or 'baseline only'}); "
        f"BLAS {blas}{torch}; clock: {m['clock']}; load average {' '.join(map(str, m['load_average'] or ['?']))}"
    )


def section(title: str, machine_record: dict[str, Any], columns: list[str], text_columns: int = 1) -> list[str]:
    """Markdown lines opening a figure set: its title, the machine, and a table header whose first
    ``text_columns`` columns are text and the rest right-aligned numbers."""
    aligns = ["---"] * text_columns + ["---:"] * (len(columns) - text_columns)
    return [f"### {title}", "", describe(machine_record), "", f"| {' | '.join(columns)} |", f"| {' | '.join(aligns)} |"]


def emit(figure_set: dict[str, Any], as_json: bool, markdown: Callable[[dict[str, Any]], str]) -> None:
    if as_json:
        print(json.dumps(figure_set), flush=True)
    else:
        print(markdown(figure_set), flush=True)


def _without(argv: list[str], flag: str, option: str) -> list[str]:
    """``argv`` less ``flag`` and less ``option`` with its value."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif arg != flag and not arg.startswith(option + "="):
            out.append(arg)
    return out


def command_line() -> str:
    """The command that produced a figure (the parent's, when a dispatch level runs in a child)."""
    return os.environ.get("NN_BENCH_COMMAND") or " ".join(["python", *sys.argv])


def run_dispatch_levels(script: Path, argv: list[str], dispatch: str, one_thread: bool = True) -> list[dict[str, Any]]:
    """Re-run ``script`` once per dispatch level in a child with the right environment; their figure sets.

    ``one_thread``: BLAS and OpenMP on one thread (else numpy's default, one per core).
    """
    levels = ("full", "avx2") if dispatch == "both" else (dispatch,)
    sets = []
    for level in levels:
        env = {k: v for k, v in os.environ.items() if k not in AVX2_ENV and k not in ONE_THREAD}
        env["NN_BENCH_COMMAND"] = command_line()
        if one_thread:
            env.update(ONE_THREAD)
        env.update(DISPATCH_ENV[level])
        child_argv = _without(argv, "--json", "--dispatch")
        cmd = [sys.executable, str(script), *child_argv, "--dispatch", "current", "--json", "--level-name", level]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            sys.stderr.write(result.stderr)
            raise SystemExit(f"{script.name}: the {level} run failed")
        sets.extend(json.loads(line) for line in result.stdout.splitlines() if line.startswith("{"))
    return sets
