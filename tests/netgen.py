"""Random networks for tests: layered, DAGs with skip connections, mixed activations."""

from __future__ import annotations

import random

from designer.model import Connection, InputNode, Network, Neuron

SMOOTH = ("linear", "sigmoid", "tanh", "relu")


def random_dag(
    seed: int,
    *,
    n_inputs: int = 2,
    n_hidden: int = 6,
    n_outputs: int = 1,
    activations: tuple[str, ...] = SMOOTH,
    density: float = 0.6,
    softmax: bool = False,
) -> Network:
    """A random acyclic network: each neuron reads from a random subset of earlier nodes."""
    rng = random.Random(seed)
    net = Network(name=f"random {seed}", softmax=softmax)
    for i in range(n_inputs):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}", position=(0.0, 100.0 * i))
    earlier = list(net.inputs)
    ids = [f"h{i + 1}" for i in range(n_hidden)] + [f"y{i + 1}" for i in range(n_outputs)]
    for k, nid in enumerate(ids):
        is_out = k >= n_hidden
        act = "linear" if (softmax and is_out) else rng.choice(activations)
        net.neurons[nid] = Neuron(nid, act, bias=rng.uniform(-1, 1), position=(100.0 * (k + 1), 0.0))
        sources = [s for s in earlier if rng.random() < density] or [rng.choice(earlier)]
        for s in sources:
            net.connections[(s, nid)] = Connection(s, nid, rng.uniform(-1.5, 1.5))
        if not is_out:
            earlier.append(nid)
    net.outputs = [f"y{i + 1}" for i in range(n_outputs)]
    # shuffle neuron and connection order: the engine must find the evaluation order itself
    items = list(net.neurons.items())
    rng.shuffle(items)
    net.neurons = dict(items)
    conns = list(net.connections.items())
    rng.shuffle(conns)
    net.connections = dict(conns)
    return net


def layered(sizes: list[int], activations: list[str], seed: int = 0) -> Network:
    """A fully connected layered net, e.g. sizes [2, 8, 8, 1]."""
    rng = random.Random(seed)
    net = Network(name="layered")
    prev = []
    for i in range(sizes[0]):
        net.inputs[f"x{i + 1}"] = InputNode(f"x{i + 1}", position=(0.0, 100.0 * i))
        prev.append(f"x{i + 1}")
    for d, (size, act) in enumerate(zip(sizes[1:], activations, strict=True), start=1):
        layer = []
        for j in range(size):
            nid = f"l{d}n{j + 1}" if d < len(sizes) - 1 else f"y{j + 1}"
            net.neurons[nid] = Neuron(nid, act, bias=rng.uniform(-0.5, 0.5), position=(200.0 * d, 100.0 * j))
            for s in prev:
                net.connections[(s, nid)] = Connection(s, nid, rng.uniform(-1, 1))
            layer.append(nid)
        prev = layer
    net.outputs = prev
    return net
