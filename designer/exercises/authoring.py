"""How the built-in reference solutions that are not written by hand were computed.

These ran once; their results are stored in designer/resources/exercises/*.json (the files are the
source of truth). Kept so the numbers can be reproduced and new exercises built the same way:

    python -m designer.exercises.authoring approx-sin|disk|linear-collapse|spiral

prints the network document.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from designer.engine import Trainer, TrainingSettings, compile_network, make_dataset, randomize
from designer.model import Network, SetValues
from designer.model.fileformat import network_from_document, to_document

#: (id, activation, bias, {source: weight})
NeuronSpec = tuple[str, str, float, Mapping[str, float]]


def network(name: str, inputs: Sequence[str], neurons: Sequence[NeuronSpec], outputs: Sequence[str]) -> Network:
    """A network from a compact description; nodes are placed by layer."""
    doc: dict[str, Any] = {
        "format": "nn-designer",
        "version": 1,
        "name": name,
        "inputs": [{"id": i} for i in inputs],
        "neurons": [{"id": n, "activation": a, "bias": float(b)} for n, a, b, _ in neurons],
        "connections": [
            {"source": s, "target": n, "weight": float(w)} for n, _, _, ws in neurons for s, w in ws.items()
        ],
        "outputs": list(outputs),
    }
    return network_from_document(doc)


def sin_relu(n_hidden: int = 12) -> Network:
    """sin on [0, 2π] as the piecewise-linear interpolation through n_hidden + 1 knots.

    y = Σ c_k relu(x - t_k): c_0 is the first segment's slope, c_k the change of slope at t_k.
    Interpolation error ≤ h²/8 · max|sin''| = h²/8 (0.034 for 12 units).
    """
    knots = np.linspace(0.0, 2 * math.pi, n_hidden + 1)
    slopes = np.diff(np.sin(knots)) / np.diff(knots)
    coefficients = np.diff(slopes, prepend=0.0)
    hidden: list[NeuronSpec] = [(f"h{k + 1}", "relu", -knots[k], {"x": 1.0}) for k in range(n_hidden)]
    out: NeuronSpec = ("y", "linear", 0.0, {f"h{k + 1}": coefficients[k] for k in range(n_hidden)})
    return network("sin from 12 ReLUs", ["x"], [*hidden, out], ["y"])


def sin_staircase(n_steps: int = 12, slack: float = 0.002) -> Network:
    """sin on [0, 2π] as a staircase of ``n_steps`` step units with the smallest max error.

    Greedy on a fine grid: each stair covers as much of the curve as a band of height 2e allows
    and sits at the band's middle; e is found by bisection (for 12 steps it is 0.142, close to the
    bound 2/(n+2)), then widened by ``slack`` so the jumps need not sit exactly on the grid.
    """
    x = np.linspace(0.0, 2 * math.pi, 200_001)
    y = np.sin(x)

    def stairs(e: float) -> list[tuple[float, float]]:  # (start x, level)
        found, i = [], 0
        while i < len(y):
            lo = np.minimum.accumulate(y[i:])
            hi = np.maximum.accumulate(y[i:])
            fits = hi - lo <= 2 * e
            length = len(fits) if fits.all() else int(np.argmin(fits))
            found.append((float(x[i]), float((lo[length - 1] + hi[length - 1]) / 2)))
            i += length
        return found

    low, high = 0.0, 1.0
    for _ in range(40):
        mid = (low + high) / 2
        low, high = (low, mid) if len(stairs(mid)) <= n_steps + 1 else (mid, high)
    found = stairs(high + slack)
    hidden: list[NeuronSpec] = [(f"s{k}", "step", -start, {"x": 1.0}) for k, (start, _) in enumerate(found) if k]
    jumps = {f"s{k}": found[k][1] - found[k - 1][1] for k in range(1, len(found))}
    out: NeuronSpec = ("y", "linear", found[0][1], jumps)
    return network(f"sin as a staircase of {len(hidden)} steps", ["x"], [*hidden, out], ["y"])


def disk_octagon(radius: float = 2.0, sides: int = 8) -> Network:
    """The disk x1² + x2² < r² as the intersection (AND) of ``sides`` half-planes.

    The octagon's apothem is halfway between the inscribed (r cos(π/n)) and circumscribed (r) one,
    so it cuts the circle in both directions and misclassifies only thin slivers.
    """
    apothem = radius * (1 + math.cos(math.pi / sides)) / 2
    hidden: list[NeuronSpec] = []
    for k in range(sides):
        angle = 2 * math.pi * k / sides
        weights = {"x1": -round(math.cos(angle), 12) + 0.0, "x2": -round(math.sin(angle), 12) + 0.0}
        hidden.append((f"h{k + 1}", "step", apothem, weights))
    out: NeuronSpec = ("y", "step", -(sides - 0.5), {f"h{k + 1}": 1.0 for k in range(sides)})
    return network("disk as an octagon", ["x1", "x2"], [*hidden, out], ["y"])


def collapse(given: Network) -> Network:
    """The single linear layer computing the same function as an all-linear ``given`` network.

    Read off the engine: bias = f(0), weight_i = f(e_i) - f(0).
    """
    ids = list(given.inputs)
    points = np.vstack([np.zeros(len(ids)), np.eye(len(ids))])
    values = compile_network(given).forward(points)
    neurons: list[NeuronSpec] = []
    for j, out_id in enumerate(given.outputs):
        base = float(values[0, j])
        neurons.append((out_id, "linear", base, {i: float(values[k + 1, j]) - base for k, i in enumerate(ids)}))
    return network("one linear layer", ids, neurons, given.outputs)


def linear_given() -> Network:
    """The 3-layer all-linear network of ``linear-collapse`` (it computes y = 7·x1 − 5·x2 + 6)."""
    lin = "linear"
    return network(
        "three linear layers",
        ["x1", "x2"],
        [
            ("h1", lin, 1.0, {"x1": 1.0, "x2": 2.0}),
            ("h2", lin, -0.5, {"x1": -1.0, "x2": 1.0}),
            ("h3", lin, 0.0, {"x1": 0.5, "x2": -1.0}),
            ("g1", lin, 0.5, {"h1": 1.0, "h2": -1.0, "h3": 2.0}),
            ("g2", lin, -1.0, {"h1": 0.5, "h2": 1.0, "h3": -1.0}),
            ("y", lin, 1.0, {"g1": 2.0, "g2": -1.0}),
        ],
        ["y"],
    )


def spiral(seed: int = 6, epochs: int = 3000) -> Network:
    """A 2-8-8-1 tanh/sigmoid network trained with the engine on the spiral exercise's training split."""
    ds = make_dataset("spiral", n=500, noise=0.0, seed=0, train_ratio=0.5)
    ids = ["x1", "x2"]
    layer1 = [f"a{j + 1}" for j in range(8)]
    layer2 = [f"b{j + 1}" for j in range(8)]
    neurons: list[NeuronSpec] = [(n, "tanh", 0.0, dict.fromkeys(ids, 0.0)) for n in layer1]
    neurons += [(n, "tanh", 0.0, dict.fromkeys(layer1, 0.0)) for n in layer2]
    neurons.append(("y", "sigmoid", 0.0, dict.fromkeys(layer2, 0.0)))
    net = network("spiral, trained", ids, neurons, ["y"])
    compiled = compile_network(net)
    randomize(compiled, seed)
    settings = TrainingSettings(loss="cross_entropy", optimizer="adam", learning_rate=0.03, seed=seed)
    trainer = Trainer(compiled, ds.x_train, ds.y_train, settings)
    for result in trainer.iterate(epochs):
        if result.diverged:
            raise RuntimeError(result.message)
    weights, biases = compiled.trainable_values()
    SetValues(weights, biases).do(net)
    return net


def main(argv: Sequence[str] | None = None) -> int:
    builders = {
        "approx-sin": sin_relu,
        "approx-sin-steps": sin_staircase,
        "disk": disk_octagon,
        "linear-collapse": lambda: collapse(linear_given()),
        "spiral": spiral,
    }
    parser = argparse.ArgumentParser(prog="python -m designer.exercises.authoring")
    parser.add_argument("exercise", choices=sorted(builders))
    args = parser.parse_args(argv)
    sys.stdout.write(json.dumps(to_document(builders[args.exercise]()), indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
