"""The training loss over a grid of values of one or two weights/biases (the lecture's loss landscape).

Why it is fast: changing a parameter of neuron n changes only n's z, then whatever reads n. So the
network is evaluated once with its current values (``forward_all``), and only the rows downstream of
the chosen parameters are recomputed, for every grid point at once, as *changes* against that base:

    z_r(grid) = z_r + Σ_{changed sources c} W[r, c] · (a_c(grid) − a_c) + Σ_{params p into r} (v_p − w_p) · a_src(p)

A bias is the weight from the level's constant row of ones. Everything upstream of the first chosen
parameter's level is never recomputed; grid points are processed in chunks that stay in the cache.
The grid part runs in float32 by default (a picture, not a gradient): about 1e-6 relative error.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from designer.engine.activations import kernel
from designer.engine.compiled import CompiledNetwork, EngineError
from designer.engine.losses import check_loss
from designer.model.jsonread import one_line

#: Grid values × samples × changed rows per chunk (about 1 MiB of float32: fits the L2 cache).
CHUNK_ENTRIES = 1 << 18
#: Grid values × samples × changed rows of ALL levels a chunk holds at once (each level keeps three
#: buffers): the chunk was sized by the widest level alone, and a 1,000-level chain took 4.4 GB.
BUFFER_ENTRIES = 1 << 21
#: Most grid points (a 1000×1000 surface); more is refused rather than computed for minutes.
MAX_GRID_POINTS = 1_000_000
_EPS = {np.dtype(np.float64): 1e-12, np.dtype(np.float32): 1e-7}
#: the objective "the output itself" (the lecture's J(w) = z₃ of a chain-rule drill): no target, no loss;
#: its mean over the samples and outputs
OUTPUT = "output"
_ID = re.compile(r"(?:w:(?P<source>.+?)->(?P<target>.+)|b:(?P<neuron>.+))", re.DOTALL)


@dataclass(frozen=True)
class Parameter:
    """A weight (``source`` → ``target``) or a bias (``source`` None) of the network.

    Written ``w:x1->h1`` and ``b:h1`` in lesson files and the CLI.
    """

    target: str
    source: str | None = None

    @property
    def is_bias(self) -> bool:
        return self.source is None

    @property
    def id(self) -> str:
        return f"b:{self.target}" if self.source is None else f"w:{self.source}->{self.target}"

    @classmethod
    def parse(cls, text: str) -> Parameter:
        """``w:SOURCE->TARGET`` or ``b:NEURON``; ValueError (one line) otherwise."""
        match = _ID.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            shown = " ".join(str(text).split())[:40]
            raise ValueError(
                f"'{shown}' is not a parameter: write w:SOURCE->TARGET for a weight or b:NEURON for a bias"
            )
        if match["neuron"] is not None:
            return cls(match["neuron"])
        return cls(match["target"], match["source"])


@dataclass
class Landscape:
    """Loss values on the grid: ``values[i]`` (one parameter) or ``values[i, j]`` (two, ``axes`` order)."""

    parameters: tuple[Parameter, ...]
    axes: tuple[np.ndarray, ...]
    values: np.ndarray
    current: tuple[float, ...]  # the parameters' values now (the point to mark)
    current_loss: float  # the loss there, computed in the network's own precision


def parameter_index(net: CompiledNetwork, parameter: Parameter) -> int:
    """The parameter's position in ``net.theta``; EngineError if the network has no such weight or bias."""
    if parameter.is_bias:
        if parameter.target not in net._neuron_pos:
            raise EngineError(f"no neuron '{one_line(parameter.target, 40)}' for the bias {parameter.id[:50]}")
        return int(net.bias_index[net._neuron_pos[parameter.target]])
    key = (parameter.source, parameter.target)
    if key not in net._connection_pos:
        raise EngineError(f"no connection {str(parameter.source)[:40]} → {parameter.target[:40]} in the network")
    return int(net.connection_index[net._connection_pos[key]])


def default_axis(value: float, points: int = 60) -> np.ndarray:
    """A range around a parameter's current value: value ± max(3, 2·|value|), ``points`` values."""
    span = max(3.0, 2.0 * abs(value))
    return np.linspace(value - span, value + span, points)


