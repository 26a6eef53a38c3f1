"""Training as a sequence of steps a GUI can interleave with drawing.

Frozen weights and biases are masked out of every update, so they stay
bit-identical. A step whose loss or weights are not finite is undone and
reported: the weights stay the last finite ones.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from designer.engine import losses
from designer.engine.backprop import BatchGradient, fuses_loss_gradient
from designer.engine.compiled import MAX_BUFFER_ENTRIES, CompiledNetwork
from designer.engine.optimizers import make_optimizer

#: the gradient's length is measured in one epoch of this many (Trainer.gradient_norm)
GRADIENT_EVERY = 8


@dataclass
class TrainingSettings:
    loss: str = "mse"
    optimizer: str = "sgd"
    learning_rate: float = 0.03
    batch_size: int | None = None  # None: full batch
    l1: float = 0.0
    l2: float = 0.0
    seed: int = 0
    momentum: float = 0.9


@dataclass
class StepResult:
    loss: float  # data loss of the batch before the update
    epoch: int  # completed epochs after this step
    step: int  # steps done so far
    diverged: bool = False
    message: str = ""


@dataclass
class Metrics:
    loss: float
    accuracy: float | None  # None for regression targets


@dataclass
class Trainer:
    net: CompiledNetwork
    x: np.ndarray  # (N, n_inputs)
    y: np.ndarray  # (N, n_outputs)
    settings: TrainingSettings = field(default_factory=TrainingSettings)

    def __post_init__(self) -> None:
        losses.check_loss(self.settings.loss)
        net = self.net
        self._x = net.as_node_major(self.x)
        self._y = np.ascontiguousarray(np.asarray(self.y, dtype=net.dtype).T)
        if self._y.shape != (len(net.output_ids), self._x.shape[1]):
            raise ValueError(f"targets must have shape ({self._x.shape[1]}, {len(net.output_ids)})")
        if self._x.shape[1] == 0:
            raise ValueError("no training samples")
        losses.check_targets(self.settings.loss, self._y)
        self.n = self._x.shape[1]
        self.rng = np.random.default_rng(self.settings.seed)
        self.optimizer = make_optimizer(
            self.settings.optimizer,
            net.theta.size,
            net.dtype,
            **({"momentum": self.settings.momentum} if self.settings.optimizer == "momentum" else {}),
        )
        self._gradient: BatchGradient | None = None
        self._order: np.ndarray | None = None  # shuffled copies exist only for mini-batches
        self._xs = self._ys = self._x
        self._cursor = self.n  # forces a shuffle before the first mini-batch
        self.epoch = 0
        self.steps = 0
        #: the length of the mean gradient of a recent epoch (NaN before one was measured): _follow_gradient
        self.gradient_norm = math.nan
        self._epoch_gradient: np.ndarray | None = None  # mini-batches: the sum of this epoch's gradients
        self._epoch_batches = 0

    # ------------------------------------------------------------- helpers
    @property
    def batch_size(self) -> int:
        b = self.settings.batch_size
        return self.n if not b or b >= self.n else int(b)

    @property
    def epochs_done(self) -> float:
        """Completed epochs plus the share of the current one its mini-batches have used: a point on
        the loss curve (steps × batch size / samples drifts when the last batch of an epoch is short)."""
        if self.batch_size == self.n or self._cursor >= self.n:
            return float(self.epoch)
        return self.epoch + self._cursor / self.n

    def _batch_gradient(self) -> BatchGradient:
        g = self._gradient
        if g is None or g.loss != self.settings.loss or g.net is not self.net:
            g = self._gradient = BatchGradient(self.net, self.settings.loss)
        return g

    def _next_batch(self) -> tuple[np.ndarray, np.ndarray, bool]:
        """The next mini-batch (views), and whether it finishes an epoch."""
        b = self.batch_size
        if b == self.n:
            return self._x, self._y, True
        if self._cursor >= self.n:
            if self._order is None:
                self._order = np.arange(self.n)
                self._xs, self._ys = np.empty_like(self._x), np.empty_like(self._y)
            self.rng.shuffle(self._order)
            np.take(self._x, self._order, axis=1, out=self._xs)
            np.take(self._y, self._order, axis=1, out=self._ys)
            self._cursor = 0
        c0 = self._cursor
        c1 = min(c0 + b, self.n)
        self._cursor = c1
        return self._xs[:, c0:c1], self._ys[:, c0:c1], c1 >= self.n

    # --------------------------------------------------------------- steps
    def step(self) -> StepResult:
        """One optimiser step on the next batch."""
        with np.errstate(
            over="ignore", invalid="ignore", divide="ignore", under="ignore"
        ):  # overflow on the way to a divergence is reported once, below, not as warnings
            return self._step()

    def _step(self) -> StepResult:
        xb, yb, ends_epoch = self._next_batch()
        value, grad = self._batch_gradient().compute_unchecked(xb, yb)
        net = self.net
        s = self.settings
        if s.l2:
            grad += s.l2 * net.theta * net.weight_mask
        if s.l1:
            grad += s.l1 * np.sign(net.theta) * net.weight_mask
        if not net.all_trainable:
            np.copyto(grad, 0.0, where=net.fixed)
        self._follow_gradient(grad, ends_epoch)
        self.optimizer.step_direction(grad, s.learning_rate)
        # the update is applied only when it and the loss are finite: a bad step changes nothing
        if math.isfinite(value) and math.isfinite(float(np.vdot(grad, grad))):
            net.theta -= grad
        else:
            self.optimizer.reset()
            return StepResult(
                value,
                self.epoch,
                self.steps,
                diverged=True,
                message="training diverged (the loss or a weight became infinite or NaN); "
                "weights kept from the last finite step; try a smaller learning rate",
            )
        self.steps += 1
        if ends_epoch:
            self.epoch += 1
        return StepResult(value, self.epoch, self.steps)

    def _follow_gradient(self, grad: np.ndarray, ends_epoch: bool) -> None:
        """Keep :attr:`gradient_norm`: how steep the objective is where training is, which tells a run
        stuck on a plateau (the loss flat, the gradient almost 0) from one bouncing at a too large rate
        (the app's plateau note, ``designer/engine/plateau.py``). No forward pass of its own, and measured
        in one epoch of every :data:`GRADIENT_EVERY` (a pass over θ each step of every epoch cost 4 to 6 %
        of a step): full batch, the length of that epoch's gradient; mini-batches, of the mean of its
        batch gradients (one batch's own is mostly sampling noise)."""
        if (self.epoch + 1) % GRADIENT_EVERY:
            return
        if self.batch_size == self.n:
            self.gradient_norm = math.sqrt(float(np.vdot(grad, grad)))
            return
        total = self._epoch_gradient
        if total is None:
            total = self._epoch_gradient = np.zeros_like(grad)
        total += grad
        self._epoch_batches += 1
        if ends_epoch:
            self.gradient_norm = math.sqrt(float(np.vdot(total, total))) / self._epoch_batches
            total.fill(0.0)
            self._epoch_batches = 0

    def run_epoch(self) -> StepResult:
        """Steps until the current epoch completes (or training diverges)."""
        start = self.epoch
        while True:
            result = self.step()
            if result.diverged or self.epoch > start:
                return result

    def iterate(self, epochs: int) -> Iterator[StepResult]:
        """Yield after every step until ``epochs`` more epochs are done or it diverges."""
        target = self.epoch + epochs
        while self.epoch < target:
            result = self.step()
            yield result
            if result.diverged:
                return

    def evaluate(self, x: np.ndarray, y: np.ndarray) -> Metrics:
        """Loss and (for 0/1 targets) accuracy of the current weights on samples x, y."""
        if len(x) == 0:
            return Metrics(float("nan"), None)
        p, value = outputs_and_loss(self.net, x, y, self.settings.loss)
        acc = losses.accuracy(p, y, self.net.softmax) if losses.is_classification(y) else None
        return Metrics(value, acc)


def outputs_and_loss(net: CompiledNetwork, x: np.ndarray, y: np.ndarray, loss: str) -> tuple[np.ndarray, float]:
    """The outputs (N, n_outputs) for samples x (N, n_inputs) and their loss against y, the loss a
    training step reports (sigmoid and softmax outputs with cross-entropy taken from z: exact when
    saturated), computed in float64 from the network's values, in chunks (memory flat in N)."""
    f64 = np.float64
    y = np.asarray(y, dtype=f64)
    fused = fuses_loss_gradient(net, loss)
    chunk = max(1, min(65536, MAX_BUFFER_ENTRIES // net.n_rows))
    outputs = np.empty((len(x), len(net.output_ids)), dtype=net.dtype)
    total = 0.0
    for c0 in range(0, len(x), chunk):
        c1 = min(c0 + chunk, len(x))
        z, a = net.forward_all(x[c0:c1], keep_z=True, copy=False)
        assert z is not None
        p = net.network_output(a)
        outputs[c0:c1] = p.T
        z_out, p64, yc = z[net.output_rows].astype(f64), p.astype(f64), np.ascontiguousarray(y[c0:c1].T)
        total += losses.training_loss(loss, z_out, p64, yc, softmax=net.softmax, fused=fused, count=len(x))
    return outputs, total


def randomize(net: CompiledNetwork, seed: int) -> None:
    """Glorot-uniform weights, biases 0 (0.1 for ReLU, so it starts active); trainable ones only."""
    rng = np.random.default_rng(seed)
    sources = np.array([net.index[s] for s, _ in net.connection_keys], dtype=np.intp)
    targets = np.array([net.index[t] for _, t in net.connection_keys], dtype=np.intp)
    fan_in = np.bincount(targets, minlength=net.n_rows)
    fan_out = np.bincount(sources, minlength=net.n_rows)
    limit = np.sqrt(6.0 / np.maximum(fan_in[targets] + fan_out[targets], 1))
    new = net.theta.copy()
    new[net.connection_index] = rng.uniform(-1.0, 1.0, len(targets)) * limit
    new[net.bias_index] = [0.1 if net.activation_of[n] == "relu" else 0.0 for n in net.neuron_ids]
    trainable = net.mask != 0
    net.theta[trainable] = new[trainable]
