"""Losses as in the lecture, numerically safe, with their gradients.

- ``mse``: mean over samples and outputs of (a - y)²
- ``sse``: sum of (a - y)² (the lecture's ℓ)
- ``cross_entropy``: mean binary cross-entropy over samples and outputs for
  sigmoid (or other) outputs; mean over samples of -Σ y log ŷ with softmax.

All arrays here are output-major: (n_outputs, N).
"""

from __future__ import annotations

import numpy as np

from designer.engine.errors import EngineError
from designer.formatting import format_number

LOSSES: tuple[str, ...] = ("mse", "sse", "cross_entropy")
_EPS = {np.dtype(np.float64): 1e-12, np.dtype(np.float32): 1e-7}


def check_loss(name: str) -> None:
    if name not in LOSSES:
        raise ValueError(f"unknown loss '{name}' (known: {', '.join(LOSSES)})")


def check_targets(name: str, y: np.ndarray) -> None:
    """EngineError when ``name`` cannot be taken against the targets ``y``: cross-entropy compares
    probabilities, and a target outside [0, 1] gives a negative, meaningless loss."""
    if name != "cross_entropy" or not np.size(y):
        return
    low, high = float(np.min(y)), float(np.max(y))
    if not (0.0 <= low and high <= 1.0):
        bad = high if not high <= 1.0 else low
        raise EngineError(
            f"cross-entropy needs targets between 0 and 1 (this data has {format_number(bad)}); "
            "use mse or sse for other targets"
        )


def squared_error(p: np.ndarray, y: np.ndarray, grad: np.ndarray, denominator: float) -> float:
    """Σ (p - y)² / denominator; grad = dL/dp.

    ``denominator`` is the number of entries of the whole batch for ``mse`` (samples × outputs) and
    1 for ``sse``; a chunk of a batch passes the batch's, so the chunks' values add up to the batch's.
    """
    np.subtract(p, y, out=grad)
    total = float(np.vdot(grad, grad))
    grad *= 2.0 / denominator
    return total / denominator


def binary_cross_entropy(p: np.ndarray, y: np.ndarray, grad: np.ndarray, tmp: np.ndarray, count: int) -> float:
    """Mean BCE over ``count`` samples × outputs, for outputs that are probabilities (clipped away
    from 0 and 1); grad = dL/dp."""
    eps = _EPS.get(p.dtype, 1e-12)
    n = count * p.shape[0]
    np.clip(p, eps, 1.0 - eps, out=tmp)
    # dL/dp = (p - y) / (p (1 - p)) / n, on the clipped p so it stays finite
    np.subtract(tmp, y, out=grad)
    grad /= tmp
    np.subtract(1.0, tmp, out=tmp)
    grad /= tmp
    grad /= n
    pc = np.clip(p, eps, 1.0 - eps)
    loss = -(np.vdot(y, np.log(pc)) + np.vdot(1.0 - y, np.log1p(-pc))) / n
    return float(loss)


def sigmoid_cross_entropy(z: np.ndarray, p: np.ndarray, y: np.ndarray, grad_z: np.ndarray, count: int) -> float:
    """Mean BCE of sigmoid outputs over ``count`` samples × outputs from their z, exact even when
    saturated; grad_z = dL/dz."""
    n = count * z.shape[0]
    loss = float((np.logaddexp(0.0, z).sum(dtype=np.float64) - np.vdot(y, z)) / n)
    np.subtract(p, y, out=grad_z)
    grad_z /= n
    return loss


def softmax_cross_entropy(z: np.ndarray, p: np.ndarray, y: np.ndarray, grad_z: np.ndarray, count: int) -> float:
    """Mean over ``count`` samples of -Σ y log softmax(z); grad_z = dL/dz = (p Σy - y) / count.

    For one-hot targets Σy = 1 and this is the familiar (p - y) / N; the general form keeps
    the gradient exact for targets that do not sum to 1 (e.g. a single softmax output, whose
    loss is constant: its gradient is 0).
    """
    shifted = z - z.max(axis=0, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))
    loss = float(-np.vdot(y, log_p) / count)
    np.multiply(p, y.sum(axis=0, keepdims=True), out=grad_z)
    grad_z -= y
    grad_z /= count
    return loss


