"""Forward + backward over one batch with preallocated buffers (the training hot path).

Backpropagation is the lecture's chain rule applied level by level, from the
outputs back: dL/dz = dL/da · g'(z); dL/dW = dL/dz · aᵀ of the sources;
dL/da of the sources += Wᵀ · dL/dz.

A :class:`Workspace` holds the buffers for one batch size; :class:`BatchGradient` runs a batch
of any size through workspaces of at most a chunk of samples and adds up the chunks, so a
full-batch step on 1,000,000 points needs the memory of a few thousand.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from designer.engine import losses
from designer.engine.activations import avx2_code, kernel, prescaled, quiet
from designer.engine.compiled import CompiledNetwork, ForwardPlan, Level
from designer.engine.masked import has_nan, masked_product


def fuses_loss_gradient(net: CompiledNetwork, loss: str) -> bool:
    """Whether the backward pass takes the loss's gradient at the outputs' z directly (exact when they
    saturate): cross-entropy on softmax outputs or on outputs that are all sigmoid. dL/da of such an
    output then holds only what the neurons it feeds send back, not the loss's own part."""
    out_acts = {net.activation_of[o] for o in net.output_ids}
    return loss == "cross_entropy" and (net.softmax or out_acts == {"sigmoid"})


#: A float32 level reading at most this many rows gets dL/dW as matrix-vector products, for blocks of at
#: least GEMV_SAMPLES samples, where :data:`FLOAT32_GEMV` (see :meth:`Workspace._weight_gradient_columns`).
GEMV_SOURCES = 4
GEMV_SAMPLES = 64
#: Whether float32 takes those matrix-vector products: decided at first use, where numpy runs AVX2 code
#: and not AVX-512 (its BLAS then too, as a rule: :func:`designer.engine.activations.avx2_code`), then
#: fixed for the process, so a machine always trains the same way (tests and benchmarks may set it).
FLOAT32_GEMV: bool | None = None
#: Samples from which :func:`outer_product` takes einsum rather than a broadcast multiply.
EINSUM_OUTER_FROM = 64


def float32_gemv(dtype: np.dtype) -> bool:
    """Whether arrays of ``dtype`` take dL/dW of a level reading few rows as matrix-vector products
    (float32 only: float64, the exact path, keeps its one matrix product)."""
    global FLOAT32_GEMV
    if dtype != np.float32:
        return False
    if FLOAT32_GEMV is None:
        FLOAT32_GEMV = avx2_code("exp")
    return FLOAT32_GEMV


def _einsum_outer(column: np.ndarray, row: np.ndarray, out: np.ndarray) -> None:
    np.einsum("i,j->ij", column[:, 0], row[0], out=out)


def outer_product(n: int) -> Callable[..., object]:
    """How to write ``out = column · row`` for a (k, 1) column and a (1, n) row: the same products
    either way. matmul with an inner size of 1 is several times slower than both; numpy's broadcast
    multiply takes about twice einsum's time on a 128 × 1000 block (0.37 against 0.19 ns a value),
    while einsum's own set-up costs more on a mini-batch of ten."""
    return _einsum_outer if n >= EINSUM_OUTER_FROM else np.multiply