def loss_landscape(
    net: CompiledNetwork,
    x: np.ndarray,
    y: np.ndarray,
    loss: str,
    parameters: Sequence[Parameter],
    axes: Sequence[np.ndarray],
    *,
    dtype: type[np.floating] | np.dtype = np.float32,
    l1: float = 0.0,
    l2: float = 0.0,
) -> Landscape:
    """The ``loss`` on samples x (N, n_inputs), y (N, n_outputs) for every combination of ``axes`` values,
    plus the L1 and L2 penalties training adds (λ₁·Σ|w| + λ₂/2·Σw² over the trainable weights), so the
    lowest point is where training goes. ``loss`` :data:`OUTPUT` is the output itself (y is not read).

    One or two parameters (distinct). ``net.theta`` is left as it was. Raises EngineError or ValueError
    (one line) for unknown parameters, mismatched shapes or a grid that is too large.
    """
    if loss != OUTPUT:
        check_loss(loss)
    plan = _Plan(net, parameters, axes)
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if len(x) == 0:
        raise EngineError("no samples to compute the loss on")
    if y.shape != (len(x), len(net.output_ids)):
        raise EngineError(f"expected targets of shape ({len(x)}, {len(net.output_ids)}), got {y.shape}")
    z0, a0 = net.forward_all(x)
    assert z0 is not None
    current_loss = float(_losses(net, loss, _Outputs(net, z0, a0, {}, 1), y.T)[0])
    values = plan.evaluate(z0, a0, y.T, loss, np.dtype(dtype))
    shape = tuple(len(axis) for axis in plan.axes)
    values = values.reshape(shape)
    if l1 or l2:
        values = values + _penalty_grid(net, plan.parameters, plan.axes, l1, l2).astype(values.dtype)
        current_loss += weight_penalty(net, l1, l2)
    return Landscape(plan.parameters, plan.axes, values, plan.current, current_loss)


def weight_penalty(net: CompiledNetwork, l1: float, l2: float) -> float:
    """λ₁·Σ|w| + λ₂/2·Σw² over the trainable weights now (biases are not penalised), as training adds it."""
    w = net.theta[net.weight_mask != 0].astype(np.float64)
    return float(l1 * np.abs(w).sum() + l2 / 2 * (w * w).sum())


def _penalty_grid(
    net: CompiledNetwork, parameters: Sequence[Parameter], axes: Sequence[np.ndarray], l1: float, l2: float
) -> np.ndarray:
    """The penalty at every grid point: the current one with each chosen trainable weight's term
    replaced by its term at the grid value (an outer sum over the axes)."""
    total = np.full(tuple(len(axis) for axis in axes), weight_penalty(net, l1, l2))
    for k, (parameter, axis) in enumerate(zip(parameters, axes, strict=True)):
        flat = parameter_index(net, parameter)
        if not net.weight_mask[flat]:
            continue  # a bias or a frozen weight: no penalty on it
        now = float(net.theta[flat])
        term = l1 * np.abs(axis) + l2 / 2 * axis * axis - (l1 * abs(now) + l2 / 2 * now * now)
        total += term.reshape([-1 if i == k else 1 for i in range(len(axes))])
    return total


@dataclass
class _Level:
    """One level with changed rows: what it reads and how its rows are recomputed."""

    index: int  # into net.levels
    rows: np.ndarray  # changed rows of this level, ascending
    sources: list[int]  # changed rows (of earlier levels) that these rows read
    weights: np.ndarray  # (rows, sources) current weights
    groups: list[tuple[str, int, int]]  # (activation, first, last+1) positions within ``rows``
    moves: list[tuple[int, int, int]]  # (position within rows, parameter number, source row)


