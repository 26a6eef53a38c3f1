"""Cost of the missing-link guard (engine/masked.py), run by hand, not in CI:

    OPENBLAS_NUM_THREADS=1 .venv/bin/python bench/masked_links.py

The same compiled networks with the guard on (levels carry their ``present`` maps: one NaN check per
pass) and off (``present`` = None: the plain products as before), interleaved, 11 rounds, the median
ratio of rates: training steps per second (SGD + MSE on 1000 points) and 200 × 200 grid evaluations.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib
import numpy as np

from designer.engine import Trainer, TrainingSettings, compile_network, randomize
from tests.netgen import layered, random_dag


def _compiled(net, dtype, guard: bool):
    compiled = compile_network(net, dtype)
    if not guard:
        for level in compiled.levels:
            level.present = None
    return compiled


def stepper(net, dtype, batch, guard: bool):
    compiled = _compiled(net, dtype, guard)
    randomize(compiled, 0)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(1000, 2)), rng.normal(size=(1000, 1))
    settings = TrainingSettings(loss="mse", optimizer="sgd", learning_rate=1e-3, batch_size=batch, seed=0)
    return Trainer(compiled, x, y, settings).step


def grid(net, guard: bool):
    compiled = _compiled(net, np.float32, guard)
    axis = np.linspace(-3, 3, 200)
    x = np.stack(np.meshgrid(axis, axis), -1).reshape(-1, 2)
    return lambda: compiled.forward_all(x, copy=False)


def main() -> None:
    now = benchlib.clock("cpu")
    nets = [
        ("dag 2-12h-1 (skip links)", random_dag(3, n_hidden=12)),
        ("dag 2-40h-1 (skip links)", random_dag(5, n_hidden=40, density=0.3)),
        ("2-8-8-1 layered (dense)", layered([2, 8, 8, 1], ["tanh", "tanh", "sigmoid"])),
    ]
    for name, net in nets:
        levels = compile_network(net).levels
        print(f"{name}: {sum(lv.present is not None for lv in levels)}/{len(levels)} levels with missing links")
        cases = [
            ("train f32 batch 10", lambda g, net=net: stepper(net, np.float32, 10, g)),
            ("train f64 full batch", lambda g, net=net: stepper(net, np.float64, None, g)),
            ("grid 200x200 f32", lambda g, net=net: grid(net, g)),
        ]
        for label, make in cases:
            on, off = make(True), make(False)
            rates = benchlib.interleaved(
                {
                    "on": lambda on=on: benchlib.rate(on, 0.15, now),
                    "off": lambda off=off: benchlib.rate(off, 0.15, now),
                },
                11,
            )
            ratio = statistics.median(a / b for a, b in zip(rates["on"], rates["off"], strict=True))
            print(
                f"  {label}: on {statistics.median(rates['on']):,.0f}/s, off {statistics.median(rates['off']):,.0f}/s, "
                f"on/off {ratio:.3f}"
            )


if __name__ == "__main__":
    main()