class Workspace(ForwardPlan):
    """Forward buffers plus dL/da, dL/dz per node and a flat gradient like theta.

    ``per_node`` keeps dL/da and dL/dz of every node apart (what :func:`gradients` and the gradient
    views report). Without it (training, which needs only dL/dθ) dL/dz overwrites dL/da level by
    level, in place: one buffer fewer to fill and to keep in cache; and in a plain chain of layers
    dL/da overwrites a itself (:meth:`_dl_da_over_a`): one more.
    """

    def __init__(self, net: CompiledNetwork, n: int, loss: str, per_node: bool = True) -> None:
        losses.check_loss(loss)
        super().__init__(net, n)
        self.loss = loss
        self.per_node = per_node
        shape = (net.n_rows, n)
        dt = net.dtype
        #: dL/da lives in a's rows: only training's workspace of a plain chain (see _dl_da_over_a)
        self.over_a = not per_node and self._dl_da_over_a()
        self.grad_a = self.a if self.over_a else np.zeros(shape, dt)
        self.grad_z = np.zeros(shape, dt) if per_node else self.grad_a
        self.tmp = np.zeros(shape, dt)  # pages only ever touched for skip connections and input grads
        k = len(net.output_ids)
        self.p = np.zeros((k, n), dt)
        self.grad_p = np.zeros((k, n), dt)
        self.tmp_out = np.zeros((k, n), dt)
        self.grad = np.zeros_like(net.theta)
        #: g'(z) per node, filled during the forward pass (constant rows filled once here)
        self.slope = np.zeros(shape, dt)
        #: per level, the rows its g'(z) is written to: ``slope``'s, or in training its own z rows
        self.level_slopes: list[np.ndarray] = []
        output_levels = set(net.level_of_row[net.output_row_array].tolist())
        self.steps = [self._forward_step(lv, k_level in output_levels) for k_level, lv in enumerate(net.levels)]
        self.a_out = self.a[net.output_rows]  # a view when the outputs are contiguous rows
        self.z_out = self.z[net.output_rows]
        self.out_is_view = isinstance(net.output_rows, slice)
        self._zero_rows: list[int] = []
        if self.out_is_view and not net.softmax:
            self.p = self.a_out  # outputs are the activations themselves: no copy per step
        #: Loss gradients taken at z directly (stable): softmax or all-sigmoid outputs with cross-entropy.
        self.fused = fuses_loss_gradient(net, loss)
        self._build_backward()

    def _dl_da_over_a(self) -> bool:
        """Whether dL/da may be written over a: in a dense chain of layers (each level reads only the
        level under it and its ones row, every output in the last level), the backward pass writes a
        level's dL/da only after the one level reading its a has taken dL/dW from it, and never writes
        the inputs' or the ones rows (the propagation leaves the ones row out). Not with missing links:
        the guarded pass would read a again. One buffer of rows × samples fewer for the step to keep in
        cache: 2-128-128-1 in float32 (docs/performance.md, 2026-12-03, f32row33)."""
        net = self.net
        levels = net.levels
        chain = all(lv.lo == below.start for below, lv in zip(levels, levels[1:], strict=False))
        last = len(levels) - 1
        return chain and not self.guard and bool(np.all(net.level_of_row[net.output_row_array] == last))

    def _forward_step(self, lv: Level, outputs: bool) -> tuple:
        """What :meth:`run_levels` does for level ``lv`` (``outputs``: it holds output neurons): its
        product, then g and g' per activation group.

        Training's workspace (not ``per_node``) keeps no z that anything reads after the forward pass,
        except the outputs' (the loss's), so on other levels it may hold something else in z's rows:
        - ``factor`` · z for a group whose g starts with that product (:class:`Prescaled`), from weights
          scaled by it: the product costs a pass over the level's weights, and saves one over its z
          rows, when a block has at least as many samples as the level reads rows;
        - g'(z) itself, where every group's g' may be written over z: one buffer fewer in cache.
        """
        net = self.net
        training = not self.per_node and not outputs
        over_z = training and all(kernel(act, net.dtype).slope_over_z for act, _, _ in lv.groups)
        slopes = self.z if over_z else self.slope
        fold = training and self.n >= lv.start - lv.lo
        groups, factors = [], []
        for act, r0, r1 in lv.groups:
            k_act = kernel(act, net.dtype)
            pre = prescaled(k_act) if fold else None
            factors.append(1.0 if pre is None else pre.factor)
            if not over_z:
                self.slope[r0:r1] = k_act.constant_slope
            value = k_act.value if pre is None else pre.value
            groups.append((value, k_act.slope, self.z[r0:r1], self.a[r0:r1], slopes[r0:r1]))
        self.level_slopes.append(slopes[lv.start : lv.stop])
        scale = None
        if any(f != 1.0 for f in factors):
            if len(set(factors)) == 1:
                factor: float | np.ndarray = factors[0]
            else:
                factor = np.repeat(factors, [r1 - r0 for _, r0, r1 in lv.groups]).astype(net.dtype)[:, None]
            scale = (factor, np.empty_like(lv.weights))
        return (lv.weights, scale, self.a[lv.lo : lv.start], self.z[lv.start : lv.stop], lv.present, tuple(groups))

    def _weight_gradient_columns(self, lv: Level) -> tuple | None:
        """dL/dW of a level that reads only a few rows (the inputs and the ones row of a first layer),
        as one matrix-vector product per row read: (source row, column of dL/dW) pairs, or None for one
        matrix product. OpenBLAS's AVX2 kernels take 40 µs for a 128 × 1000 × 3 float32 product that
        three matrix-vector products do in 19; its AVX-512 kernels take 12 (docs/performance.md)."""
        if lv.start - lv.lo > GEMV_SOURCES or self.n < GEMV_SAMPLES or not float32_gemv(self.net.dtype):
            return None
        g_w = self.grad[lv.w_range[0] : lv.w_range[1]].reshape(lv.weights.shape)
        return tuple((self.a[lv.lo + k], g_w[:, k]) for k in range(lv.start - lv.lo))

    def _build_backward(self) -> None:
        """Per level, walking backwards, the views and the numpy call each backward step needs."""
        net = self.net
        rows = net.output_row_array
        out_level = net.level_of_row[rows]
        # Rows of grad_a written so far, walking backwards: the first write to a block can
        # assign (no zeroing, no temporary); later ones add. Rows never written stay 0.
        written = np.zeros(net.n_rows, dtype=bool)
        if not self.fused:
            written[rows] = True
        self._back = []
        for k_level in range(len(net.levels) - 1, -1, -1):
            lv = net.levels[k_level]
            if not self.per_node:
                # dL/dz is written over dL/da: rows no level above writes must be zeroed every step
                self._zero_rows.extend(np.flatnonzero(~written[lv.start : lv.stop]) + lv.start)
            low = max(lv.lo, net.n_sources + 1)  # no dL/da needed for inputs and features in training
            # the sources' dL/da: up to the ones row under the level (with it unless written over a)
            top = lv.start - 1 if self.over_a else lv.start
            mine = out_level == k_level
            # dL/da of the sources = Wᵀ · dL/dz; a level of one neuron makes that an outer product
            spread = outer_product(self.n) if lv.stop - lv.start == 1 else np.matmul
            propagate = None
            # missing links of the transposed block: dL/da of a source gets nothing from a neuron not reading it
            present_t = None if lv.present is None else lv.present.T
            if low < top:
                block = written[low:top]
                assign = not block.any()
                if block.any() and not block.all():
                    self._zero_rows.extend(np.flatnonzero(~block) + low)
                written[low:top] = True
                propagate = (
                    spread,
                    lv.weights[:, low - lv.lo : top - lv.lo].T,
                    self.tmp[low:top],
                    self.grad_a[low:top],
                    assign,
                    None if present_t is None else present_t[low - lv.lo : top - lv.lo],
                )
            self._back.append(
                (
                    self.grad_a[lv.start : lv.stop],
                    self.level_slopes[k_level],
                    self.grad_z[lv.start : lv.stop],
                    self.a[lv.lo : lv.start].T,
                    self._weight_gradient_columns(lv),
                    self.grad[lv.w_range[0] : lv.w_range[1]].reshape(lv.weights.shape),
                    propagate,
                    (rows[mine], np.flatnonzero(mine)) if self.fused and mine.any() else None,
                    None if lv.present is None else ~lv.present,
                    (
                        spread,
                        lv.weights[:, : low - lv.lo].T,
                        self.tmp[lv.lo : low],
                        self.grad_a[lv.lo : low],
                        None if present_t is None else present_t[: low - lv.lo],
                    )
                    if lv.lo < low
                    else None,
                )
            )
        self._zero_index = np.array(sorted(set(self._zero_rows)), dtype=np.intp)

    def run_levels(self, guarded: bool) -> None:
        """z, a and g'(z) of every neuron (the caller silences overflow: see :func:`quiet`)."""
        matmul = np.matmul
        for weights, scale, sources, z, present, groups in self.steps:
            if scale is not None:
                factor, scaled = scale
                np.multiply(weights, factor, out=scaled)
                weights = scaled  # this level's z rows get factor · z (see _forward_step)
            matmul(weights, sources, out=z)
            if guarded and present is not None and has_nan(z):
                masked_product(weights, present, sources, z)
            for value, slope, zg, ag, dg in groups:
                value(zg, ag)
                if slope is not None:
                    slope(zg, ag, dg)

    def forward(self) -> np.ndarray:
        """Run forward on the loaded inputs; returns the network outputs (n_outputs, N)."""
        with quiet():
            return self._forward()

    def _forward(self) -> np.ndarray:
        self.run()
        net = self.net
        a_out = self.a_out if self.out_is_view else self.a[net.output_rows]
        if net.softmax:
            np.subtract(a_out, a_out.max(axis=0, keepdims=True), out=self.p)
            np.exp(self.p, out=self.p)
            self.p /= self.p.sum(axis=0, keepdims=True)
        elif self.p is not a_out:
            np.copyto(self.p, a_out)
        return self.p

    def loss_and_output_grad(self, y: np.ndarray, count: int | None = None) -> float:
        """Loss; leaves dL/d(output a) in grad_p, or with ``fused`` dL/dz of the outputs.

        ``count``: the number of samples the loss is a mean over (default: this batch's); a chunk
        of a larger batch passes the batch's, so chunk losses and gradients add up to the batch's.
        """
        net = self.net
        count = self.n if count is None else count
        z_out = None  # only cross-entropy reads z (an index copy of it where the outputs are not contiguous)
        if self.loss == "cross_entropy":
            z_out = self.z_out if self.out_is_view else self.z[net.output_rows]
        value = losses.training_loss(
            self.loss,
            z_out,
            self.p,
            y,
            softmax=net.softmax,
            fused=self.fused,
            count=count,
            grad=self.grad_p,
            tmp=self.tmp_out,
        )
        if self.loss in ("mse", "sse") and net.softmax:  # dL/dp back through the softmax to dL/dz
            losses.softmax_backward(self.p, self.grad_p, self.tmp_out)
            np.copyto(self.grad_p, self.tmp_out)
        return value

    def backward(self, y: np.ndarray, input_grads: bool = False, count: int | None = None) -> float:
        """Loss, and gradients: ``grad`` (flat, like theta), ``grad_z`` and ``grad_a`` per node.

        ``count`` as in :meth:`loss_and_output_grad`. ``input_grads`` needs a workspace whose dL/da
        is not written over a (``per_node``).
        """
        if input_grads and self.over_a:
            raise ValueError("input gradients need dL/da apart from a (a per-node workspace)")
        value = self.loss_and_output_grad(y, count)
        # per-node gradients are shown as they are: exact at once; training checks its flat gradient once
        self.backward_levels(input_grads, guarded=self.guard and input_grads)
        if self.guard and not input_grads and not math.isfinite(self.grad.sum()):
            self.backward_levels(False, guarded=True)  # maybe a missing link's 0 · ∞: again, exactly
        net = self.net
        if input_grads and net.n_features:  # chain rule through the features to the raw inputs
            sources = self.grad_a[: net.n_sources]
            net.features.backward(self.inputs, sources[net.n_inputs :], sources[: net.n_inputs])
        return value

    def backward_levels(self, input_grads: bool, guarded: bool) -> None:
        """dL/dz, dL/da and dL/dθ level by level from dL/d(output) (left in grad_p by the loss);
        ``guarded``: missing links carry nothing, whatever the values (see :mod:`designer.engine.masked`)."""
        net = self.net
        if input_grads:
            self.grad_a[: net.n_sources + 1] = 0.0
        if self._zero_index.size:
            self.grad_a[self._zero_index] = 0.0
        if not self.fused:
            self.grad_a[self.net.output_rows] = self.grad_p
        matmul = np.matmul
        multiply = np.multiply
        for ga_level, slope, gz, sources_t, columns, g_w, propagate, fused, absent, to_inputs in self._back:
            multiply(ga_level, slope, out=gz)  # chain rule: dL/dz = dL/da · g'(z)
            if fused is not None:
                self.grad_z[fused[0]] += self.grad_p[fused[1]]
            if columns is None:
                matmul(gz, sources_t, out=g_w)  # the ones row makes the last column dL/db
            else:
                for source, column in columns:
                    matmul(gz, source, out=column)
            if guarded and absent is not None:
                g_w[absent] = 0.0  # a missing link has no gradient, even beside an infinite source
            if propagate is not None:
                spread, w_t, tmp, ga, assign, present = propagate
                out = ga if assign else tmp
                spread(w_t, gz, out=out)
                if guarded and present is not None and has_nan(out):
                    masked_product(w_t, present, gz, out)
                if not assign:
                    ga += tmp
            if input_grads and to_inputs is not None:
                spread, w_t, tmp, ga, present = to_inputs
                spread(w_t, gz, out=tmp)
                if guarded and present is not None and has_nan(tmp):
                    masked_product(w_t, present, gz, tmp)
                ga += tmp