def softmax_backward(p: np.ndarray, grad_p: np.ndarray, out: np.ndarray) -> None:
    """dL/dz of a softmax from dL/dp: p ⊙ (g - Σ p g)."""
    np.multiply(p, grad_p, out=out)
    out -= p * out.sum(axis=0, keepdims=True)


def loss_value(name: str, p: np.ndarray, y: np.ndarray, softmax: bool = False) -> float:
    """Loss of outputs p against targets y, both (N, n_outputs) (no gradient)."""
    check_loss(name)
    p = np.asarray(p, dtype=np.float64).T
    y = np.asarray(y, dtype=np.float64).T
    grad = np.empty_like(p)
    if name == "cross_entropy":
        if softmax:
            eps = _EPS[np.dtype(np.float64)]
            return float(-np.vdot(y, np.log(np.clip(p, eps, 1.0))) / p.shape[1])
        return binary_cross_entropy(p, y, grad, np.empty_like(p), p.shape[1])
    return squared_error(p, y, grad, p.size if name == "mse" else 1.0)


def training_loss(
    name: str,
    z: np.ndarray | None,
    p: np.ndarray,
    y: np.ndarray,
    *,
    softmax: bool,
    fused: bool,
    count: int,
    grad: np.ndarray | None = None,
    tmp: np.ndarray | None = None,
) -> float:
    """The loss as a training step takes it, of outputs p with their weighted sums z against targets y
    (all output-major, (n_outputs, N)), a mean over ``count`` samples (a chunk passes the whole set's).
    The one choice of loss function for training (the backward pass, which passes its buffers ``grad``
    and ``tmp``) and for the loss shown and reported, so the two cannot disagree.

    ``fused`` (:func:`designer.engine.backprop.fuses_loss_gradient`): cross-entropy of softmax or of
    all-sigmoid outputs, taken from z (needed only then): a saturated output has its true loss, where a
    clipped p gives at most -log 1e-12 ≈ 27.6, and ``grad`` is dL/dz; otherwise ``grad`` is dL/dp.
    """
    check_loss(name)
    grad = np.empty_like(p) if grad is None else grad
    if name == "cross_entropy":
        if softmax:
            return softmax_cross_entropy(z, p, y, grad, count)
        if fused:
            return sigmoid_cross_entropy(z, p, y, grad, count)
        return binary_cross_entropy(p, y, grad, np.empty_like(p) if tmp is None else tmp, count)
    return squared_error(p, y, grad, count * p.shape[0] if name == "mse" else 1.0)


#: an output at or above this says class 1 (class targets are 0 and 1), whatever its activation (a tanh
#: output too): the accuracy, and the decision map's boundary and crosses, decide by it
DECISION = 0.5


def accuracy(p: np.ndarray, y: np.ndarray, softmax: bool = False) -> float:
    """Share of samples classified right: argmax for several softmax outputs, else p ≥ DECISION per output.

    A sample with a NaN output is wrong whatever its target (NaN ≥ 0.5 is false, which would
    otherwise count as "class 0, right" and report 100 % next to a NaN loss).
    """
    p = np.asarray(p)
    y = np.asarray(y)
    if len(p) == 0:
        return float("nan")
    valid = ~np.any(np.isnan(p), axis=1)
    if softmax and p.shape[1] > 1:
        return float(np.mean((np.argmax(p, axis=1) == np.argmax(y, axis=1)) & valid))
    return float(np.mean(np.all((p >= DECISION) == (y >= 0.5), axis=1) & valid))


def is_classification(y: np.ndarray) -> bool:
    """Targets that are all 0 or 1 (accuracy makes sense for them)."""
    y = np.asarray(y)
    return bool(y.size) and bool(np.all((y == 0) | (y == 1)))
