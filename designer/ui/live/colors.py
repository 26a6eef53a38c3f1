"""Colour lookup tables for the live views, built from the theme (never hard-coded elsewhere).

Maps are drawn by indexing: values become uint8 indices (vectorised), and one lookup table
turns indices into colours, for the region image (pyqtgraph LUT, RGBA rows) and for the
canvas thumbnails (ARGB32 words for a QImage).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from designer.engine.losses import DECISION
from designer.ui.theme import Theme

#: Colours that tell first-layer neurons (and their z = 0 lines) apart; none is orange or blue,
#: which mean the two classes. A theme may replace them with ``extra["neuron_colors"]``.
NEURON_COLORS = ("#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#444444")
#: Extra class colours after orange (class 0) and blue (class 1), for more than two outputs.
MORE_CLASSES = ("#1b9e77", "#e7298a", "#7570b3", "#66a61e", "#a6761d", "#666666", "#e6ab02", "#17becf")
LEVELS = 256
#: How far the region map's colours go from the background towards the full colours: data points
#: are drawn in the full colours, so they stand out on a region of their own class (as in
#: TensorFlow Playground, whose regions are paler than its points).
REGION_STRENGTH = 0.6


def neuron_colors(theme: Theme) -> list[str]:
    extra = theme.extra.get("neuron_colors")
    return extra.split(",") if extra else list(NEURON_COLORS)


def class_colors(theme: Theme, k: int) -> list[QColor]:
    """Colour of class/output c: orange, blue, then distinct others."""
    names = [theme.negative, theme.positive, *MORE_CLASSES]
    return [QColor(names[i % len(names)]) for i in range(max(k, 2))]


def _rgb(color: QColor | str) -> np.ndarray:
    c = QColor(color)
    return np.array([c.red(), c.green(), c.blue()], dtype=float)


def diverging_rgba(theme: Theme, n: int = LEVELS) -> np.ndarray:
    """(n, 4) uint8 RGBA: index 0 negative (orange), middle neutral (grey), n-1 positive (blue)."""
    t = np.linspace(-1.0, 1.0, n)[:, None]
    neutral = _rgb(theme.neutral)
    rgb = np.where(
        t < 0, neutral + (_rgb(theme.negative) - neutral) * -t, neutral + (_rgb(theme.positive) - neutral) * t
    )
    out = np.empty((n, 4), np.uint8)
    out[:, :3] = np.rint(rgb)
    out[:, 3] = 255
    return out


def paler(rgba: np.ndarray, theme: Theme, strength: float = REGION_STRENGTH) -> np.ndarray:
    """RGBA rows moved towards the theme's background: ``strength`` 1 keeps them, 0 is the background."""
    out = rgba.copy()
    background = _rgb(theme.background)
    out[:, :3] = np.rint(background + (rgba[:, :3].astype(float) - background) * strength)
    return out


def region_rgba(theme: Theme, n: int = LEVELS) -> np.ndarray:
    """The region map's colours: the diverging scale, paler than the data points drawn over it."""
    return paler(diverging_rgba(theme, n), theme)


def winner_rgba(theme: Theme, k: int, n: int = LEVELS) -> tuple[np.ndarray, int]:
    """A LUT for "winning output" maps: index = class · steps + confidence step; returns (lut, steps)."""
    steps = max(2, n // max(k, 1))
    neutral = _rgb(theme.neutral)
    out = np.zeros((n, 4), np.uint8)
    t = np.linspace(0.15, 1.0, steps)[:, None]
    for c, color in enumerate(class_colors(theme, k)[:k]):
        out[c * steps : (c + 1) * steps, :3] = np.rint(neutral + (_rgb(color) - neutral) * t)
    out[:, 3] = 255
    return paler(out, theme), steps


def to_argb32(rgba: np.ndarray) -> np.ndarray:
    """RGBA rows to 0xAARRGGBB words (QImage.Format_ARGB32 on every platform Qt runs on)."""
    c = rgba.astype(np.uint32)
    return (c[:, 3] << 24) | (c[:, 0] << 16) | (c[:, 1] << 8) | c[:, 2]


def to_index(
    values: np.ndarray, lo: float | np.ndarray, hi: float | np.ndarray, out: np.ndarray, tmp: np.ndarray | None = None
) -> np.ndarray:
    """Map values in [lo, hi] (scalars or broadcastable arrays) to uint8 indices 0…255, clipped; NaN → middle."""
    with np.errstate(over="ignore", invalid="ignore"):  # huge values overflow to ±inf: clipped below
        scale = 255.0 / np.maximum(np.asarray(hi, dtype=np.float32) - lo, 1e-12)
        work = np.subtract(values, lo, out=tmp) if tmp is not None else values - lo
        work *= scale
    np.nan_to_num(work, copy=False, nan=127.0)
    np.clip(work, 0.0, 255.0, out=work)
    np.rint(work, out=work)
    out[...] = work
    return out


# ------------------------------------------------------------------ value ranges
FIXED_RANGES = {"sigmoid": (0.0, 1.0), "step": (0.0, 1.0), "tanh": (-1.0, 1.0)}
FLOAT32_MAX = float(np.finfo(np.float32).max)


class Ranges:
    """Colour range (lo, hi) per row: fixed for bounded activations, ±max|v| for the others.

    Built once per structure; :meth:`of` is vectorised over rows (called every frame).
    """

    def __init__(self, kinds: list[str]) -> None:
        self.lo = np.array([FIXED_RANGES.get(k, (np.nan, np.nan))[0] for k in kinds], dtype=np.float32)
        self.hi = np.array([FIXED_RANGES.get(k, (np.nan, np.nan))[1] for k in kinds], dtype=np.float32)
        self.free = np.flatnonzero(np.isnan(self.lo))

    def of(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.lo.copy(), self.hi.copy()
        if len(self.free):
            with np.errstate(invalid="ignore"):
                m = np.max(np.abs(values[self.free]), axis=1) if values.shape[1] else np.ones(len(self.free))
            m = np.where(np.isfinite(m) & (m > 1e-6), m, 1.0)
            m = np.minimum(m, FLOAT32_MAX)  # a range beyond float32 (weights of 1e200) would be ±inf
            lo[self.free], hi[self.free] = -m, m
        return lo, hi

    def one(self, i: int, values: np.ndarray) -> tuple[float, float]:
        """The range of row ``i`` alone."""
        if np.isnan(self.lo[i]):
            with np.errstate(invalid="ignore"):
                m = float(np.max(np.abs(values))) if len(values) else 1.0
            m = m if np.isfinite(m) and m > 1e-6 else 1.0
            return -m, m
        return float(self.lo[i]), float(self.hi[i])


def output_range(activation: str) -> tuple[float, float, float]:
    """(lo, hi, decision threshold) of an output. Every output decides at the accuracy's threshold, the
    middle of the 0 and 1 of class targets: a tanh output decided at 0 here, so on circle its map crossed
    227 points while the curves' accuracy (and the plateau note) counted 70 wrong."""
    return (-1.0, 1.0, DECISION) if activation == "tanh" else (0.0, 1.0, DECISION)
