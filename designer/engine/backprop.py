"""Forward + backward over one batch with preallocated buffers (the training hot path).

Backpropagation is the lecture's chain rule applied level by level, from the
outputs back: dL/dz = dL/da · g'(z); dL/dW = dL/dz · aᵀ of the sources;
dL/da of the sources += Wᵀ · dL/dz.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from designer.engine import losses
from designer.engine.activations import CONSTANT_DERIVATIVE, FORWARD_WITH_DERIVATIVE
from designer.engine.compiled import CompiledNetwork, ForwardPlan


class Workspace(ForwardPlan):
    """Forward buffers plus dL/da, dL/dz per node and a flat gradient like theta."""

    def __init__(self, net: CompiledNetwork, n: int, loss: str) -> None:
        losses.check_loss(loss)
        super().__init__(net, n)
        self.loss = loss
        shape = (net.n_rows, n)
        dt = net.dtype
        self.grad_a = np.zeros(shape, dt)
        self.grad_z = np.zeros(shape, dt)
        self.tmp = np.zeros(shape, dt)
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
                self.slope[r0:r1] = CONSTANT_DERIVATIVE.get(act, 0.0)
                groups.append((FORWARD_WITH_DERIVATIVE[act], self.z[r0:r1], self.a[r0:r1], self.slope[r0:r1]))
            self.steps.append((lv.weights, self.a[lv.lo : lv.start], self.z[lv.start : lv.stop], tuple(groups)))
        self.a_out = self.a[net.output_rows]  # a view when the outputs are contiguous rows
        self.z_out = self.z[net.output_rows]
        self.out_is_view = isinstance(net.output_rows, slice)
        self._zero_rows: list[int] = []
        if self.out_is_view and not net.softmax:
            self.p = self.a_out  # outputs are the activations themselves: no copy per step
        out_acts = {net.activation_of[o] for o in net.output_ids}
        #: Loss gradients taken at z directly (stable): softmax or all-sigmoid outputs with cross-entropy.
        self.fused = loss == "cross_entropy" and (net.softmax or out_acts == {"sigmoid"})
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
            low = max(lv.lo, net.n_sources + 1)  # no dL/da needed for inputs and features in training
            mine = out_level == k_level
            propagate = None
            if low < lv.start:
                block = written[low : lv.start]
                assign = not block.any()
                if block.any() and not block.all():
                    self._zero_rows.extend(np.flatnonzero(~block) + low)
                written[low : lv.start] = True
                propagate = (
                    lv.weights[:, low - lv.lo :].T,
                    self.tmp[low : lv.start],
                    self.grad_a[low : lv.start],
                    assign,
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
                    (lv.weights[:, : low - lv.lo].T, self.tmp[lv.lo : low], self.grad_a[lv.lo : low])
                    if lv.lo < low
                    else None,
                )
            )
        self._zero_index = np.array(sorted(set(self._zero_rows)), dtype=np.intp)

    def run(self) -> None:
        """Fill the feature rows, then z, a and g'(z) of every neuron, from the input rows of ``a``."""
        self.run_features()
        matmul = np.matmul
        for weights, sources, z, groups in self.steps:
            matmul(weights, sources, out=z)
            for fn, zg, ag, dg in groups:
                fn(zg, ag, dg)

    def forward(self) -> np.ndarray:
        """Run forward on the loaded inputs; returns the network outputs (n_outputs, N)."""
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

    def loss_and_output_grad(self, y: np.ndarray) -> float:
        """Loss; leaves dL/d(output a) in grad_p, or with ``fused`` dL/dz of the outputs."""
        net = self.net
        if self.loss in ("mse", "sse"):
            value = losses.squared_error(self.p, y, self.grad_p, mean=self.loss == "mse")
            if net.softmax:
                losses.softmax_backward(self.p, self.grad_p, self.tmp_out)
                np.copyto(self.grad_p, self.tmp_out)
            return value
        z_out = self.z_out if self.out_is_view else self.z[net.output_rows]
        if net.softmax:
            return losses.softmax_cross_entropy(z_out, self.p, y, self.grad_p)
        if self.fused:
            return losses.sigmoid_cross_entropy(z_out, self.p, y, self.grad_p)
        return losses.binary_cross_entropy(self.p, y, self.grad_p, self.tmp_out)

    def backward(self, y: np.ndarray, input_grads: bool = False) -> float:
        """Loss, and gradients: ``grad`` (flat, like theta), ``grad_z`` and ``grad_a`` per node."""
        value = self.loss_and_output_grad(y)
        net = self.net
        if input_grads:
            self.grad_a[: net.n_sources + 1] = 0.0
        if self._zero_index.size:
            self.grad_a[self._zero_index] = 0.0
        if not self.fused:
            self.grad_a[self.net.output_rows] = self.grad_p
        matmul = np.matmul
        multiply = np.multiply
        for ga_level, slope, gz, sources_t, g_w, propagate, fused, to_inputs in self._back:
            multiply(ga_level, slope, out=gz)  # chain rule: dL/dz = dL/da · g'(z)
            if fused is not None:
                self.grad_z[fused[0]] += self.grad_p[fused[1]]
            matmul(gz, sources_t, out=g_w)  # the ones row makes the last column dL/db
            if propagate is not None:
                w_t, tmp, ga, assign = propagate
                if assign:
                    matmul(w_t, gz, out=ga)
                else:
                    matmul(w_t, gz, out=tmp)
                    ga += tmp
            if input_grads and to_inputs is not None:
                w_t, tmp, ga = to_inputs
                matmul(w_t, gz, out=tmp)
                ga += tmp
        if input_grads and net.n_features:  # chain rule through the features to the raw inputs
            sources = self.grad_a[: net.n_sources]
            net.features.backward(self.inputs, sources[net.n_inputs :], sources[: net.n_inputs])
        return value


@dataclass
class Gradients:
    """Everything a student or the gradient view may ask for, in model order."""

    loss: float
    connections: dict[tuple[str, str], float]
    biases: dict[str, float]
    grad_z: dict[str, np.ndarray]  # dL/dz per neuron, per sample
    grad_a: dict[str, np.ndarray]  # dL/da per node, per sample


def gradients(net: CompiledNetwork, x: np.ndarray, y: np.ndarray, loss: str) -> Gradients:
    """Exact gradients of ``loss`` for samples x (N, n_in) and targets y (N, n_out)."""
    xt = net.as_node_major(x)
    yt = np.ascontiguousarray(np.asarray(y, dtype=net.dtype).T)
    if yt.shape != (len(net.output_ids), xt.shape[1]):
        raise ValueError(f"expected targets of shape ({xt.shape[1]}, {len(net.output_ids)}), got {y.shape}")
    ws = Workspace(net, xt.shape[1], loss)
    ws.inputs[...] = xt
    ws.forward()
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
