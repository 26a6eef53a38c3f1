"""Activations g(z) and their slopes g'(z), applied in place on row blocks: one table for all.

Conventions from the lecture: step(0) = 1 and step' = 0 everywhere;
relu'(z) = 1 for z >= 0; sigmoid' = g(1 - g); tanh' = 1 - g².

Training, the forward pass and :func:`derivative` (the lecture's derivative table, what the
tests check against finite differences) all call the same kernels, got with
:func:`kernel` (name, dtype), so a test of g' is a test of what training uses. Each kernel
writes into preallocated views: the training loop allocates nothing.

float32 only: tanh has a second way, through exp, used when numpy's own float32 tanh runs on its
AVX2 code (numpy reports which SIMD code each function dispatches to): there it costs 2.3 ns per
value against 1.6 ns for the exp form, while with AVX-512 it costs 0.5 ns (docs/performance.md).
The choice is a fact of the CPU and numpy build, not a timing, so the same machine always trains
the same way and gets the same numbers. float64, the exact path, always uses numpy's tanh.
"""

from __future__ import annotations

import dataclasses
import platform
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Kernel:
    """How one activation is computed: ``value`` writes a = g(z); ``slope`` writes d = g'(z) from z and a.

    ``slope`` is None when g' is the constant ``constant_slope`` (filled once, never recomputed).
    ``float32_alternative`` is a second way to write g in float32, within a few float32 units
    of the exact value, that is faster on some CPUs (see :func:`float32_way`).
    """

    value: Callable[[Array, Array], None]
    slope: Callable[[Array, Array, Array], None] | None
    constant_slope: float = 0.0
    float32_alternative: Callable[[Array, Array], None] | None = None
    #: g' reads only a, and is NaN exactly where z is: training may write it over z once a is known
    slope_over_z: bool = False


@dataclass(frozen=True)
class Prescaled:
    """A way to write g(z) from ``factor`` · z, for a value function whose first pass is that product.

    ``factor`` is a power of two (or -1), so a level whose weights are multiplied by it gets exactly
    ``factor`` · z from its matrix product (scaling by it is exact in every term and partial sum); the
    training pass does that for blocks of many samples and saves a pass over z (docs/performance.md).
    """

    factor: float
    value: Callable[[Array, Array], None]


# ------------------------------------------------------------------ g(z)
def _sigmoid(z: Array, a: Array) -> None:
    # 1/(1+e^-z) through exp: on AVX2 CPUs numpy's exp is 2-3× cheaper than tanh (the ½+½·tanh(z/2)
    # form). For z below about -88 (float32) or -709 (float64) e^-z overflows to inf and the result is
    # exactly 0, which is right; the overflow flag is silenced by the callers (see `quiet`).
    np.negative(z, out=a)
    _sigmoid_of_minus(a, a)


def _sigmoid_of_minus(minus_z: Array, a: Array) -> None:
    """a = sigmoid(z) from -z (see :class:`Prescaled`); ``minus_z`` may be ``a`` itself."""
    np.exp(minus_z, out=a)
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


def _tanh_through_exp(z: Array, a: Array) -> None:
    # tanh z = 2/(1 + e^-2z) - 1: one exp and four cheap passes. Absolute error below two float32
    # units (2.4e-7) everywhere, relative error larger only where |tanh z| < 1e-3 (what a sum of
    # such values in the next layer cannot tell apart). e^-2z overflows to inf for z below about
    # -44, which gives exactly -1; ±inf give ±1 and NaN stays NaN.
    np.multiply(z, -2.0, out=a)
    _tanh_of_minus_twice(a, a)


def _tanh_of_minus_twice(minus_2z: Array, a: Array) -> None:
    """a = tanh(z) through exp from -2z (see :class:`Prescaled`); ``minus_2z`` may be ``a`` itself."""
    np.exp(minus_2z, out=a)
    a += 1.0
    np.divide(2.0, a, out=a)
    a -= 1.0


# ------------------------------------------------- g'(z), given z and a = g(z)
def _sigmoid_slope(z: Array, a: Array, d: Array) -> None:
    np.subtract(1.0, a, out=d)
    d *= a


def _relu_slope(z: Array, a: Array, d: Array) -> None:
    np.greater_equal(z, 0.0, out=d)


def _tanh_slope(z: Array, a: Array, d: Array) -> None:
    np.square(a, out=d)  # a · a exactly, in half the time of multiply(a, a) (numpy 2.4, float32 and float64)
    np.subtract(1.0, d, out=d)


