"""Loss landscape speed: a 60×60 grid on 2-8-8-1 with 250 points (issue 17: ≤ 100 ms), in one run
with its baseline (setting the two values and running the engine's forward pass + loss per grid point).

Run by hand (not in CI):  OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/landscape.py [--repeats 7]
Prints a markdown table for docs/performance.md: milliseconds per landscape, medians of --repeats,
contenders interleaved.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from engine import layered

from designer.engine import Workspace, compile_network, make_dataset, randomize
from designer.engine.landscape import Parameter, loss_landscape, parameter_index

#: (label, parameters): the deeper the first chosen parameter, the less there is to recompute.
CASES = (
    ("two first-layer weights (different neurons)", ("w:x0->h1_0", "w:x1->h1_1")),
    ("weight and bias of one first-layer neuron", ("w:x0->h1_0", "b:h1_0")),
    ("second-layer weight and bias", ("w:h1_0->h2_0", "b:h2_3")),
    ("output weight and bias", ("w:h2_0->y0", "b:y0")),
)


def direct(net, x, y, loss, parameters, axes) -> np.ndarray:
    """The baseline: per grid point, set the values and run forward + loss (one reused workspace)."""
    ws = Workspace(net, len(x), loss)
    ws.inputs[...] = x.T
    yt = np.ascontiguousarray(y.T)
    index = [parameter_index(net, p) for p in parameters]
    saved = net.theta.copy()
    out = np.empty((len(axes[0]), len(axes[1])))
    for i, u in enumerate(axes[0]):
        for j, v in enumerate(axes[1]):
            net.theta[index[0]], net.theta[index[1]] = u, v
            ws.forward()
            out[i, j] = ws.loss_and_output_grad(yt)
    net.theta[:] = saved
    return out


def contenders(net, x, y, parameters, axes) -> dict[str, Callable[[], object]]:
    return {
        "f32": lambda: loss_landscape(net, x, y, "cross_entropy", parameters, axes),
        "f64": lambda: loss_landscape(net, x, y, "cross_entropy", parameters, axes, dtype=np.float64),
        "direct": lambda: direct(net, x, y, "cross_entropy", parameters, axes),
    }


def timed_ms(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call. On a shared machine the CPU time of this one thread is
    what the call costs; the wall time adds whatever else ran."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return 1000 * (time.perf_counter() - wall), 1000 * (time.process_time() - cpu)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    ds = make_dataset("circle", n=500, seed=1)
    x, y = ds.x_train, ds.y_train  # 250 points
    axes = [np.linspace(-3, 3, 60), np.linspace(-3, 3, 60)]
    print(f"CPU: {cpu_name()}, {os.cpu_count()} cores; Python {platform.python_version()}, numpy {np.__version__}")
    print(f"{len(x)} points, 60×60 grid, cross-entropy; median of {args.repeats} runs, ms of CPU (wall)\n")
    print("| 2-8-8-1 | parameters | landscape f32 | landscape f64 | baseline: 3,600 forward passes | speed-up (f32) |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for mixed in (False, True):
        net = compile_network(layered([2, 8, 8, 1], mixed))
        randomize(net, 3)
        for label, ids in CASES:
            parameters = [Parameter.parse(text) for text in ids]
            runs = contenders(net, x, y, parameters, axes)
            for fn in runs.values():
                fn()  # warm-up
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
            for _ in range(args.repeats):  # interleaved: the machine's noise hits every contender alike
                for name, fn in runs.items():
                    times[name].append(timed_ms(fn))
            wall = {name: statistics.median(t[0] for t in times[name]) for name in runs}
            cpu = {name: statistics.median(t[1] for t in times[name]) for name in runs}
            cells = [f"{cpu[n]:.1f} ({wall[n]:.1f})" for n in ("f32", "f64")] + [
                f"{cpu['direct']:.0f} ({wall['direct']:.0f})"
            ]
            kind = "mixed" if mixed else "tanh"
            print(f"| {kind} | {label} | {' | '.join(cells)} | {cpu['direct'] / cpu['f32']:.0f}× |")


if __name__ == "__main__":
    main()
