"""Activations g(z) and their derivatives, applied in place on row blocks.

Conventions from the lecture: step(0) = 1 and step' = 0 everywhere;
relu'(z) = 1 for z >= 0; sigmoid' = g(1 - g); tanh' = 1 - g².

Each function takes preallocated views so the training loop allocates nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Array = np.ndarray


# ------------------------------------------------------------------ g(z)
def _sigmoid(z: Array, a: Array) -> None:
    # 1/(1+e^-z) written as ½ + ½·tanh(z/2): never overflows, no clipping needed
    np.multiply(z, 0.5, out=a)
    np.tanh(a, out=a)
    a *= 0.5
    a += 0.5


def _relu(z: Array, a: Array) -> None:
    np.maximum(z, 0.0, out=a)


def _linear(z: Array, a: Array) -> None:
    np.copyto(a, z)


def _step(z: Array, a: Array) -> None:
    np.greater_equal(z, 0.0, out=a)


def _tanh(z: Array, a: Array) -> None:
    np.tanh(z, out=a)


FORWARD: dict[str, Callable[[Array, Array], None]] = {
    "linear": _linear,
    "sigmoid": _sigmoid,
    "step": _step,
    "relu": _relu,
    "tanh": _tanh,
}


# ------------------------------------------------------ dL/dz = dL/da · g'(z)
def _grad_linear(z: Array, a: Array, grad_a: Array, grad_z: Array, tmp: Array) -> None:
    np.copyto(grad_z, grad_a)


def _grad_step(z: Array, a: Array, grad_a: Array, grad_z: Array, tmp: Array) -> None:
    grad_z.fill(0.0)


def _grad_relu(z: Array, a: Array, grad_a: Array, grad_z: Array, tmp: Array) -> None:
    np.greater_equal(z, 0.0, out=tmp)
    np.multiply(grad_a, tmp, out=grad_z)


def _grad_sigmoid(z: Array, a: Array, grad_a: Array, grad_z: Array, tmp: Array) -> None:
    np.subtract(1.0, a, out=tmp)
    tmp *= a
    np.multiply(grad_a, tmp, out=grad_z)


def _grad_tanh(z: Array, a: Array, grad_a: Array, grad_z: Array, tmp: Array) -> None:
    np.multiply(a, a, out=tmp)
    np.subtract(1.0, tmp, out=tmp)
    np.multiply(grad_a, tmp, out=grad_z)


GRAD_Z: dict[str, Callable[[Array, Array, Array, Array, Array], None]] = {
    "linear": _grad_linear,
    "sigmoid": _grad_sigmoid,
    "step": _grad_step,
    "relu": _grad_relu,
    "tanh": _grad_tanh,
}


# ------------------------------------------ g(z) and g'(z) in one pass (training)
def _sigmoid_d(z: Array, a: Array, d: Array) -> None:
    _sigmoid(z, a)
    np.subtract(1.0, a, out=d)
    d *= a


def _relu_d(z: Array, a: Array, d: Array) -> None:
    np.maximum(z, 0.0, out=a)
    np.greater_equal(z, 0.0, out=d)


def _tanh_d(z: Array, a: Array, d: Array) -> None:
    np.tanh(z, out=a)
    np.multiply(a, a, out=d)
    np.subtract(1.0, d, out=d)


def _linear_d(z: Array, a: Array, d: Array) -> None:
    np.copyto(a, z)  # d stays 1 (set once)


def _step_d(z: Array, a: Array, d: Array) -> None:
    np.greater_equal(z, 0.0, out=a)  # d stays 0 (set once): step' = 0 everywhere


FORWARD_WITH_DERIVATIVE: dict[str, Callable[[Array, Array, Array], None]] = {
    "linear": _linear_d,
    "sigmoid": _sigmoid_d,
    "step": _step_d,
    "relu": _relu_d,
    "tanh": _tanh_d,
}
#: g' of the activations whose derivative is a constant.
CONSTANT_DERIVATIVE: dict[str, float] = {"linear": 1.0, "step": 0.0}


def apply(name: str, z: Array, out: Array) -> None:
    """out = g(z)."""
    try:
        FORWARD[name](z, out)
    except KeyError:
        raise ValueError(f"unknown activation {name!r}") from None


def evaluate(name: str, z: Array) -> Array:
    """g(z) as a new float64 array (plots, tests)."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    apply(name, z, out)
    return out


def derivative(name: str, z: Array) -> Array:
    """g'(z) as a new float64 array (the lecture's derivative table)."""
    z = np.asarray(z, dtype=np.float64)
    a = evaluate(name, z)
    out = np.empty_like(z)
    GRAD_Z[name](z, a, np.ones_like(z), out, np.empty_like(z))
    return out
