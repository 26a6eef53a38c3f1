"""Feature nodes for tests: a pool of formulas with independent numpy and torch versions, added to random networks."""

from __future__ import annotations

import random

import numpy as np

from designer.model import Connection, FeatureNode, Network

#: formula text -> (numpy function of columns, torch function of columns), written out by hand
POOL: dict[str, tuple] = {
    "x1^2": (lambda v: v["x1"] ** 2, lambda v: v["x1"] ** 2),
    "x2**2": (lambda v: v["x2"] ** 2, lambda v: v["x2"] ** 2),
    "x1*x2": (lambda v: v["x1"] * v["x2"], lambda v: v["x1"] * v["x2"]),
    "sin(x1)": (lambda v: np.sin(v["x1"]), lambda v: v["x1"].sin()),
    "sin(x2)": (lambda v: np.sin(v["x2"]), lambda v: v["x2"].sin()),
    "cos(x1 - x2)": (lambda v: np.cos(v["x1"] - v["x2"]), lambda v: (v["x1"] - v["x2"]).cos()),
    "exp(-x1^2/4)": (lambda v: np.exp(-(v["x1"] ** 2) / 4), lambda v: (-(v["x1"] ** 2) / 4).exp()),
    "abs(x1) + tanh(x2)": (lambda v: np.abs(v["x1"]) + np.tanh(v["x2"]), lambda v: v["x1"].abs() + v["x2"].tanh()),
    "x1/(1 + x2^2)": (lambda v: v["x1"] / (1 + v["x2"] ** 2), lambda v: v["x1"] / (1 + v["x2"] ** 2)),
    "x1^3 - 2*x2": (lambda v: v["x1"] ** 3 - 2 * v["x2"], lambda v: v["x1"] ** 3 - 2 * v["x2"]),
    "(x1 + 0.5)^-2": (lambda v: (v["x1"] + 0.5) ** -2.0, lambda v: (v["x1"] + 0.5) ** -2),
    "-x2^2 + 3": (lambda v: -(v["x2"] ** 2) + 3, lambda v: -(v["x2"] ** 2) + 3),
    "2.5": (lambda v: np.full_like(v["x1"], 2.5), lambda v: v["x1"] * 0 + 2.5),
}


def add_features(net: Network, seed: int, count: int = 3) -> Network:
    """``net`` (inputs x1, x2) with ``count`` feature nodes from the pool, each feeding one to three neurons."""
    rng = random.Random(seed)
    neurons = list(net.neurons)
    for k, expression in enumerate(rng.sample(sorted(POOL), count)):
        feature_id = f"f{k + 1}"
        net.features[feature_id] = FeatureNode(feature_id, expression, position=(0.0, 300.0 + 100 * k))
        for target in rng.sample(neurons, min(len(neurons), rng.randint(1, 3))):
            net.connections[(feature_id, target)] = Connection(feature_id, target, rng.uniform(-1.0, 1.0))
    return net


def points_away_from_poles(n: int, seed: int) -> np.ndarray:
    """Inputs in [-2, 2]² away from x1 = -0.5 (where (x1 + 0.5)^-2 blows up)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, (n, 2))
    near = np.abs(x[:, 0] + 0.5) < 0.3
    x[near, 0] += np.where(x[near, 0] + 0.5 >= 0, 0.6, -0.6)
    return x
