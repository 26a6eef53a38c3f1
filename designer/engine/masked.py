"""Products of weight matrices with missing links, exact when a source is infinite or NaN.

A compiled level is one matmul of its weight block with every row it may read; a link that does not
exist is a zero in the block. That zero must mean "this source contributes nothing", but IEEE
arithmetic makes 0 · ∞ and 0 · NaN a NaN: one overflowing neuron (or a feature such as 1/x₁ at
x₁ = 0) would turn every neuron of the level into NaN, also those not connected to it, while the
plain-Python evaluator (which sums connected sources only) gives the right value.

The fast path stays one matmul: only levels with missing links (``present`` is not all True) are
checked, by one NaN-propagating reduction of the result, and only a level that did meet a
non-finite source is computed again by :func:`masked_product`, still vectorised: the finite part
is a matmul with the non-finite sources set to 0, and what the non-finite ones add (+∞, −∞ or
NaN per entry) is counted with three small indicator matmuls over just those source rows.
"""

from __future__ import annotations

import math

import numpy as np


def has_nan(result: np.ndarray) -> bool:
    """Whether a plain product into ``result`` may have let a missing link's 0 · ∞ in (it is NaN then);
    one reduction, which propagates NaN."""
    return result.size > 0 and math.isnan(result.min())


def masked_product(weights: np.ndarray, present: np.ndarray, sources: np.ndarray, out: np.ndarray) -> None:
    """``out = weights @ sources`` where entries with ``present`` False contribute nothing, whatever the source.

    Present links follow IEEE arithmetic (w · ∞ is ±∞, 0 · ∞ and anything with NaN is NaN, +∞ − ∞
    is NaN), as the plain-Python evaluator's sum over connected sources does.
    """
    with np.errstate(all="ignore"):
        bad = ~np.isfinite(sources)
        bad_rows = np.flatnonzero(bad.any(axis=1))
        np.matmul(weights, np.where(bad, 0.0, sources), out=out)
        if not bad_rows.size:
            return
        dt = out.dtype
        block = sources[bad_rows]
        w = weights[:, bad_rows]
        p = present[:, bad_rows]
        up = (block == np.inf).astype(dt)
        down = (block == -np.inf).astype(dt)
        undefined = np.isnan(block).astype(dt)
        positive = (p & (w > 0)).astype(dt)
        negative = (p & (w < 0)).astype(dt)
        zero = (p & (w == 0)).astype(dt)
        to_plus = (positive @ up + negative @ down) > 0
        to_minus = (positive @ down + negative @ up) > 0
        to_nan = (zero @ (up + down) + p.astype(dt) @ undefined) > 0
        extra = np.zeros_like(out)
        extra[to_plus] = np.inf
        extra[to_minus] = -np.inf
        extra[(to_plus & to_minus) | to_nan] = np.nan
        out += extra
