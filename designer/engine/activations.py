"""Activations g(z) and their slopes g'(z), applied in place on row blocks: one table for all.

Conventions from the lecture: step(0) = 1 and step' = 0 everywhere;
relu'(z) = 1 for z >= 0; sigmoid' = g(1 - g); tanh' = 1 - g².

Training, the forward pass and :func:`derivative` (the lecture's derivative table, what the
tests check against finite differences) all call the same kernels in :data:`KERNELS`, so a test
of g' is a test of what training uses. Each kernel writes into preallocated views: the
training loop allocates nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Kernel:
    """How one activation is computed: ``value`` writes a = g(z); ``slope`` writes d = g'(z) from z and a.

    ``slope`` is None when g' is the constant ``constant_slope`` (filled once, never recomputed).
    """

    value: Callable[[Array, Array], None]
    slope: Callable[[Array, Array, Array], None] | None
    constant_slope: float = 0.0


# ------------------------------------------------------------------ g(z)
def _sigmoid(z: Array, a: Array) -> None:
    # 1/(1+e^-z) through exp: on AVX2 CPUs numpy's exp is 2-3× cheaper than tanh (the ½+½·tanh(z/2)
    # form). For z below about -88 (float32) or -709 (float64) e^-z overflows to inf and the result is
    # exactly 0, which is right; the overflow flag is silenced by the callers (see `quiet`).
    np.negative(z, out=a)
    np.exp(a, out=a)
    a += 1.0
    np.divide(1.0, a, out=a)


def _relu(z: Array, a: Array) -> None:
    np.maximum(z, 0.0, out=a)


def _linear(z: Array, a: Array) -> None:
    np.copyto(a, z)


def _step(z: Array, a: Array) -> None:
    np.greater_equal(z, 0.0, out=a)


def _tanh(z: Array, a: Array) -> None:
    np.tanh(z, out=a)


# ------------------------------------------------- g'(z), given z and a = g(z)
def _sigmoid_slope(z: Array, a: Array, d: Array) -> None:
    np.subtract(1.0, a, out=d)
    d *= a


def _relu_slope(z: Array, a: Array, d: Array) -> None:
    np.greater_equal(z, 0.0, out=d)


def _tanh_slope(z: Array, a: Array, d: Array) -> None:
    np.multiply(a, a, out=d)
    np.subtract(1.0, d, out=d)


KERNELS: dict[str, Kernel] = {
    "linear": Kernel(_linear, None, 1.0),
    "sigmoid": Kernel(_sigmoid, _sigmoid_slope),
    "step": Kernel(_step, None, 0.0),
    "relu": Kernel(_relu, _relu_slope),
    "tanh": Kernel(_tanh, _tanh_slope),
}


def kernel(name: str) -> Kernel:
    try:
        return KERNELS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}") from None


def quiet() -> np.errstate:
    """The floating-point state every kernel runs in: sigmoid's e^-z may overflow to inf (or underflow
    to 0) on purpose; both give the right g(z)."""
    return np.errstate(over="ignore", under="ignore")


def apply(name: str, z: Array, out: Array) -> None:
    """out = g(z)."""
    fn = kernel(name).value
    with quiet():
        fn(z, out)


def evaluate(name: str, z: Array) -> Array:
    """g(z) as a new float64 array (plots, tests)."""
    z = np.asarray(z, dtype=np.float64)
    out = np.empty_like(z)
    apply(name, z, out)
    return out


def derivative(name: str, z: Array, dtype: type[np.floating] | np.dtype = np.float64) -> Array:
    """g'(z) as a new array, computed exactly as training computes it (the lecture's derivative table)."""
    k = kernel(name)
    z = np.asarray(z, dtype=dtype)
    a = np.empty_like(z)
    d = np.full_like(z, k.constant_slope)
    with quiet():
        k.value(z, a)
        if k.slope is not None:
            k.slope(z, a, d)
    return d