#: Samples × rows of one chunk's buffers when a batch is split (see :func:`chunk_size`).
CHUNK_ENTRIES = 1 << 18
#: A batch up to this fraction over a chunk runs whole: two half chunks cost more numpy calls and
#: smaller products than the cache saves (2-128-128-1 on 1000 points, chunk 996: 11 % slower split).
CHUNK_SLACK = 1 / 8


#: float32 chunks: fewer entries per buffer (768 KB), so the three a step works through (a, z and
#: dL/da) stay within a 2 MB L2 cache, and never fewer than CHUNK_LEAST_FLOAT32 samples. 2-128-128-1 on
#: 1000 points then runs as two chunks of 500, 1.45 against 1.51 ms a step with AVX2 (the same with
#: AVX-512); three chunks of 334 at 256 wide cost 6 % more than two of 500 (with AVX-512: each chunk
#: adds some 30 numpy calls and the scaled weights). docs/performance.md, 2026-12-03.
CHUNK_ENTRIES_FLOAT32 = 3 << 16
CHUNK_LEAST_FLOAT32 = 500


def chunk_size(net: CompiledNetwork) -> int:
    """Samples per chunk: each buffer then holds about CHUNK_ENTRIES numbers (1-2 MB, cache-sized),
    and 1,000,000 points need no more memory than a few thousand."""
    if net.dtype == np.float32:
        return max(CHUNK_LEAST_FLOAT32, CHUNK_ENTRIES_FLOAT32 // net.n_rows)
    return max(256, CHUNK_ENTRIES // net.n_rows)


def chunk_spans(n: int, chunk: int) -> list[tuple[int, int]]:
    """``n`` samples cut into equal chunks of at most ``chunk`` (the last may be a little shorter)."""
    parts = -(-n // chunk)
    size = -(-n // parts) if parts else 0
    return [(c0, min(c0 + size, n)) for c0 in range(0, n, size)] if n else []


class BatchGradient:
    """Loss and dL/dθ of a batch of any size, computed in chunks: memory flat in the number of samples.

    Each chunk's loss and gradient are scaled by the whole batch's size, so their sums are the
    batch's loss and gradient (equal to one pass over all samples, up to rounding).
    """

    def __init__(self, net: CompiledNetwork, loss: str, chunk: int | None = None) -> None:
        losses.check_loss(loss)
        self.net = net
        self.loss = loss
        self.chunk = chunk or chunk_size(net)
        self._sum = np.zeros_like(net.theta)
        self._workspaces: dict[int, Workspace] = {}

    def workspace(self, n: int) -> Workspace:
        """Buffers for ``n`` samples (a few sizes are kept: chunk, last chunk, mini-batch, last mini-batch)."""
        ws = self._workspaces.get(n)
        if ws is None:
            if len(self._workspaces) >= 4:
                self._workspaces.clear()
            ws = self._workspaces[n] = Workspace(self.net, n, self.loss, per_node=False)
        return ws

    def compute(self, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and flat gradient for samples x (n_inputs, N) and targets y (n_outputs, N), node-major.

        The gradient array is reused by the next call. Overflow on the way to a divergence is not
        warned about: callers check that the results are finite.
        """
        with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
            return self.compute_unchecked(x, y)

    def compute_unchecked(self, x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """:meth:`compute` for callers that already silenced floating-point warnings (a training step)."""
        n = x.shape[1]
        if n <= self.chunk * (1 + CHUNK_SLACK):
            ws = self.workspace(n)
            np.copyto(ws.inputs, x)
            ws._forward()
            return ws.backward(y), ws.grad
        total = 0.0
        for c0, c1 in chunk_spans(n, self.chunk):
            ws = self.workspace(c1 - c0)
            np.copyto(ws.inputs, x[:, c0:c1])
            ws._forward()
            total += ws.backward(y[:, c0:c1], count=n)
            if c0 == 0:
                np.copyto(self._sum, ws.grad)
            else:
                self._sum += ws.grad
        return total, self._sum


@dataclass
class Gradients:
    """Everything a student or the gradient view may ask for, in model order."""

    loss: float
    connections: dict[tuple[str, str], float]
    biases: dict[str, float]
    grad_z: dict[str, np.ndarray]  # dL/dz per neuron, per sample
    grad_a: dict[str, np.ndarray]  # dL/da per node, per sample


def _node_major(net: CompiledNetwork, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[np.ndarray, np.ndarray]:
    """Samples (N, n_in) and targets (N, n_out) as node-major arrays of the network's dtype, checked
    for ``loss`` (a known name, targets it can be taken against)."""
    losses.check_loss(loss)
    xt = net.as_node_major(x)
    yt = np.ascontiguousarray(np.asarray(y, dtype=net.dtype).T)
    if yt.shape != (len(net.output_ids), xt.shape[1]):
        raise ValueError(f"expected targets of shape ({xt.shape[1]}, {len(net.output_ids)}), got {np.shape(y)}")
    losses.check_targets(loss, yt)
    return xt, yt


def gradients(net: CompiledNetwork, x: np.ndarray, y: np.ndarray, loss: str) -> Gradients:
    """Exact gradients of ``loss`` for samples x (N, n_in) and targets y (N, n_out)."""
    xt, yt = _node_major(net, x, y, loss)
    ws = Workspace(net, xt.shape[1], loss)
    ws.inputs[...] = xt
    with quiet():  # overflow is reported as an infinite loss or gradient, not warned about
        ws._forward()
        value = ws.backward(yt, input_grads=True)
    # dL/dz of outputs with fused losses is only in grad_z; report dL/da = dL/dz / g'(z) is ill-defined
    # for saturated units, so grad_a for fused outputs stays what downstream neurons contributed.
    return Gradients(
        loss=value,
        connections=dict(zip(net.connection_keys, ws.grad[net.connection_index].tolist(), strict=True)),
        biases=dict(zip(net.neuron_ids, ws.grad[net.bias_index].tolist(), strict=True)),
        grad_z={n: ws.grad_z[net.index[n]].copy() for n in net.neuron_ids},
        grad_a={n: ws.grad_a[net.index[n]].copy() for n in net.node_ids},
    )


def parameter_gradients(
    net: CompiledNetwork, x: np.ndarray, y: np.ndarray, loss: str
) -> tuple[float, dict[tuple[str, str], float], dict[str, float]]:
    """Loss and exact dL/dw, dL/db for samples x (N, n_in) and targets y (N, n_out), in chunks:
    what :func:`gradients` reports without its per-sample arrays, so any N fits in memory."""
    xt, yt = _node_major(net, x, y, loss)
    value, grad = BatchGradient(net, loss).compute(xt, yt)
    return (
        value,
        dict(zip(net.connection_keys, grad[net.connection_index].tolist(), strict=True)),
        dict(zip(net.neuron_ids, grad[net.bias_index].tolist(), strict=True)),
    )
