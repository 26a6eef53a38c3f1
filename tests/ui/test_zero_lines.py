"""The z = 0 lines of the first layer, clipped to the plotted domain (an SVG export has no clipping)."""

from __future__ import annotations

import numpy as np

from designer.ui.live.grid import zero_lines

RECT = (-6.0, 6.0, -4.0, 4.0)


def test_each_line_ends_on_the_domains_border_and_lies_on_its_equation():
    rng = np.random.default_rng(3)
    wx, wy, b = rng.normal(size=200), rng.normal(size=200), rng.normal(scale=3, size=200)
    xs, ys, ok = zero_lines(wx, wy, b, RECT)
    x0, x1, y0, y1 = RECT
    assert ok.sum() > 100
    for i in np.flatnonzero(ok):
        ends = [(xs[2 * i + k], ys[2 * i + k]) for k in (0, 1)]
        for x, y in ends:
            assert abs(wx[i] * x + wy[i] * y + b[i]) < 1e-9 * (1 + abs(b[i]))  # on the line
            assert x0 - 1e-9 <= x <= x1 + 1e-9 and y0 - 1e-9 <= y <= y1 + 1e-9  # inside the domain
            assert min(abs(x - x0), abs(x - x1), abs(y - y0), abs(y - y1)) < 1e-9  # on its border
    for i in np.flatnonzero(~ok):  # a line that misses the domain: every point of it is outside
        t = np.linspace(-50, 50, 2001)
        norm = np.hypot(wx[i], wy[i])
        px, py = -b[i] * wx[i] / norm**2, -b[i] * wy[i] / norm**2
        x, y = px - wy[i] / norm * t, py + wx[i] / norm * t
        assert not np.any((x > x0) & (x < x1) & (y > y0) & (y < y1))


def test_lines_along_an_axis_and_degenerate_ones():
    xs, ys, ok = zero_lines(
        np.array([0.0, 1.0, 0.0, 1.0]), np.array([1.0, 0.0, 0.0, 0.0]), np.array([-1, 7, 1, np.nan]), RECT
    )
    assert ok.tolist() == [True, False, False, False]  # y = 1 crosses; x = −7 misses; 0·x + 1 = 0 and NaN are no lines
    assert sorted(xs[:2].tolist()) == [-6.0, 6.0] and ys[:2].tolist() == [1.0, 1.0]
