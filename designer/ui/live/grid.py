"""Numpy geometry for the live views: sample grids, the 0.5 contour, z = 0 lines, curve thumbnails.

Everything is vectorised over cells, neurons and samples; nothing here loops in Python over
them, so a frame stays cheap however big the network or the grid.
"""

from __future__ import annotations

import numpy as np

GRID = 200  # cells per side of the region map (200 × 200)
#: The grid keeps every node's value at every cell (the neuron maps come from it): at most this many
#: values, so a 10,000-neuron network gets a coarser map instead of gigabytes of buffers.
GRID_VALUES = 1 << 22
MIN_GRID = 40


def grid_size(n_rows: int) -> int:
    """Cells per side of the plane for a network whose compiled arrays have ``n_rows`` rows."""
    fitting = int((GRID_VALUES / max(n_rows, 1)) ** 0.5)
    return max(MIN_GRID, min(GRID, fitting))


LINE_SAMPLES = 400  # points of a 1-D network's curves
THUMB = 40  # thumbnail cells per side


class SampleGrid:
    """Input rows for evaluating a network over the plotted plane (or line), reused every frame.

    Points are ordered x-major (point ``i · ny + j`` is (x_i, y_j)), so a value row reshaped to
    (nx, ny) is already indexed [x, y], the order pyqtgraph's ImageItem expects.
    """

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.points = np.zeros((0, 0), np.float32)
        self.xs = np.zeros(0)
        self.ys = np.zeros(0)
        self.nx = self.ny = 0

    def plane(
        self, n_inputs: int, ax: int, ay: int, rect: tuple[float, float, float, float], fixed: np.ndarray, n: int = GRID
    ) -> np.ndarray:
        """(n², n_inputs) rows: the plotted inputs over ``rect`` (x0, x1, y0, y1), others at ``fixed``."""
        key = ("plane", n_inputs, ax, ay, rect, tuple(fixed.tolist()), n)
        if key != self.key:
            x0, x1, y0, y1 = rect
            self.xs = x0 + (np.arange(n) + 0.5) * (x1 - x0) / n
            self.ys = y0 + (np.arange(n) + 0.5) * (y1 - y0) / n
            pts = np.empty((n * n, n_inputs), np.float32)
            pts[:] = fixed[None, :]
            pts[:, ax] = np.repeat(self.xs, n)
            if ay != ax:
                pts[:, ay] = np.tile(self.ys, n)
            self.points, self.nx, self.ny, self.key = pts, n, n, key
        return self.points

    def line(
        self, n_inputs: int, ax: int, span: tuple[float, float], fixed: np.ndarray, n: int = LINE_SAMPLES
    ) -> np.ndarray:
        key = ("line", n_inputs, ax, span, tuple(fixed.tolist()), n)
        if key != self.key:
            self.xs = np.linspace(span[0], span[1], n)
            self.ys = np.zeros(1)
            pts = np.empty((n, n_inputs), np.float32)
            pts[:] = fixed[None, :]
            pts[:, ax] = self.xs
            self.points, self.nx, self.ny, self.key = pts, n, 1, key
        return self.points


