"""Independent references for the engine's numbers: the lecture's definitions, one sample at a time.

Plain Python floats and ``math``, nothing from ``designer.engine``: the network is evaluated
straight from the model (each neuron once all its sources are known), the losses and penalties
are the textbook formulas, and gradients are central finite differences of that objective.
Conventions (docs/testing.md): step(0) = 1; L1 adds λ₁·Σ|w| and L2 adds λ₂/2·Σw² over the
trainable weights (not the biases), so their gradients are λ₁·sign(w) and λ₂·w.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from designer.model import Network

Parameter = tuple[str, str] | str  # a connection key (source, target) or a neuron id (its bias)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


G = {
    "linear": lambda z: z,
    "sigmoid": _sigmoid,
    "step": lambda z: 1.0 if z >= 0 else 0.0,
    "relu": lambda z: z if z > 0 else 0.0,
    "tanh": math.tanh,
}


def pre_activations(net: Network, sample: Sequence[float]) -> tuple[dict[str, float], dict[str, float]]:
    """z and a of every neuron for one sample (a of the inputs too)."""
    a = {node_id: float(v) for node_id, v in zip(net.inputs, sample, strict=True)}
    z: dict[str, float] = {}
    incoming: dict[str, list[tuple[str, float]]] = {n: [] for n in net.neurons}
    for c in net.connections.values():
        incoming[c.target].append((c.source, c.weight))
    pending = list(net.neurons)
    while pending:
        ready = [n for n in pending if all(s in a for s, _ in incoming[n])]
        assert ready, "the reference network has a cycle"
        for n in ready:
            neuron = net.neurons[n]
            z[n] = neuron.bias + math.fsum(w * a[s] for s, w in incoming[n])
            a[n] = G[neuron.activation](z[n])
            pending.remove(n)
    return z, a


def outputs(net: Network, sample: Sequence[float]) -> list[float]:
    """The network's outputs for one sample, softmax applied when the network has it."""
    _, a = pre_activations(net, sample)
    out = [a[o] for o in net.outputs]
    if net.softmax:
        top = max(out)
        e = [math.exp(v - top) for v in out]
        out = [v / sum(e) for v in e]
    return out


def loss(name: str, p: list[list[float]], y: Sequence[Sequence[float]], softmax: bool) -> float:
    """mse: mean of (p-y)² over samples and outputs; sse: their sum; cross_entropy: mean binary
    cross-entropy over samples and outputs, or with softmax the mean over samples of -Σ y·log p."""
    pairs = [(pk, float(yk)) for ps, ys in zip(p, y, strict=True) for pk, yk in zip(ps, ys, strict=True)]
    if name == "sse":
        return math.fsum((pk - yk) ** 2 for pk, yk in pairs)
    if name == "mse":
        return math.fsum((pk - yk) ** 2 for pk, yk in pairs) / len(pairs)
    assert name == "cross_entropy", name
    if softmax:
        return -math.fsum(yk * math.log(pk) for pk, yk in pairs) / len(p)
    return -math.fsum(yk * math.log(pk) + (1 - yk) * math.log(1 - pk) for pk, yk in pairs) / len(pairs)


def penalty(net: Network, l1: float, l2: float) -> float:
    weights = [c.weight for c in net.connections.values() if c.trainable]
    return l1 * math.fsum(abs(w) for w in weights) + l2 / 2 * math.fsum(w * w for w in weights)


def objective(net: Network, x, y, loss_name: str, l1: float = 0.0, l2: float = 0.0) -> float:
    """Data loss plus penalties: what training minimises."""
    p = [outputs(net, sample) for sample in x]
    return loss(loss_name, p, y, net.softmax) + penalty(net, l1, l2)


def _value(net: Network, parameter: Parameter) -> float:
    return net.connections[parameter].weight if isinstance(parameter, tuple) else net.neurons[parameter].bias


def _set(net: Network, parameter: Parameter, value: float) -> None:
    if isinstance(parameter, tuple):
        net.connections[parameter].weight = value
    else:
        net.neurons[parameter].bias = value


def numeric_gradient(
    net: Network, x, y, loss_name: str, l1: float = 0.0, l2: float = 0.0, h: float = 1e-6
) -> dict[Parameter, float]:
    """Central differences (f(θ+h) - f(θ-h)) / 2h of :func:`objective` for every weight and bias."""
    grads: dict[Parameter, float] = {}
    for parameter in [*net.connections, *net.neurons]:
        old = _value(net, parameter)
        _set(net, parameter, old + h)
        up = objective(net, x, y, loss_name, l1, l2)
        _set(net, parameter, old - h)
        down = objective(net, x, y, loss_name, l1, l2)
        _set(net, parameter, old)
        grads[parameter] = (up - down) / (2 * h)
    return grads