class _Plan:
    """Which rows change, level by level, and the grid of parameter values."""

    def __init__(self, net: CompiledNetwork, parameters: Sequence[Parameter], axes: Sequence[np.ndarray]) -> None:
        if not 1 <= len(parameters) <= 2 or len(parameters) != len(axes):
            raise ValueError("give one or two parameters, each with its axis of values")
        if len(parameters) == 2 and parameters[0] == parameters[1]:
            raise ValueError(f"the two parameters must differ (both are {parameters[0].id[:50]})")
        self.net = net
        self.parameters = tuple(parameters)
        self.axes = tuple(np.asarray(axis, dtype=np.float64).ravel() for axis in axes)
        if any(len(axis) == 0 or not np.all(np.isfinite(axis)) for axis in self.axes):
            raise ValueError("every axis needs at least one finite value")
        self.n_points = int(np.prod([len(axis) for axis in self.axes]))
        if self.n_points > MAX_GRID_POINTS:
            raise ValueError(f"{self.n_points:,} grid points, at most {MAX_GRID_POINTS:,}")
        flat = [parameter_index(net, p) for p in self.parameters]
        self.current = tuple(float(net.theta[i]) for i in flat)
        grids = np.meshgrid(*self.axes, indexing="ij")
        #: per parameter: the grid's values minus the current value, flattened
        self.offsets = [grid.ravel() - value for grid, value in zip(grids, self.current, strict=True)]
        self.levels = self._plan_levels([self._rows(i) for i in flat])

    def _rows(self, flat: int) -> tuple[int, int]:
        """(target row, source row) of a theta entry; a bias's source is its level's ones row."""
        for level in self.net.levels:
            lo, hi = level.w_range
            if lo <= flat < hi:
                width = level.start - level.lo
                return level.start + (flat - lo) // width, level.lo + (flat - lo) % width
        raise EngineError("parameter outside the network's weights")  # pragma: no cover - index came from net

    def _plan_levels(self, moved: list[tuple[int, int]]) -> list[_Level]:
        """From the first level with a chosen parameter on: the rows that change and what they read."""
        net = self.net
        first = min(int(net.level_of_row[target]) for target, _ in moved)
        changed: list[int] = []
        planned = []
        for k in range(first, len(net.levels)):
            level = net.levels[k]
            sources = [c for c in changed if level.lo <= c < level.start]
            block = level.weights[:, [c - level.lo for c in sources]]
            rows = set((np.flatnonzero(np.any(block != 0, axis=1)) + level.start).tolist())
            rows |= {target for target, _ in moved if level.start <= target < level.stop}
            if not rows:
                continue
            ordered = np.array(sorted(rows), dtype=np.intp)
            groups = []
            for act, r0, r1 in level.groups:
                lo, hi = (int(v) for v in np.searchsorted(ordered, [r0, r1]))
                if lo < hi:
                    groups.append((act, lo, hi))
            moves = [
                (int(np.searchsorted(ordered, target)), p, source)
                for p, (target, source) in enumerate(moved)
                if target in rows
            ]
            weights = level.weights[np.ix_(ordered - level.start, [c - level.lo for c in sources])]
            planned.append(_Level(k, ordered, sources, weights, groups, moves))
            changed.extend(ordered.tolist())
        return planned

    def evaluate(self, z0: np.ndarray, a0: np.ndarray, y: np.ndarray, loss: str, dtype: np.dtype) -> np.ndarray:
        """Loss per grid point (flat, 'ij' order)."""
        n = z0.shape[1]
        widest = max(max(len(level.rows) for level in self.levels), len(self.net.output_ids))
        held = sum(len(level.rows) for level in self.levels)
        chunk = max(1, min(CHUNK_ENTRIES // (n * widest), BUFFER_ENTRIES // (n * held)))
        run = _Run(self, z0.astype(dtype), a0.astype(dtype))
        targets = y.astype(dtype)
        offsets = [offset.astype(dtype) for offset in self.offsets]
        out = np.empty(self.n_points)
        with np.errstate(all="ignore"):
            for c0 in range(0, self.n_points, chunk):
                c1 = min(c0 + chunk, self.n_points)
                rows = run.rows([offset[c0:c1] for offset in offsets])
                out[c0:c1] = _losses(self.net, loss, _Outputs(self.net, run.z0, run.a0, rows, c1 - c0), targets)
        return out


class _Run:
    """One evaluation: the base values in the grid's precision and reusable buffers per chunk size."""

    def __init__(self, plan: _Plan, z0: np.ndarray, a0: np.ndarray) -> None:
        self.plan, self.z0, self.a0 = plan, z0, a0
        self.weights = [level.weights.astype(z0.dtype) for level in plan.levels]
        self.z0_rows = [z0[level.rows][:, None, :] for level in plan.levels]
        self.a0_rows = [a0[level.rows][:, None, :] for level in plan.levels]
        self._buffers: dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}

    def _buffers_for(self, points: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """z, a and a − a0 of each level's changed rows, (rows, points, N): allocated once per size."""
        if points not in self._buffers:
            shape = (points, self.z0.shape[1])
            self._buffers[points] = [
                tuple(np.empty((len(level.rows), *shape), self.z0.dtype) for _ in range(3))  # type: ignore[misc]
                for level in self.plan.levels
            ]
        return self._buffers[points]

    def rows(self, offsets: list[np.ndarray]) -> dict[int, tuple[np.ndarray, np.ndarray]]:
        """z and a (points, N) of every changed row for these parameter offsets (one per parameter)."""
        found: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        deltas: dict[int, np.ndarray] = {}
        buffers = self._buffers_for(len(offsets[0]))
        for k, level in enumerate(self.plan.levels):
            z, a, delta = buffers[k]
            self._weighted_changes(level, self.weights[k], deltas, z)
            z += self.z0_rows[k]
            for i, p, source in level.moves:
                source_a = found[source][1] if source in found else self.a0[source]
                z[i] += offsets[p][:, None] * source_a
            for act, lo, hi in level.groups:
                kernel(act, z.dtype).value(z[lo:hi], a[lo:hi])
            np.subtract(a, self.a0_rows[k], out=delta)
            for i, row in enumerate(level.rows.tolist()):
                found[row] = (z[i], a[i])
                deltas[row] = delta[i]
        return found

    @staticmethod
    def _weighted_changes(level: _Level, weights: np.ndarray, deltas: dict[int, np.ndarray], out: np.ndarray) -> None:
        """out = Σ_c W[:, c] · Δa_c over the changed sources (0 without any).

        A few sources are summed as broadcast products: BLAS is slow for an inner dimension of 1 or 2.
        """
        if not level.sources:
            out.fill(0.0)
            return
        if len(level.sources) > 4:
            stacked = np.stack([deltas[c] for c in level.sources])
            np.matmul(weights, stacked.reshape(len(level.sources), -1), out=out.reshape(len(out), -1))
            return
        np.multiply(weights[:, 0, None, None], deltas[level.sources[0]], out=out)
        for j, c in enumerate(level.sources[1:], start=1):
            out += weights[:, j, None, None] * deltas[c]


class _Outputs:
    """The outputs' z and a for one chunk, (n_outputs, points, N), built only when a loss needs them."""

    def __init__(
        self,
        net: CompiledNetwork,
        z0: np.ndarray,
        a0: np.ndarray,
        rows: dict[int, tuple[np.ndarray, np.ndarray]],
        points: int,
    ) -> None:
        self.net, self.z0, self.a0, self.rows, self.points = net, z0, a0, rows, points

    def _stack(self, which: int) -> np.ndarray:
        base = self.z0 if which == 0 else self.a0
        shape = (self.points, base.shape[1])
        return np.stack(
            [
                self.rows[r][which] if r in self.rows else np.broadcast_to(base[r], shape)
                for r in self.net.output_row_array.tolist()
            ]
        )

    def z(self) -> np.ndarray:
        return self._stack(0)

    def a(self) -> np.ndarray:
        return self._stack(1)


def _softplus(z: np.ndarray) -> np.ndarray:
    """log(1 + e^z) without overflow (numpy's float32 logaddexp is 20× slower).

    |z| is capped at 80 inside the exp: e^-80 is already negligible, and smaller values would be
    subnormal floats, on which log1p is 50× slower.
    """
    return np.maximum(z, 0.0) + np.log1p(np.exp(-np.minimum(np.abs(z), 80.0)))


def _losses(net: CompiledNetwork, loss: str, outputs: _Outputs, y: np.ndarray) -> np.ndarray:
    """The loss per grid point as the trainer reports it (or :data:`OUTPUT`: the outputs' mean); y is
    (n_outputs, N).

    Sigmoid outputs with cross-entropy and softmax use the stable formulas on z, like training.
    """
    if loss == OUTPUT:
        return outputs.a().mean(axis=(0, 2))
    y = y[:, None, :]
    k, n = y.shape[0], y.shape[2]
    if net.softmax:
        z = outputs.z()
        shifted = z - z.max(axis=0, keepdims=True)
        log_p = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
        if loss == "cross_entropy":
            return -(y * log_p).sum(axis=(0, 2)) / n
        p = np.exp(log_p)
    elif loss == "cross_entropy" and all(net.activation_of[o] == "sigmoid" for o in net.output_ids):
        z = outputs.z()
        return (_softplus(z) - y * z).sum(axis=(0, 2)) / (k * n)
    else:
        p = outputs.a()
        if loss == "cross_entropy":
            eps = _EPS.get(p.dtype, 1e-12)
            pc = np.clip(p, eps, 1.0 - eps)
            return -(y * np.log(pc) + (1.0 - y) * np.log1p(-pc)).sum(axis=(0, 2)) / (k * n)
    squared = np.square(p - y).sum(axis=(0, 2))
    return squared / (k * n) if loss == "mse" else squared