KERNELS: dict[str, Kernel] = {
    "linear": Kernel(_linear, None, 1.0),
    "sigmoid": Kernel(_sigmoid, _sigmoid_slope, slope_over_z=True),
    "step": Kernel(_step, None, 0.0),
    "relu": Kernel(_relu, _relu_slope),
    "tanh": Kernel(_tanh, _tanh_slope, float32_alternative=_tanh_through_exp, slope_over_z=True),
}

#: The value functions that start with a product by a constant, and how to start after it.
_PRESCALED: dict[Callable[[Array, Array], None], Prescaled] = {
    _sigmoid: Prescaled(-1.0, _sigmoid_of_minus),
    _tanh_through_exp: Prescaled(-2.0, _tanh_of_minus_twice),
}


def prescaled(k: Kernel) -> Prescaled | None:
    """How ``k.value`` is written from a multiple of z, when its first pass is that product (else None)."""
    return _PRESCALED.get(k.value)


#: Per activation, whether float32 computes g with ``float32_alternative``: decided at first use
#: (:func:`_alternative_wins`), then fixed for the process (tests and benchmarks may set it).
FLOAT32_USES_ALTERNATIVE: dict[str, bool] = {}
_FLOAT32 = np.dtype(np.float32)


def kernel(name: str, dtype: type[np.floating] | np.dtype = np.float64) -> Kernel:
    """The kernels that compute activation ``name`` on arrays of ``dtype``."""
    try:
        k = KERNELS[name]
    except KeyError:
        raise ValueError(f"unknown activation {name!r}") from None
    if k.float32_alternative is None or np.dtype(dtype) != _FLOAT32:
        return k
    use = FLOAT32_USES_ALTERNATIVE.get(name)
    if use is None:
        use = FLOAT32_USES_ALTERNATIVE[name] = _alternative_wins(name)
    return dataclasses.replace(k, value=k.float32_alternative) if use else k


def float32_way(name: str) -> str:
    """How float32 computes ``name`` in this process: "numpy" or "alternative" (tanh: through exp)."""
    k = kernel(name, np.float32)
    return "alternative" if k.value is not KERNELS[name].value else "numpy"


def _alternative_wins(name: str) -> bool:
    """Whether ``name``'s float32 alternative is the faster way here: for tanh, when numpy's float32
    tanh runs on x86 AVX2 code (measured: 2.3 against 1.6 ns per value). Elsewhere (AVX-512, other
    CPUs, a numpy that cannot say) numpy's own function, the more exact one, is kept."""
    return name == "tanh" and avx2_code("tanh")


def avx2_code(ufunc: str) -> bool:
    """Whether numpy runs ``ufunc`` on float32 with x86 AVX2 code and not AVX-512 (a laptop's CPU, or
    AVX-512 switched off): a fact of the CPU and the numpy build, for choices between ways of computing
    that must not change from one run to the next on the same machine."""
    if platform.machine().lower() not in ("x86_64", "amd64", "i686", "x86"):
        return False
    target = numpy_simd_target(ufunc, "float32").upper()
    return "AVX512" not in target and ("X86_V3" in target or "AVX2" in target)


def numpy_simd_target(ufunc: str, dtype: str) -> str:
    """The SIMD code numpy runs ``ufunc`` on for ``dtype`` here, e.g. "X86_V4" (AVX-512) or "X86_V3"
    (AVX2), from numpy's own report (numpy ≥ 2.1); "" when numpy cannot say."""
    try:
        from numpy.lib.introspect import opt_func_info

        info = opt_func_info(func_name=f"^{ufunc}$", signature=dtype)
    except (ImportError, AttributeError, TypeError, ValueError):
        return ""
    for signatures in info.get(ufunc, {}).values():
        return str(signatures.get("current", ""))
    return ""


def quiet() -> np.errstate:
    """The floating-point state every kernel runs in: sigmoid's e^-z may overflow to inf (or underflow
    to 0) on purpose; both give the right g(z). A level's product may meet an infinite source through a
    missing link (0 · ∞, invalid): that NaN is noticed and computed again (``designer.engine.masked``)."""
    return np.errstate(over="ignore", under="ignore", invalid="ignore")


def apply(name: str, z: Array, out: Array) -> None:
    """out = g(z), computed as training computes it for z's dtype."""
    fn = kernel(name, z.dtype).value
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
    k = kernel(name, dtype)
    z = np.asarray(z, dtype=dtype)
    a = np.empty_like(z)
    d = np.full_like(z, k.constant_slope)
    with quiet():
        k.value(z, a)
        if k.slope is not None:
            k.slope(z, a, d)
    return d
