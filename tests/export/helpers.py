"""Shared helpers for the export tests: run generated PyTorch code, build test networks."""

from __future__ import annotations

import numpy as np

from designer.engine import compile_network
from designer.export.checkpoints import away_from_thresholds
from designer.model import Connection, InputNode, Network, Neuron


def load_generated(source: str) -> dict:
    """Execute generated code in a fresh namespace (not as __main__, so the self-check is skipped)."""
    namespace: dict = {"__name__": "exported_model"}
    exec(compile(source, "<exported model>", "exec"), namespace)
    return namespace


def safe_points(network: Network, x: np.ndarray) -> np.ndarray:
    """Mask of the rows of ``x`` where no step unit sits at its threshold."""
    return away_from_thresholds(network, compile_network(network, np.float64), np.asarray(x, dtype=float))


def sample_inputs(network: Network, n: int = 300, seed: int = 0, scale: float = 4.0) -> np.ndarray:
    """Random inputs away from step thresholds (a step could flip on rounding there)."""
    x = np.random.default_rng(seed).uniform(-scale, scale, (n, len(network.inputs)))
    return x[safe_points(network, x)]


def skip_network() -> Network:
    """x1, x2 → h1 (relu), h2 (sigmoid, reads x1 and h1), y (linear, reads h2 and the skip x2)."""
    net = Network(name="skip example")
    net.inputs["x1"] = InputNode("x1", label="x₁")
    net.inputs["x2"] = InputNode("x2", label="x₂")
    net.neurons["h1"] = Neuron("h1", "relu", bias=0.25)
    net.neurons["h2"] = Neuron("h2", "sigmoid", bias=-0.5)
    net.neurons["y"] = Neuron("y", "linear", bias=0.1)
    for s, t, w in (("x1", "h1", 1.5), ("x2", "h1", -2.0), ("x1", "h2", 0.75), ("h1", "h2", 1.25)):
        net.connections[(s, t)] = Connection(s, t, w)
    for s, t, w in (("h2", "y", 2.0), ("x2", "y", -0.5)):
        net.connections[(s, t)] = Connection(s, t, w)
    net.outputs = ["y"]
    return net
