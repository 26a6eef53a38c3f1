"""Feature nodes in the engine: their rows computed from the raw input rows, and their chain rule.

A compiled network keeps the raw inputs as its inputs (``n_inputs``, the columns of every x);
the feature rows follow them in the activation arrays (rows ``n_inputs … n_sources - 1``, in
``feature_ids`` order, also found through ``index``) and are refilled at the start of every
forward pass, so training, the grid views and the checker all see them without knowing.
Features have no trainable values: backpropagation only needs them to carry dL/da back to the
raw inputs (``gradients(...).grad_a`` of an input), which :meth:`FeatureRows.backward` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from designer.engine.formula import backward, evaluator
from designer.model.formula import FEATURE, parse
from designer.model.network import Network

if TYPE_CHECKING:
    from designer.engine.compiled import CompiledNetwork

CHUNK_ROWS = 65536  # data rows per forward pass of the check (memory stays flat in the data's size)


@dataclass(frozen=True)
class NotFinite:
    """A feature some neuron reads that is infinite or NaN on a data row (0-based), with that row."""

    feature_id: str
    expression: str
    row: int
    point: str  # the row's raw inputs, "x1=0, x2=1"


def first_not_finite(network: Network, compiled: CompiledNetwork, x: np.ndarray) -> NotFinite | None:
    """The first feature a neuron reads that is not a finite number on some row of ``x`` (``1/x1`` or
    ``x1^-8`` at x1 = 0): training on it gives NaN everywhere, which looked like a learning rate too
    large or saturated neurons. None when every read feature is finite on every row."""
    read = {c.source for c in network.connections.values()}
    rows = [r for r in range(compiled.n_inputs, compiled.n_sources) if compiled.node_ids[r] in read]
    if not rows:
        return None
    for c0 in range(0, len(x), CHUNK_ROWS):
        _, a = compiled.forward_all(x[c0 : c0 + CHUNK_ROWS], keep_z=False, copy=False)
        bad = [(int(np.argmax(~np.isfinite(a[r]))), r) for r in rows if not np.isfinite(a[r]).all()]
        if bad:
            k, r = min(bad)
            feature = network.features[compiled.node_ids[r]]
            values = x[c0 + k].tolist()
            point = ", ".join(f"{i}={v:g}" for i, v in zip(compiled.input_ids, values, strict=True))
            return NotFinite(feature.id, feature.expression, c0 + k, point)
    return None


def _nothing() -> None:
    pass


class FeatureRows:
    """The feature nodes of one network, compiled once."""

    def __init__(self, network: Network, input_ids: Sequence[str]) -> None:
        self.ids = list(network.features)
        self.input_ids = list(input_ids)
        #: Formula trees (the network was validated, so every expression parses).
        self.trees = [parse(f.expression, self.input_ids, FEATURE) for f in network.features.values()]
        self._evaluators = [evaluator(t) for t in self.trees]

    def __len__(self) -> int:
        return len(self.ids)

    def bind(self, inputs: np.ndarray, out: np.ndarray) -> Callable[[], None]:
        """A function filling ``out`` (n_features, N) from ``inputs`` (n_inputs, N); both fixed views."""
        if not self.ids:
            return _nothing
        values = dict(zip(self.input_ids, inputs, strict=True))
        pairs = list(zip(self._evaluators, out, strict=True))

        def run() -> None:
            with np.errstate(all="ignore"):  # 1/x at 0 is inf, as in a numpy expression: no warning
                for fn, row in pairs:
                    np.copyto(row, fn(values), casting="unsafe")

        return run

    def backward(self, inputs: np.ndarray, grad_features: np.ndarray, grad_inputs: np.ndarray) -> None:
        """grad_inputs += (d features / d inputs)ᵀ · grad_features, per sample (all node-major)."""
        values = {name: np.asarray(row, dtype=np.float64) for name, row in zip(self.input_ids, inputs, strict=True)}
        row_of = {name: i for i, name in enumerate(self.input_ids)}
        for tree, grad in zip(self.trees, grad_features, strict=True):
            for name, g in backward(tree, values, grad).items():
                grad_inputs[row_of[name]] += g
