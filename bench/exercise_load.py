"""Loading exercise files at the work limit (issue 12: within the limits, every file loads in ≤ 2 s).

Run by hand (not in CI):  OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/exercise_load.py [--repeats 3]
Prints a markdown table for docs/performance.md: the median load time of files that use the whole
work budget (``designer.exercises.targets.MAX_WORK``) with the slowest operations (sin and %), and
the time to refuse issue 12's 219-second file.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from designer.exercises import ExerciseError, parse_exercise
from designer.exercises.expressions import compiled
from designer.exercises.targets import MAX_WORK, probe_offsets
from tests.reliability.hostile_exercises import balanced_sum, exercise, the_219_second_file


def slow_expression(ids: list[str], cost: int) -> str:
    """Terms ``sin(a)%b`` (the slowest operations, about 40 ns per value) up to ``cost`` nodes."""
    terms: list[str] = []
    while True:
        term = f"sin({ids[len(terms) % len(ids)]})%{ids[(len(terms) + 1) % len(ids)]}"
        candidate = balanced_sum([*terms, term])
        if compiled(candidate, tuple(ids)).cost > cost:
            return balanced_sum(terms)
        terms.append(term)


def case(kind: str, n_inputs: int, points: int, margin: float) -> tuple[str, bytes]:
    ids = [f"x{i + 1}" for i in range(n_inputs)]
    probes = len(probe_offsets(n_inputs, margin)) if margin else 0
    text = slow_expression(ids, MAX_WORK // (points * (1 + probes)) - 2)
    if kind == "region":
        text = f"({text}) < 1"
    label = f"{kind}, {n_inputs} inputs, {points:,} points" + (f", margin ({probes} probes)" if margin else "")
    return label, json.dumps(exercise(n_inputs, [text], points, kind, margin)).encode()


def timed(data: bytes) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        parse_exercise(data)
        outcome = "loads"
    except ExerciseError as exc:
        outcome = f"refused: {str(exc)[:60]}…"
    return time.perf_counter() - start, outcome


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    cases = [
        case("function", 1, 100_000, 0.0),
        case("function", 16, 100_000, 0.0),
        case("region", 2, 5_000, 0.01),
        case("region", 16, 3_000, 0.01),
        ("issue 12's file: 16 inputs, 16 × 2,000-character targets, 100,000 points", the_219_second_file()),
    ]
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}, MAX_WORK {MAX_WORK:.0e}")
    print("| exercise file | load time (median) | result |")
    print("| --- | --- | --- |")
    for label, data in cases:
        runs = [timed(data) for _ in range(args.repeats)]
        print(f"| {label} | {statistics.median(t for t, _ in runs):.2f} s | {runs[0][1]} |")


if __name__ == "__main__":
    main()
