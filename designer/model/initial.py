"""Starting weights for new neurons, and a check for neurons that can never become different.

New neurons get small random weights, seeded so a build can be repeated: Glorot (Xavier) uniform
for sigmoid, tanh, linear and step units, He uniform for ReLU. Equal weights are a trap: neurons
of one layer that start as exact copies get equal gradients and stay copies forever.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from designer.model.network import ConnectionKey, Network

HE_ACTIVATIONS = ("relu",)
DIGITS = 3  # weights a student can read and type back


def scheme(activation: str) -> str:
    """The name of the initialisation an activation gets (shown in the Add Layer dialog)."""
    return "He" if activation in HE_ACTIVATIONS else "Glorot"


def limit(activation: str, fan_in: int, fan_out: int) -> float:
    """Half-width of the uniform range: √(6 / fan_in) (He) or √(6 / (fan_in + fan_out)) (Glorot)."""
    if activation in HE_ACTIVATIONS:
        return math.sqrt(6.0 / max(fan_in, 1))
    return math.sqrt(6.0 / max(fan_in + fan_out, 1))


def layer_weights(
    sources: Sequence[str], targets: Sequence[str], activation: str, seed: int
) -> dict[ConnectionKey, float]:
    """Weights for fully connecting ``sources`` to a new layer ``targets`` of ``activation`` units."""
    rng = random.Random(seed)
    bound = limit(activation, len(sources), len(targets))
    return {(s, t): round(rng.uniform(-bound, bound), DIGITS) for t in targets for s in sources}


def copies(network: Network) -> list[list[str]]:
    """Groups of hidden neurons that are exact copies of each other: same activation, bias, incoming
    and outgoing weights. Gradient descent moves copies alike, so they stay copies."""
    incoming: dict[str, list[tuple[str, float, bool]]] = {n: [] for n in network.neurons}
    outgoing: dict[str, list[tuple[str, float, bool]]] = {n: [] for n in network.neurons}
    for (s, t), c in network.connections.items():  # a lock makes a difference: locked values do not move
        incoming[t].append((s, c.weight, c.trainable))
        if s in outgoing:
            outgoing[s].append((t, c.weight, c.trainable))
    groups: dict[tuple, list[str]] = {}
    for node_id, neuron in network.neurons.items():
        if node_id in network.outputs or not incoming[node_id] or not outgoing[node_id]:
            continue
        signature = (
            neuron.activation,
            neuron.bias,
            neuron.trainable,
            tuple(sorted(incoming[node_id])),
            tuple(sorted(outgoing[node_id])),
        )
        groups.setdefault(signature, []).append(node_id)
    return [ids for ids in groups.values() if len(ids) > 1]
