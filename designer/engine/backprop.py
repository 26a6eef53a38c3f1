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
from dataclasses import dataclass

import numpy as np

from designer.engine import losses
from designer.engine.activations import kernel, quiet
from designer.engine.compiled import CompiledNetwork, ForwardPlan
from designer.engine.masked import has_nan, masked_product


def fuses_loss_gradient(net: CompiledNetwork, loss: str) -> bool:
    """Whether the backward pass takes the loss's gradient at the outputs' z directly (exact when they
    saturate): cross-entropy on softmax outputs or on outputs that are all sigmoid. dL/da of such an
    output then holds only what the neurons it feeds send back, not the loss's own part."""
    out_acts = {net.activation_of[o] for o in net.output_ids}
    return loss == "cross_entropy" and (net.softmax or out_acts == {"sigmoid"})


class Workspace(ForwardPlan):
    """Forward buffers plus dL/da, dL/dz per node and a flat gradient like theta.

    ``per_node`` keeps dL/da and dL/dz of every node apart (what :func:`gradients` and the gradient
    views report). Without it (training, which needs only dL/dθ) dL/dz overwrites dL/da level by
    level, in place: one buffer fewer to fill and to keep in cache.
    """

    def __init__(self, net: CompiledNetwork, n: int, loss: str, per_node: bool = True) -> None:
        losses.check_loss(loss)
        super().__init__(net, n)
        self.loss = loss
        self.per_node = per_node
        shape = (net.n_rows, n)
        dt = net.dtype
        self.grad_a = np.zeros(shape, dt)
        self.grad_z = np.zeros(shape, dt) if per_node else self.grad_a
        self.tmp = np.zeros(shape, dt)  # pages only ever touched for skip connections and input grads
        k = len(net.output_ids)
        self.p = np.zeros((k, n), dt)
        self.grad_p = np.zeros((k, n), dt)
        self.tmp_out = np.zeros((k, n), dt)
        self.grad = np.zeros_like(net.theta)
        #: g'(z) per node, filled during the forward pass (constant rows filled once here)
        self.slope = np.zeros(shape, dt)
        self.steps = []
        for lv in net.levels:
            groups = []
            for act, r0, r1 in lv.groups:
                k_act = kernel(act, dt)
                self.slope[r0:r1] = k_act.constant_slope
                groups.append((k_act.value, k_act.slope, self.z[r0:r1], self.a[r0:r1], self.slope[r0:r1]))
            self.steps.append(
                (lv.weights, self.a[lv.lo : lv.start], self.z[lv.start : lv.stop], lv.present, tuple(groups))
            )
        self.a_out = self.a[net.output_rows]  # a view when the outputs are contiguous rows
        self.z_out = self.z[net.output_rows]
        self.out_is_view = isinstance(net.output_rows, slice)
        self._zero_rows: list[int] = []
        if self.out_is_view and not net.softmax:
            self.p = self.a_out  # outputs are the activations themselves: no copy per step
        #: Loss gradients taken at z directly (stable): softmax or all-sigmoid outputs with cross-entropy.
        self.fused = fuses_loss_gradient(net, loss)
        self._build_backward()

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
            mine = out_level == k_level
            # dL/da of the sources = Wᵀ · dL/dz; a level of one neuron makes that an outer product,
            # which a broadcast multiply does several times faster than matmul with an inner size of 1
            spread = np.multiply if lv.stop - lv.start == 1 else np.matmul
            propagate = None
            # missing links of the transposed block: dL/da of a source gets nothing from a neuron not reading it
            present_t = None if lv.present is None else lv.present.T
            if low < lv.start:
                block = written[low : lv.start]
                assign = not block.any()
                if block.any() and not block.all():
                    self._zero_rows.extend(np.flatnonzero(~block) + low)
                written[low : lv.start] = True
                propagate = (
                    spread,
                    lv.weights[:, low - lv.lo :].T,
                    self.tmp[low : lv.start],
                    self.grad_a[low : lv.start],
                    assign,
                    None if present_t is None else present_t[low - lv.lo :],
                )
            self._back.append(
                (
                    self.grad_a[lv.start : lv.stop],
                    self.slope[lv.start : lv.stop],
                    self.grad_z[lv.start : lv.stop],
                    self.a[lv.lo : lv.start].T,
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
        for weights, sources, z, present, groups in self.steps:
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

        ``count`` as in :meth:`loss_and_output_grad`.
        """
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
        for ga_level, slope, gz, sources_t, g_w, propagate, fused, absent, to_inputs in self._back:
            multiply(ga_level, slope, out=gz)  # chain rule: dL/dz = dL/da · g'(z)
            if fused is not None:
                self.grad_z[fused[0]] += self.grad_p[fused[1]]
            matmul(gz, sources_t, out=g_w)  # the ones row makes the last column dL/db
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


def chunk_size(net: CompiledNetwork) -> int:
    """Samples per chunk: each buffer then holds about CHUNK_ENTRIES numbers (1-2 MB, cache-sized),
    and 1,000,000 points need no more memory than a few thousand."""
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
