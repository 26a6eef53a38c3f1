"""Colour ranges of unbounded activations stay finite numbers, whatever the values."""

from __future__ import annotations

import warnings

import numpy as np

from designer.ui.live.colors import Ranges


def test_values_beyond_float32_give_the_largest_finite_range_without_a_warning():
    """A neuron whose values reach 1e200 (a collapse of huge weights): the float32 range became ±inf,
    with an overflow warning at every frame."""
    ranges = Ranges(["relu", "sigmoid", "linear"])
    values = np.array([[1e200, -3.0], [0.2, 0.9], [-2.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lo, hi = ranges.of(values)
    assert np.isfinite(lo).all() and np.isfinite(hi).all()
    assert hi[0] == np.finfo(np.float32).max and lo[0] == -hi[0]
    assert (lo[1], hi[1]) == (0.0, 1.0) and (lo[2], hi[2]) == (-2.0, 2.0)
