"""Compile a network into arrays once; evaluate it over whole batches.

Layout (why it is fast):
- Rows are ordered raw inputs first, then feature nodes (formulas of the raw inputs, computed
  at the start of every forward pass), then by depth level; within a level neurons
  are grouped by activation, so each activation is one contiguous row block
  and one numpy call, however the user mixed them.
- Activations live node-major in one ``(n_rows, N)`` array. After the inputs and
  features and after every level sits a constant row of ones (the classic "bias unit"),
  so a level is a single matmul of its weight matrix, bias as last column,
  with the contiguous row block ``[lo, start)`` before it. A layered net reads
  just the previous level; skip connections only make the block taller.
- All weights and biases sit in one flat vector ``theta`` (per-level matrices
  are views into it), so optimisers update everything in a few array passes.
  Missing connections are zeros kept at zero by ``mask``. A zero must still mean "not read" when
  the source is infinite (0 · ∞ is NaN): levels with missing links carry a ``present`` map, and a
  pass whose neurons got a NaN is run again level by level with :mod:`designer.engine.masked`
  (one NaN check per pass: the usual finite pass costs one reduction, dense networks nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from designer.engine.activations import kernel, quiet
from designer.engine.errors import EngineError
from designer.engine.features import FeatureRows
from designer.engine.masked import has_nan, masked_product
from designer.engine.pointwise import evaluation_problem
from designer.model.graph import levels as node_levels
from designer.model.network import ACTIVATIONS, Network

#: Weight-matrix entries (present or not) the engine allocates at most. A layered network needs
#: about one per connection; long skip connections across many levels need up to levels² of them.
MAX_WEIGHT_SLOTS = 10_000_000
#: Entries of one per-node buffer (rows × samples) that :meth:`CompiledNetwork.forward` allocates at most
#: (8 MB in float64: evaluating 1,000,000 points costs a few such buffers, not one per point).
MAX_BUFFER_ENTRIES = 1 << 20


@dataclass
class Level:
    start: int  # first row of this level's neurons; row start-1 is a ones row
    stop: int  # row ``stop`` is this level's ones row
    lo: int  # first row this level reads from
    weights: np.ndarray  # (stop-start, start-lo) view into theta; last column = bias
    groups: tuple[tuple[str, int, int], ...]  # (activation, row start, row stop)
    w_range: tuple[int, int]  # slice of theta
    #: (stop-start, start-lo) True where a connection, the bias or a constant ones row sits; None when
    #: every entry is there (a dense level: nothing to guard)
    present: np.ndarray | None = None


def _ordered_levels(network: Network) -> list[list[str]]:
    depth = node_levels(network)
    rank = {name: i for i, name in enumerate(ACTIVATIONS)}
    grouped: dict[int, list[str]] = {}
    for neuron_id in network.neurons:
        grouped.setdefault(depth[neuron_id], []).append(neuron_id)
    return [sorted(grouped[d], key=lambda n: rank[network.neurons[n].activation]) for d in sorted(grouped)]


class CompiledNetwork:
    """Arrays for one network structure. Refill values with :meth:`load_values`."""

    def __init__(self, network: Network, dtype: type[np.floating] | np.dtype = np.float64) -> None:
        problem = evaluation_problem(network)
        if problem:
            raise EngineError(problem)
        self.dtype = np.dtype(dtype)
        #: The raw inputs: the columns of x everywhere (data, grids, CSV); features are computed from them.
        self.input_ids = list(network.inputs)
        self.output_ids = list(network.outputs)
        self.softmax = network.softmax
        self.n_inputs = len(self.input_ids)
        #: Feature nodes: rows n_inputs … n_sources - 1 of every activation array, in this order.
        self.feature_ids = list(network.features)
        self.n_features = len(self.feature_ids)
        self.n_sources = self.n_inputs + self.n_features
        self.features = FeatureRows(network, self.input_ids)
        self.activation_of = {n.id: n.activation for n in network.neurons.values()}
        self._build_levels(network, _ordered_levels(network))
        self._build_parameter_maps(network)
        rows = np.array([self.index[o] for o in self.output_ids], dtype=np.intp)
        contiguous = bool(np.all(np.diff(rows) == 1))
        self.output_rows: slice | np.ndarray = slice(int(rows[0]), int(rows[-1]) + 1) if contiguous else rows
        self.output_row_array = rows
        self._plans: dict[int, ForwardPlan] = {}
        self.load_values(network)

    # ------------------------------------------------------------- building
    def _build_levels(self, network: Network, grouped: list[list[str]]) -> None:
        sources = [*self.input_ids, *self.feature_ids]
        self.index: dict[str, int] = {node_id: i for i, node_id in enumerate(sources)}
        self.ones_rows = [self.n_sources]
        start = self.n_sources + 1
        spans = []
        for level in grouped:
            for i, neuron_id in enumerate(level):
                self.index[neuron_id] = start + i
            spans.append((start, start + len(level), level))
            self.ones_rows.append(start + len(level))
            start += len(level) + 1
        #: Rows of the activation arrays (nodes plus one ones row per level).
        self.n_rows = start
        self.node_ids = list(self.index)
        sources: dict[str, list[str]] = {}
        for c in network.connections.values():
            sources.setdefault(c.target, []).append(c.source)
        shapes = []
        for start, stop, level in spans:
            lo = min((self.index[s] for n in level for s in sources.get(n, [])), default=start - 1)
            shapes.append((start, stop, min(lo, start - 1), level))
        slots = sum((stop - start) * (start - lo) for start, stop, lo, _ in shapes)
        if slots > MAX_WEIGHT_SLOTS:
            raise EngineError(
                f"network too large for the engine: its connections across levels need {slots:,} weight slots "
                f"(limit {MAX_WEIGHT_SLOTS:,}); use fewer long skip connections"
            )
        self.theta = np.zeros(slots, self.dtype)
        self.levels: list[Level] = []
        self.level_of_row = np.full(self.n_rows, -1, dtype=np.intp)
        offset = 0
        for start, stop, lo, level in shapes:
            w_range = (offset, offset + (stop - start) * (start - lo))
            offset = w_range[1]
            groups: list[list[object]] = []
            for i, neuron_id in enumerate(level):
                act = network.neurons[neuron_id].activation
                if groups and groups[-1][0] == act:
                    groups[-1][2] = start + i + 1
                else:
                    groups.append([act, start + i, start + i + 1])
            self.level_of_row[start:stop] = len(self.levels)
            self.levels.append(
                Level(
                    start=start,
                    stop=stop,
                    lo=lo,
                    weights=self.theta[w_range[0] : w_range[1]].reshape(stop - start, start - lo),
                    groups=tuple((str(a), int(s), int(e)) for a, s, e in groups),  # type: ignore[call-overload]
                    w_range=w_range,
                )
            )

    def _build_parameter_maps(self, network: Network) -> None:
        """Flat theta index of every connection weight and neuron bias, in model order."""
        self.connection_keys = list(network.connections)
        self.neuron_ids = list(network.neurons)

        def flat(row: int, column_row: int | None) -> int:
            level = self.levels[self.level_of_row[row]]
            width = level.start - level.lo
            column = width - 1 if column_row is None else column_row - level.lo
            return level.w_range[0] + (row - level.start) * width + column

        self.connection_index = np.array(
            [flat(self.index[t], self.index[s]) for s, t in self.connection_keys], dtype=np.intp
        )
        self.bias_index = np.array([flat(self.index[n], None) for n in self.neuron_ids], dtype=np.intp)
        self._mark_present()
        self._connection_pos = {k: i for i, k in enumerate(self.connection_keys)}
        self._neuron_pos = {n: i for i, n in enumerate(self.neuron_ids)}
        #: 1 where a parameter exists and is trainable; 0 for absent links and frozen values.
        self.mask = np.zeros_like(self.theta)
        #: 1 on trainable weights only (regularisation does not touch biases).
        self.weight_mask = np.zeros_like(self.theta)
        self.all_trainable = False

    def _mark_present(self) -> None:
        """Each level's ``present`` map, or None for a level that reads every entry of its block."""
        present = np.zeros(self.theta.shape, dtype=bool)
        present[self.connection_index] = True
        present[self.bias_index] = True
        ones = np.array(self.ones_rows, dtype=np.intp)
        for level in self.levels:
            block = present[level.w_range[0] : level.w_range[1]].reshape(level.weights.shape)
            inside = ones[(ones >= level.lo) & (ones < level.start)]
            block[:, inside - level.lo] = True  # always 1: its zero weights cannot make a NaN
            level.present = None if block.all() else block

    # ---------------------------------------------------------------- values
    def load_values(self, network: Network) -> None:
        """Copy weights, biases and trainable flags from the model (in place: views stay valid)."""
        connections = [network.connections[k] for k in self.connection_keys]
        neurons = [network.neurons[n] for n in self.neuron_ids]
        self.theta[self.connection_index] = [c.weight for c in connections]
        self.theta[self.bias_index] = [n.bias for n in neurons]
        trainable_w = np.array([c.trainable for c in connections], dtype=bool)
        trainable_b = np.array([n.trainable for n in neurons], dtype=bool)
        self.mask.fill(0.0)
        self.mask[self.connection_index[trainable_w]] = 1.0
        self.mask[self.bias_index[trainable_b]] = 1.0
        self.weight_mask.fill(0.0)
        self.weight_mask[self.connection_index[trainable_w]] = 1.0
        self.all_trainable = bool(np.all(self.mask == 1.0))
        #: True where ``mask`` is 0: training writes 0 there (not ``grad * mask``, which makes 0 · ∞ a NaN
        #: where a missing link's source is infinite)
        self.fixed = self.mask == 0.0

    def set_weight(self, key: tuple[str, str], value: float) -> None:
        """One weight edit without recompiling (typing, nudging, dragging)."""
        self.theta[self.connection_index[self._connection_pos[key]]] = value

    def set_bias(self, neuron_id: str, value: float) -> None:
        self.theta[self.bias_index[self._neuron_pos[neuron_id]]] = value

    def weights(self) -> dict[tuple[str, str], float]:
        return dict(zip(self.connection_keys, self.theta[self.connection_index].tolist(), strict=True))

    def biases(self) -> dict[str, float]:
        return dict(zip(self.neuron_ids, self.theta[self.bias_index].tolist(), strict=True))

    def trainable_values(self) -> tuple[dict[tuple[str, str], float], dict[str, float]]:
        """Current values of the trainable parameters only (to write back into the model)."""
        w_on = self.mask[self.connection_index] != 0
        b_on = self.mask[self.bias_index] != 0
        weights = {
            k: v
            for k, v, on in zip(self.connection_keys, self.theta[self.connection_index].tolist(), w_on, strict=True)
            if on
        }
        biases = {
            k: v for k, v, on in zip(self.neuron_ids, self.theta[self.bias_index].tolist(), b_on, strict=True) if on
        }
        return weights, biases

    # --------------------------------------------------------------- forward
    def as_node_major(self, x: np.ndarray) -> np.ndarray:
        """(N, n_inputs) samples to a (n_inputs, N) array of this dtype. A value this dtype cannot hold
        (data of 1e300 in a float32 network) becomes ±inf, as the arithmetic would make it anyway: the
        results say so (not finite), and :func:`first_beyond` names the value; numpy's warning about the
        cast went to the terminal (or, under ``-W error``, raised out of a view's refresh)."""
        with np.errstate(over="ignore"):
            x = np.asarray(x, dtype=self.dtype)
        if x.ndim != 2 or x.shape[1] != self.n_inputs:
            raise EngineError(f"expected inputs of shape (N, {self.n_inputs}), got {x.shape}")
        return np.ascontiguousarray(x.T)

    def forward_plan(self, n: int) -> ForwardPlan:
        """A cached forward plan for batches of ``n`` samples."""
        plan = self._plans.get(n)
        if plan is None:
            if len(self._plans) > 8:
                self._plans.clear()
            plan = self._plans[n] = ForwardPlan(self, n)
        return plan

    def forward_all(
        self, x: np.ndarray, *, keep_z: bool = True, copy: bool = True, chunk: int = 65536
    ) -> tuple[np.ndarray | None, np.ndarray]:
        """Every row's z and a for samples x (N, n_inputs), each (n_rows, N); rows by ``index``.

        With ``copy=False`` (and N <= chunk) the arrays are the plan's own buffers,
        valid until the next call with the same N: the live views evaluate a
        200×200 grid every frame and must not allocate (fresh pages cost more
        than the arithmetic).
        """
        xt = self.as_node_major(x)
        n = xt.shape[1]
        if n <= chunk:
            plan = self.forward_plan(n)
            np.copyto(plan.inputs, xt)
            with quiet():
                plan.run()
            if keep_z:  # z of an input or a feature is its value
                np.copyto(plan.z[: self.n_sources], plan.a[: self.n_sources])
            if not copy:
                return (plan.z if keep_z else None), plan.a
            return (plan.z.copy() if keep_z else None), plan.a.copy()
        z = np.empty((self.n_rows, n), dtype=self.dtype) if keep_z else None
        a = np.empty((self.n_rows, n), dtype=self.dtype)
        for c0 in range(0, n, chunk):
            c1 = min(c0 + chunk, n)
            zc, ac = self.forward_all(x[c0:c1], keep_z=keep_z, copy=False, chunk=chunk)
            if z is not None and zc is not None:
                z[:, c0:c1] = zc
            a[:, c0:c1] = ac
        return z, a

    def network_output(self, a: np.ndarray) -> np.ndarray:
        """The network's outputs (n_outputs, N) from node-major activations (softmax applied)."""
        out = a[self.output_rows]
        if self.softmax:
            with np.errstate(invalid="ignore", over="ignore"):  # inf − inf of a diverged net is NaN, reported as such
                out = out - out.max(axis=0, keepdims=True)
                np.exp(out, out=out)
                out /= out.sum(axis=0, keepdims=True)
        return out

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Outputs (N, n_outputs) for samples x (N, n_inputs), in chunks so big data cannot exhaust memory."""
        chunk = max(1, min(65536, MAX_BUFFER_ENTRIES // self.n_rows))
        if len(x) > chunk:
            return np.concatenate([self.forward(x[c0 : c0 + chunk]) for c0 in range(0, len(x), chunk)])
        _, a = self.forward_all(x, keep_z=False, copy=False)
        # copy just the outputs: a view would keep every chunk's whole activation array alive
        return np.array(self.network_output(a).T, order="C")


class ForwardPlan:
    """Buffers for n samples and, per level, the exact views each numpy call needs.

    Slicing once here instead of every step is what makes small batches fast.
    """

    def __init__(self, net: CompiledNetwork, n: int) -> None:
        self.net = net
        self.n = n
        shape = (net.n_rows, n)
        self.z = np.zeros(shape, net.dtype)
        self.a = np.zeros(shape, net.dtype)
        self.a[net.ones_rows] = 1.0
        self.z[net.ones_rows] = 1.0
        #: Rows to fill with samples (raw inputs); the feature rows after them are computed by ``run``.
        self.inputs = self.a[: net.n_inputs]
        self.run_features = net.features.bind(self.inputs, self.a[net.n_inputs : net.n_sources])
        #: whether some level has missing links (see :mod:`designer.engine.masked`); z of every neuron
        self.guard = any(lv.present is not None for lv in net.levels)
        self.z_neurons = self.z[net.n_sources + 1 :]
        self.steps = [
            (
                lv.weights,
                self.a[lv.lo : lv.start],
                self.z[lv.start : lv.stop],
                lv.present,
                tuple((kernel(act, net.dtype).value, self.z[r0:r1], self.a[r0:r1]) for act, r0, r1 in lv.groups),
            )
            for lv in net.levels
        ]

    def run(self) -> None:
        """Fill the feature rows, then z and a of every neuron, from the input rows of ``a``."""
        self.run_features()
        self.run_levels(guarded=False)
        if self.guard and has_nan(self.z_neurons):  # maybe a missing link's 0 · ∞: again, exactly
            self.run_levels(guarded=True)

    def run_levels(self, guarded: bool) -> None:
        """z and a of every neuron, level by level; ``guarded``: missing links never read a non-finite source."""
        matmul = np.matmul
        for weights, sources, z, present, groups in self.steps:
            matmul(weights, sources, out=z)
            if guarded and present is not None and has_nan(z):
                masked_product(weights, present, sources, z)
            for fn, zg, ag in groups:
                fn(zg, ag)


def compile_network(network: Network, dtype: type[np.floating] | np.dtype = np.float64) -> CompiledNetwork:
    return CompiledNetwork(network, dtype)


#: the largest float32: a weight or bias beyond it is infinite in a float32 network
FLOAT32_MAX = float(np.finfo(np.float32).max)


def beyond_float32(network: Network) -> str:
    """The first weight or bias float32 cannot hold, described (``""``: every one fits)."""
    for key, connection in network.connections.items():
        if abs(connection.weight) > FLOAT32_MAX:
            return f"the weight {key[0]} → {key[1]} = {connection.weight:g}"
    for neuron_id, neuron in network.neurons.items():
        if abs(neuron.bias) > FLOAT32_MAX:
            return f"the bias of {neuron_id} = {neuron.bias:g}"
    return ""


def first_beyond(x: np.ndarray, dtype: type[np.floating] | np.dtype) -> tuple[int, int, float] | None:
    """(row, column, value) of the first finite value of samples ``x`` (N, n_inputs) that ``dtype``
    cannot hold (it is ±inf there), or None when every value fits."""
    limit = float(np.finfo(np.dtype(dtype)).max)
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        over = np.isfinite(x) & (np.abs(x) > limit)
    if not over.any():
        return None
    row, column = (int(i) for i in np.argwhere(over)[0])
    return row, column, float(x[row, column])
