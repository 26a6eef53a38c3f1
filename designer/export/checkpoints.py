"""Input points for the self-check at the end of an exported model, with NN Designer's outputs.

A step unit jumps at z = 0, so a point where some step unit's z is within rounding of 0 could
give 0 in one framework and 1 in the other. Such points are skipped, except where the sum is
exact in any order (small dyadic numbers from inputs and other step units, e.g. the lecture's
AND at (1, 1) with bias −2): there every framework gets the same z, and step(0) = 1 is checked.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np

from designer.engine import CompiledNetwork, compile_network
from designer.model.network import Network

#: Inputs are drawn from this box (the datasets' domain, as in TensorFlow Playground).
INPUT_RANGE = (-6.0, 6.0)
#: |z| of a step unit must exceed this times (1 + Σ|terms|) unless z is exact.
MARGIN = 1e-9


def check_points(network: Network, *, n_random: int = 8, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(inputs (N, n_inputs), outputs (N, n_outputs)) in float64, reproducible for a network.

    The corners of {0, 1}ⁿ (truth tables, up to 4 inputs) and ``n_random`` points rounded to
    2 decimals, all away from step thresholds.
    """
    compiled = compile_network(network, np.float64)
    n = len(network.inputs)
    rng = np.random.default_rng(seed)
    corners = np.array(list(itertools.product((0.0, 1.0), repeat=n)), dtype=float) if n <= 4 else np.empty((0, n))
    points = corners[away_from_thresholds(network, compiled, corners)] if len(corners) else corners
    chosen = [points]
    wanted = n_random if n else 0  # without inputs every point is the same
    for _ in range(25):
        if wanted <= 0:
            break
        candidates = np.round(rng.uniform(*INPUT_RANGE, size=(4 * n_random, n)), 2)
        good = candidates[away_from_thresholds(network, compiled, candidates)][:wanted]
        chosen.append(good)
        wanted -= len(good)
    x = np.concatenate(chosen, axis=0)
    if len(x) == 0:  # every point near a threshold (pathological): check a few anyway
        x = np.zeros((1, n))
    with np.errstate(all="ignore"):  # outputs that overflow are written as float("inf"), not warned about
        return x, compiled.forward(x)


def away_from_thresholds(network: Network, compiled: CompiledNetwork, x: np.ndarray) -> np.ndarray:
    """Boolean mask over the rows of ``x``: True where no step unit sits at its threshold (or its sum is exact)."""
    ok = np.ones(len(x), dtype=bool)
    steps = [n for n in network.neurons.values() if n.activation == "step"]
    if not steps or len(x) == 0:
        return ok
    with np.errstate(all="ignore"):
        z, a = compiled.forward_all(x)
    assert z is not None
    index = compiled.index
    incoming: dict[str, list[tuple[float, str]]] = {n.id: [] for n in steps}
    for c in network.connections.values():
        if c.target in incoming:
            incoming[c.target].append((c.weight, c.source))
    for neuron in steps:
        sources = incoming[neuron.id]
        total = np.full(len(x), abs(neuron.bias))
        for weight, source in sources:
            total += np.abs(weight * a[index[source]])
        zn = z[index[neuron.id]]
        close = np.abs(zn) <= MARGIN * (1.0 + total)
        exact_sources = all(
            s in network.inputs or (s in network.neurons and network.neurons[s].activation == "step")
            for _, s in sources
        )
        for k in np.flatnonzero(close):
            terms = [(w, float(a[index[s], k])) for w, s in sources]
            if not (exact_sources and _exactly_summable(terms, neuron.bias)):
                ok[k] = False
    return ok


def _exactly_summable(terms: list[tuple[float, float]], bias: float) -> bool:
    """True if every product w·a is exact and every partial sum, in any order, is too."""
    values = [Fraction(bias)]
    for weight, value in terms:
        product = Fraction(weight) * Fraction(value)
        if product != Fraction(weight * value):
            return False
        values.append(product)
    scale = max(v.denominator for v in values)  # denominators of floats are powers of two
    return sum(abs(v) * scale for v in values) < 2**53
