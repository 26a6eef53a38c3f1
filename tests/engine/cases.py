"""Small networks and data shared by the math tests (tests/engine/test_math*.py)."""

from __future__ import annotations

import numpy as np

from designer.model import Connection, InputNode, Network, Neuron
from tests.engine import reference
from tests.netgen import random_dag

#: z values around the kinks of relu and step (0 itself is a convention, tested exactly below) and beyond.
Z_VALUES = (-2.0, -0.2, -1e-3, 1e-3, 0.2, 2.0)


def chain(activation: str, z_hidden: float, z_out: float) -> tuple[Network, list[list[float]]]:
    """x → h → y with h and y both using ``activation``, built so that for x = 0.5 h's z is ``z_hidden``
    and y's z is ``z_out`` (a second linear output keeps dL/dh alive when y is flat)."""
    x = 0.5
    net = Network(name=f"chain {activation}")
    net.inputs["x"] = InputNode("x")
    net.neurons["h"] = Neuron("h", activation, bias=z_hidden - 1.5 * x)
    net.connections[("x", "h")] = Connection("x", "h", 1.5)
    a_h = reference.G[activation](z_hidden)
    net.neurons["y"] = Neuron("y", activation, bias=z_out - 0.8 * a_h)
    net.connections[("h", "y")] = Connection("h", "y", 0.8)
    net.neurons["v"] = Neuron("v", "linear", bias=0.1)
    net.connections[("h", "v")] = Connection("h", "v", -1.2)
    net.outputs = ["y", "v"]
    return net, [[x]]


def away_from_kinks(net: Network, x: np.ndarray, margin: float = 1e-3) -> np.ndarray:
    """Mask of the samples where no relu or step neuron has |z| < margin (finite differences would
    straddle its kink there)."""
    kinked = [n for n, neuron in net.neurons.items() if neuron.activation in ("relu", "step")]
    return np.array([all(abs(reference.pre_activations(net, s)[0][n]) > margin for n in kinked) for s in x], bool)


def classifier(outputs: str, softmax: bool) -> Network:
    """2 inputs → 3 hidden (tanh, sigmoid, relu) → 3 outputs whose activations are ``outputs``.

    All-sigmoid outputs take cross-entropy's fused path (dL/dz from z), the others its dL/dp path;
    softmax needs linear outputs."""
    acts = {"sigmoid": ["sigmoid"] * 3, "linear": ["linear"] * 3, "mixed": ["sigmoid", "linear", "tanh"]}[outputs]
    net = Network(name=f"{outputs} outputs", softmax=softmax)
    for i in (1, 2):
        net.inputs[f"x{i}"] = InputNode(f"x{i}")
    rng = np.random.default_rng(7)
    for h, act in zip(("h1", "h2", "h3"), ("tanh", "sigmoid", "relu"), strict=True):
        net.neurons[h] = Neuron(h, act, bias=0.3)
        for s in ("x1", "x2"):
            net.connections[(s, h)] = Connection(s, h, float(rng.uniform(-1, 1)))
    for k, act in enumerate(acts, start=1):
        o = f"y{k}"
        # small weights and a bias near 0.4 keep linear and tanh outputs inside (0, 1) for cross-entropy
        net.neurons[o] = Neuron(o, act, bias=0.4)
        for h in ("h1", "h2", "h3"):
            net.connections[(h, o)] = Connection(h, o, float(rng.uniform(-0.1, 0.1)))
    net.connections[("x1", "y1")] = Connection("x1", "y1", 0.05)  # a skip connection
    net.outputs = ["y1", "y2", "y3"]
    return net


X = np.array([[0.5, -1.0], [1.5, 0.25], [-0.75, 0.8], [0.1, 1.2]])
TARGETS = {
    "one-hot": np.eye(3)[[0, 2, 1, 2]],
    "soft": np.array([[0.2, 0.5, 0.3], [0.7, 0.1, 0.2], [0.0, 0.4, 0.6], [0.25, 0.25, 0.5]]),
    "not summing to 1": np.array([[0.3, 0.9, 0.0], [1.0, 1.0, 0.0], [0.1, 0.2, 0.3], [0.0, 0.0, 0.0]]),
}
LOSS_CASES = [
    (loss, outputs, softmax, targets)
    for loss in ("mse", "sse", "cross_entropy")
    for outputs, softmax in (("sigmoid", False), ("mixed", False), ("linear", False), ("linear", True))
    for targets in TARGETS
]


def penalised_net() -> Network:
    net = random_dag(3, n_inputs=2, n_hidden=4, n_outputs=1, activations=("tanh", "sigmoid", "linear"))
    keys = list(net.connections)
    net.connections[keys[0]].trainable = False  # frozen: neither the loss nor the penalties move it
    net.connections[keys[1]].weight = -0.7  # negative weights: a flipped sign of L1/L2 shows on both signs
    net.neurons[next(iter(net.neurons))].trainable = False
    return net


def one_weight() -> tuple[Network, list[list[float]], list[list[float]]]:
    """y = w·x + b with x = 2, target 1, w = 1, b = 0.5, sse: e = 2w + b − 1, dL/dw = 4e, dL/db = 2e."""
    net = Network(
        inputs={"x": InputNode("x")},
        neurons={"y": Neuron("y", "linear", 0.5)},
        connections={("x", "y"): Connection("x", "y", 1.0)},
        outputs=["y"],
    )
    return net, [[2.0]], [[1.0]]
