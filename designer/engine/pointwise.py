"""A network evaluated at a few points in plain Python floats: no numpy import.

``nn-designer eval --points`` is scripted by course staff, often once per student file, so its
start-up is most of its cost; importing numpy alone takes about four times an empty Python start
(docs/performance.md, CLI start-up). For the few points typed on a command line, a loop over
neurons in plain float64 is faster than loading numpy at all. Everything else (CSV input, big
networks, networks with engineered features) goes through the compiled engine.

The values agree with :class:`~designer.engine.compiled.CompiledNetwork` (float64) to the last
few bits, not always bit for bit: BLAS may sum in another order or with fused multiply-adds, and
numpy's exp/tanh may round differently from the math module's. ``tests/engine/test_pointwise.py``
compares the two on every activation, softmax, skip connections and overflowing values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from designer.engine.errors import EngineError
from designer.model.graph import levels
from designer.model.network import ACTIVATIONS, Network
from designer.model.validation import validate

#: Multiply-adds (points × (connections + neurons)) above which the engine is faster than this loop,
#: numpy's import included (about 0.1 s here against ~100 ns per Python multiply-add).
MAX_WORK = 200_000


def evaluation_problem(network: Network) -> str | None:
    """Why the network cannot be evaluated (the first problem, one line), or None."""
    problems = validate(network)
    if problems:
        return problems[0]
    if not network.outputs:
        return "the network has no output neuron (mark a neuron as output)"
    return None


def _sigmoid(z: float) -> float:
    # the engine's form, 1/(1+e^-z); e^-z overflows for z below about -709, and the value is then 0
    try:
        return 1.0 / (1.0 + math.exp(-z))
    except OverflowError:
        return 0.0


def _relu(z: float) -> float:
    # numpy's maximum(z, 0): NaN stays NaN and -0.0 gives 0.0
    return z if z > 0.0 or z != z else 0.0


def _step(z: float) -> float:
    return 1.0 if z >= 0.0 else 0.0  # step(0) = 1, as in the lecture; NaN gives 0 as in the engine


#: g(z) per activation name, the plain-float twin of ``designer.engine.activations``.
ACTIVATION: dict[str, Callable[[float], float]] = {
    "linear": float,
    "sigmoid": _sigmoid,
    "step": _step,
    "relu": _relu,
    "tanh": math.tanh,
}
assert tuple(ACTIVATION) == ACTIVATIONS


def fits(network: Network, n_points: int) -> bool:
    """Whether this module can evaluate the network at ``n_points`` points faster than the engine."""
    work = n_points * (len(network.connections) + len(network.neurons))
    return not network.features and work <= MAX_WORK


def _softmax(values: list[float]) -> list[float]:
    if any(v != v for v in values):  # numpy's max is NaN then, and so is every probability
        return [math.nan] * len(values)
    top = max(values)
    exps = [math.exp(v - top) for v in values]  # v - top <= 0, or NaN when top is infinite
    total = sum(exps)
    return [e / total for e in exps]


class PointwiseNetwork:
    """One network's neurons in evaluation order, each with its sources and weights."""

    def __init__(self, network: Network) -> None:
        problem = evaluation_problem(network)
        if problem:
            raise EngineError(problem)
        if network.features:
            raise EngineError("engineered features need the engine (designer.engine.compiled)")
        self.input_ids = list(network.inputs)
        self.output_ids = list(network.outputs)
        self.softmax = network.softmax
        incoming: dict[str, list[tuple[str, float]]] = {n: [] for n in network.neurons}
        for c in network.connections.values():
            incoming[c.target].append((c.source, c.weight))
        depth = levels(network)
        order = sorted(network.neurons, key=lambda n: depth[n])  # sorted() is stable: model order within a level
        self.steps = [
            (n, ACTIVATION[network.neurons[n].activation], incoming[n], network.neurons[n].bias) for n in order
        ]

    def output(self, point: Sequence[float]) -> list[float]:
        """The network's outputs at one point (softmax applied when the network uses it)."""
        value = dict(zip(self.input_ids, map(float, point), strict=True))
        for neuron_id, g, sources, bias in self.steps:
            z = 0.0
            for source, weight in sources:
                z += weight * value[source]
            value[neuron_id] = g(z + bias)
        out = [value[o] for o in self.output_ids]
        return _softmax(out) if self.softmax else out

    def forward(self, points: Sequence[Sequence[float]]) -> list[list[float]]:
        return [self.output(p) for p in points]