def contour_segments(v: np.ndarray, level: float, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Marching squares: segment end points (x, y) of the ``level`` iso-line of v[x, y], in pairs.

    Sampled at cell centres ``xs``, ``ys``. Returns arrays of even length for a
    ``connect="pairs"`` curve; saddle cells are resolved by the cell's centre value.
    """
    above = v >= level
    h = above[:-1, :] != above[1:, :]  # crossing on the edge between x_i and x_{i+1}, at y_j
    w = above[:, :-1] != above[:, 1:]  # crossing between y_j and y_{j+1}, at x_i
    cell = h[:, :-1] | h[:, 1:] | w[:-1, :] | w[1:, :]
    ci, cj = np.nonzero(cell)
    if not len(ci):
        return np.zeros(0), np.zeros(0)
    v00, v10, v01, v11 = v[ci, cj], v[ci + 1, cj], v[ci, cj + 1], v[ci + 1, cj + 1]

    def cut(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        d = b - a
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(d != 0, (level - a) / np.where(d != 0, d, 1), 0.5)
        return np.clip(t, 0.0, 1.0)

    x0, x1, y0, y1 = xs[ci], xs[ci + 1], ys[cj], ys[cj + 1]
    # edges: bottom (y0), top (y1), left (x0), right (x1)
    px = np.stack([x0 + (x1 - x0) * cut(v00, v10), x0 + (x1 - x0) * cut(v01, v11), x0, x1], axis=1)
    py = np.stack([y0, y1, y0 + (y1 - y0) * cut(v00, v01), y0 + (y1 - y0) * cut(v10, v11)], axis=1)
    flags = np.stack([h[ci, cj], h[ci, cj + 1], w[ci, cj], w[ci + 1, cj]], axis=1)
    count = flags.sum(axis=1)
    rows = np.arange(len(ci))
    two = count == 2
    first = np.argmax(flags, axis=1)
    last = 3 - np.argmax(flags[:, ::-1], axis=1)
    seg = [(rows[two], first[two], last[two])]
    four = np.flatnonzero(count == 4)
    if len(four):
        centre = (v00[four] + v10[four] + v01[four] + v11[four]) / 4 >= level
        same = centre == (v00[four] >= level)
        # corners cut off: (bottom, right) & (left, top) when v00's side is joined through the centre
        a1 = np.zeros(len(four), np.intp)
        b1 = np.where(same, 3, 2)
        a2 = np.where(same, 2, 1)
        b2 = np.where(same, 1, 3)
        seg += [(four, a1, b1), (four, a2, b2)]
    r = np.concatenate([s[0] for s in seg])
    a = np.concatenate([s[1] for s in seg])
    b = np.concatenate([s[2] for s in seg])
    out_x = np.empty(2 * len(r))
    out_y = np.empty(2 * len(r))
    out_x[0::2], out_x[1::2] = px[r, a], px[r, b]
    out_y[0::2], out_y[1::2] = py[r, a], py[r, b]
    return out_x, out_y


def zero_lines(
    wx: np.ndarray, wy: np.ndarray, b: np.ndarray, rect: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """End points (pairs) of every line wx·x + wy·y + b = 0 clipped to ``rect`` = (x0, x1, y0, y1),
    and which lines cross it. Clipped here, not by the plot: an SVG export has no clipping, and a line
    ran on over the axes and the colour bar (Liang–Barsky, vectorised over the lines)."""
    x0, x1, y0, y1 = rect
    with np.errstate(all="ignore"):
        norm = np.hypot(wx, wy)
        ok = np.isfinite(norm) & (norm > 1e-12) & np.isfinite(b)
        n = np.where(ok, norm, 1.0)
        ux, uy = wx / n, wy / n  # the unit normal; the line is the points p0 + t·(−uy, ux)
        px, py = -b / n * ux, -b / n * uy
        dx, dy = -uy, ux
        lo = np.full(len(wx), -np.inf)
        hi = np.full(len(wx), np.inf)
        for p, d, a, c in ((px, dx, x0, x1), (py, dy, y0, y1)):
            moving = np.abs(d) > 1e-15
            ta = np.where(moving, (a - p) / np.where(moving, d, 1.0), -np.inf)
            tc = np.where(moving, (c - p) / np.where(moving, d, 1.0), np.inf)
            lo = np.maximum(lo, np.where(moving, np.minimum(ta, tc), -np.inf))
            hi = np.minimum(hi, np.where(moving, np.maximum(ta, tc), np.inf))
            ok &= moving | ((p >= a) & (p <= c))  # parallel to this pair of sides: inside them or not at all
        ok &= lo < hi
        xs = np.empty(2 * len(wx))
        ys = np.empty(2 * len(wx))
        xs[0::2], xs[1::2] = px + lo * dx, px + hi * dx
        ys[0::2], ys[1::2] = py + lo * dy, py + hi * dy
    return xs, ys, ok & np.isfinite(xs[0::2] + xs[1::2] + ys[0::2] + ys[1::2])


def curve_cells(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, size: int = THUMB) -> np.ndarray:
    """Rasterise one curve per row (n, size samples) into (n, size, size) codes.

    0 = background, 1 = area between the zero line and the curve, 2 = the curve itself,
    3 = the zero line. Row 0 of the result is the top of the picture.
    """
    n = values.shape[0]
    span = np.maximum(hi - lo, 1e-12)[:, None]
    level = np.clip(np.rint((values - lo[:, None]) / span * (size - 1)), 0, size - 1)  # 0 = bottom
    zero = np.clip(np.rint((0.0 - lo) / span[:, 0] * (size - 1)), 0, size - 1)
    rows = (size - 1 - np.arange(size))[None, :, None]  # height of each picture row, top first
    lv = level[:, None, :]
    z = zero[:, None, None]
    codes = np.zeros((n, size, size), np.uint8)
    codes[((rows <= lv) & (rows >= z)) | ((rows >= lv) & (rows <= z))] = 1
    codes[np.broadcast_to(rows == z, codes.shape)] = 3
    codes[np.broadcast_to(np.abs(rows - lv) <= 0.5, codes.shape)] = 2
    return codes
