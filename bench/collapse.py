"""Network ▸ Collapse Linear Layers on realistic and hostile networks (docs/performance.md).

Run by hand (not in CI):  OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/collapse.py [--repeats 5]
Prints a markdown table: per network, the median wall time (min–max) of the collapse
(``collapse_linear``: what the Math view does at every edit), of the whole undoable edit (the collapse
and ``ReplaceNetwork``, then undo, redo and undo), the outcome, and the largest relative difference between
the outputs of the collapsed and the original network on 200 random points (``eval`` in float64).
``--no-limits`` lifts ``MAX_WORK`` (and ``MAX_HELD`` where it exists) to time what the limits refuse,
e.g. with ``PYTHONPATH`` at an older checkout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

import designer.export.collapse as collapse
from bench.benchlib import cpu_model
from designer.engine import compile_network
from designer.model import Connection, InputNode, Network, Neuron, ReplaceNetwork
from tests.export.collapse_nets import fanning_out_and_in, tiny_linear_layers
from tests.netgen import layered


def chain(length: int) -> Network:
    """One input through ``length`` linear neurons in a row (one level per neuron: the most levels)."""
    net = Network(name="chain")
    net.inputs["x"] = InputNode("x")
    previous = "x"
    for i in range(length):
        n = f"h{i}"
        net.neurons[n] = Neuron(n, "linear", bias=0.001, position=(10.0 * i, 0.0))
        net.connections[(previous, n)] = Connection(previous, n, 1.0001)
        previous = n
    net.outputs = [previous]
    return net


def cases() -> list[tuple[str, Network]]:
    linear = ["linear"] * 3
    return [
        ("784-128-64-10 linear (MNIST-sized MLP, 109,184 links)", layered([784, 128, 64, 10], linear)),
        ("784-128-64-10, relu output", layered([784, 128, 64, 10], ["linear", "linear", "relu"])),
        ("300-2-300 linear (collapses to 90,000 links)", layered([300, 2, 300], ["linear"] * 2)),
        (
            "2000 inputs, 61 linear levels of 40, 1 output (near MAX_WORK and MAX_HELD)",
            layered([2000, *[40] * 61, 1], ["linear"] * 62),
        ),
        (
            "5000 inputs, 49 linear levels of 20, 1 output (near MAX_HELD)",
            layered([5000, *[20] * 49, 1], ["linear"] * 50),
        ),
        ("chain of 9,998 linear neurons (9,998 levels)", chain(9_998)),
        ("hostile: 150 layers of 4, weights near 1e-300", tiny_linear_layers(150, 4)),
        ("hostile: 2,000 inputs → 1 → 2,000 → 1 → sigmoid", fanning_out_and_in(2000, 2000)),
        ("hostile: 450 inputs → 1 → 450 outputs (202,500 links)", fanning_out_and_in(450, 0)),
    ]


def timed(action: Callable[[], object]) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        action()
        outcome = "collapsed"
    except collapse.CollapseError as exc:
        outcome = f"refused: {exc}"
    return time.perf_counter() - start, outcome


def edit(document: Network) -> None:
    """The undoable edit as the app does it: collapse, replace, undo, redo (``document`` ends as it began)."""
    command = ReplaceNetwork(collapse.collapse_linear(document), text="collapse linear layers")
    command.do(document)
    command.undo(document)
    command.do(document)
    command.undo(document)


def difference(net: Network) -> str:
    """The largest |collapsed − original| / max|original| over 200 random points."""
    try:
        flat = collapse.collapse_linear(net)
    except collapse.CollapseError:
        return "–"
    x = np.random.default_rng(0).uniform(-1, 1, (200, len(net.inputs)))
    before, after = compile_network(net).forward(x), compile_network(flat).forward(x)
    return f"{np.max(np.abs(after - before)) / np.max(np.abs(before)):.1e}"


def cell(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} ({min(times):.3f}–{max(times):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-limits", action="store_true", help="lift MAX_WORK and MAX_HELD")
    parser.add_argument("--only", default="", help="the networks whose label contains this text")
    args = parser.parse_args()
    if args.no_limits:
        collapse.MAX_WORK = 10**15
        if hasattr(collapse, "MAX_HELD"):
            collapse.MAX_HELD = 10**15
    model, _ = cpu_model()
    load = " ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    print(f"{model}, {os.cpu_count()} cores, load average {load}")
    print(f"MAX_WORK {collapse.MAX_WORK:,}, MAX_HELD {getattr(collapse, 'MAX_HELD', '–')}")
    print("| network | collapse (s) | collapse + replace + undo + redo + undo (s) | outcome | max rel. diff |")
    print("| --- | ---: | ---: | --- | ---: |")
    for label, net in cases():
        if args.only not in label:
            continue
        runs = [timed(lambda net=net: collapse.collapse_linear(net)) for _ in range(args.repeats)]
        document = net.copy()
        edits = [timed(lambda document=document: edit(document)) for _ in range(args.repeats)]
        outcome = runs[0][1]
        print(
            f"| {label} | {cell([t for t, _ in runs])} | {cell([t for t, _ in edits])} | {outcome} | "
            f"{difference(net)} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
