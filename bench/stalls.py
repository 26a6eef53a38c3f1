"""How often this machine stops the process for a while: the stalls a frame rate has to live with.

Run by hand (not in CI):
    .venv/bin/python bench/stalls.py [--seconds 5] [--json]

Repeats one fixed piece of numpy work (200 products of 64 × 64 matrices, one BLAS thread, about
2 ms) for ``--seconds`` and reports, on the wall clock, the median piece, the 99th percentile, the
longest, and how many pieces a second took more than twice the median. On a quiet desktop CPU the
pieces hardly vary; a virtual machine or a busy laptop stalls now and then, and every stall that
lands in a frame of live training makes that frame late (docs/performance.md, Live views).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib


def pieces(seconds: float) -> list[float]:
    """Wall seconds of each piece of fixed work, for ``seconds``."""
    import numpy as np

    a = np.random.default_rng(0).random((64, 64))
    out = np.empty_like(a)
    times = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        for _ in range(200):
            np.matmul(a, a, out=out)
        times.append(time.perf_counter() - start)
    return times


def figures(times: list[float], seconds: float) -> dict[str, float]:
    ordered = sorted(times)
    median = statistics.median(ordered)
    return {
        "median_ms": median * 1e3,
        "p99_ms": ordered[int(0.99 * (len(ordered) - 1))] * 1e3,
        "longest_ms": ordered[-1] * 1e3,
        "over_twice_median_per_s": sum(t > 2 * median for t in ordered) / seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    for name, value in benchlib.ONE_THREAD.items():  # before numpy loads
        os.environ.setdefault(name, value)
    times = pieces(args.seconds)
    result = {"set": "stalls", "machine": benchlib.machine("wall", "current"), **figures(times, args.seconds)}
    if args.json:
        print(json.dumps(result))
        return
    print(benchlib.describe(result["machine"]))
    print(
        "piece of work: median {median_ms:.2f} ms, 99th percentile {p99_ms:.2f} ms, longest {longest_ms:.1f} ms; "
        "{over_twice_median_per_s:.1f} pieces a second took more than twice the median".format(**result)
    )


if __name__ == "__main__":
    main()
