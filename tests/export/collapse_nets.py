"""Networks that stress Network ▸ Collapse Linear Layers (used by the tests and bench/collapse.py)."""

from __future__ import annotations

import random

from designer.model import Connection, InputNode, Network, Neuron


def tiny_linear_layers(layers: int, width: int) -> Network:
    """``layers`` fully connected linear layers of ``width`` neurons over two inputs, every weight and
    bias about 1e-300 times a random float (a valid file: the loader takes any finite number)."""
    rng = random.Random(3)
    net = Network(name="tiny weights")
    previous = ["x1", "x2"]
    for i, x in enumerate(previous):
        net.inputs[x] = InputNode(x, position=(0.0, 100.0 * i))
    for layer in range(layers):
        current = [f"h{layer}_{j}" for j in range(width)]
        for j, n in enumerate(current):
            net.neurons[n] = Neuron(
                n, "linear", bias=1e-300 * rng.uniform(-1, 1), position=(100.0 * (layer + 1), 100.0 * j)
            )
            for p in previous:
                net.connections[(p, n)] = Connection(p, n, rng.uniform(0.5, 1.5) * 10.0 ** rng.randint(-300, -290))
        previous = current
    net.outputs = previous
    return net


def fanning_out_and_in(inputs: int, middle: int) -> Network:
    """``inputs`` inputs into one linear neuron, out to ``middle`` linear neurons (none: to ``inputs``
    linear outputs), and into one linear neuron again before a sigmoid output."""
    net = Network(name="fans")
    for i in range(inputs):
        net.inputs[f"x{i}"] = InputNode(f"x{i}", position=(0.0, 10.0 * i))
        net.connections[(f"x{i}", "a")] = Connection(f"x{i}", "a", 0.5)
    net.neurons["a"] = Neuron("a", "linear", position=(100.0, 0.0))
    fanned = [f"b{j}" for j in range(middle or inputs)]
    for j, b in enumerate(fanned):
        net.neurons[b] = Neuron(b, "linear", 0.1, position=(200.0, 10.0 * j))
        net.connections[("a", b)] = Connection("a", b, 0.25)
    if middle:
        net.neurons["c"] = Neuron("c", "linear", position=(300.0, 0.0))
        net.neurons["y"] = Neuron("y", "sigmoid", position=(400.0, 0.0))
        net.connections.update({(b, "c"): Connection(b, "c", 0.125) for b in fanned})
        net.connections[("c", "y")] = Connection("c", "y", 1.0)
    net.outputs = fanned if not middle else ["y"]
    return net
