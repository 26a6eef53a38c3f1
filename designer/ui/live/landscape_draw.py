"""Drawing the loss landscape: the curve, or the surface with its colours, contour lines and colour bar,
the point now with the path that led there, and the readout's values.

Apart from computing (``landscape_view``) and its schedule (``landscape_schedule``): drawing reads a
computed :class:`~designer.engine.landscape.Landscape` and never recomputes one, so it can follow every
training frame while the surface itself waits. :class:`LandscapeDrawing` is a base of
:class:`~designer.ui.live.landscape_view.LandscapeView`, which provides the plot items.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF

from designer.engine.landscape import Landscape
from designer.formatting import format_number
from designer.ui.live.grid import contour_segments
from designer.ui.live.landscape_picker import parameter_label

CONTOURS = 8
LEVELS = 256


class LandscapeDrawing:
    """Draws ``landscape`` (the last computed) and ``path`` on the view's plot items."""

    def _draw(self) -> None:
        land = self.landscape
        if land is None or not self.session.fresh:  # a new structure: the next compute draws
            return
        item = self.plot.getPlotItem()
        if len(land.axes) == 2:
            self._draw_surface(land)
        else:
            self.image.hide()
            self.bar.hide()
            self.contours.setData([], [])
            xs, values = land.axes[0], land.values
            self.curve.setData(xs, values)
            finite = values[np.isfinite(values)]
            low, high = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
            pad = max(high - low, 1e-9) * 0.08
            item.setRange(xRange=(xs[0], xs[-1]), yRange=(low - pad, high + pad), padding=0)
        self._draw_point_and_path()
        self._show_readout()

    def _draw_surface(self, land: Landscape) -> None:
        xs, ys = land.axes
        shown = self.colour_values(land.values)
        finite = shown[np.isfinite(shown)]
        low, high = (float(finite.min()), float(finite.max())) if len(finite) else (0.0, 1.0)
        span = max(high - low, 1e-12)
        t = np.nan_to_num((shown - low) / span, nan=1.0, posinf=1.0, neginf=0.0)
        indices = np.clip(np.rint(t * (LEVELS - 1)), 0, LEVELS - 1).astype(np.uint8)
        self.image.set_indices(indices, self._lut)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
        self.image.show()
        self.bar.setLevels((low, high))
        self._label_bar(land.values, low, high)
        self.bar.show()
        levels = low + span * (np.arange(1, CONTOURS + 1) / (CONTOURS + 1))
        cx, cy = [], []
        for level in levels:
            x, y = contour_segments(shown, float(level), xs, ys)
            cx.append(x)
            cy.append(y)
        self.contours.setData(np.concatenate(cx), np.concatenate(cy))
        self.curve.setData([], [])
        self.plot.getPlotItem().setRange(
            xRange=(xs[0] - dx / 2, xs[-1] + dx / 2), yRange=(ys[0] - dy / 2, ys[-1] + dy / 2), padding=0
        )

    def _label_bar(self, values: np.ndarray, low: float, high: float) -> None:
        """The colour bar's ticks name loss values (with log colours they sit at the log positions)."""
        positions = low + (high - low) * np.array([0.03, 0.35, 0.65, 0.97])  # inside: end labels are not cut
        losses = positions
        if self.log.isChecked():
            finite = values[np.isfinite(values)]
            v_low, v_high = float(finite.min()), float(finite.max())
            losses = np.maximum(10.0**positions - 0.01 * (v_high - v_low) - 1e-12 + v_low, v_low)
        ticks = [(float(p), format_number(float(f"{float(v):.3g}"))) for p, v in zip(positions, losses, strict=True)]
        self.bar.axis.setTicks([ticks, []])

    def colour_values(self, values: np.ndarray) -> np.ndarray:
        """What the colours and contours show: the loss, or ("log colours") log₁₀ of its height above the
        lowest value shown plus 1 % of the range, which spreads the valleys over about two decades."""
        if not self.log.isChecked():
            return values
        finite = values[np.isfinite(values)]
        if not len(finite):
            return values
        low, high = float(finite.min()), float(finite.max())
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            return np.log10(values - low + 0.01 * (high - low) + 1e-12)

    def _draw_point_and_path(self) -> None:
        if not self.path:
            self.path_line.setData([], [])
            self.point.setData([], [])
            return
        pts = np.array(self.path)
        self.path_line.setData(pts[:, 0], pts[:, 1])
        self.point.setData([pts[-1, 0]], [pts[-1, 1]])

    def _show_readout(self, at: tuple[float, float] | None = None) -> None:
        land = self.landscape
        if land is None:
            return
        names = [parameter_label(self.session.network, p) for p in land.parameters]
        loss = self._value_name(self.objective())
        now = ", ".join(f"{n} = {format_number(v)}" for n, v in zip(names, land.current, strict=True))
        text = f"Now: {now}, {loss} {format_number(land.current_loss)}"
        if at is not None:
            value = self.value_at(*at)
            if value is not None:
                where = ", ".join(format_number(v) for v in at[: len(land.axes)])
                text += f" · at ({where}): {loss} {format_number(value)}"
        finite = land.values[np.isfinite(land.values)]
        if len(finite):  # the point now is here too (the grid may pass beside it: "now 0.102, lowest 0.1021")
            lowest = min(float(finite.min()), land.current_loss)
            text += f" · lowest here {format_number(lowest)}"
        self.readout.setText(text + " · click to move there")

    # ----------------------------------------------------------- values
    def value_at(self, x: float, y: float | None = None) -> float | None:
        """The computed loss at the grid value nearest to (x, y) (y ignored for a curve)."""
        land = self.landscape
        if land is None:
            return None
        i = int(np.argmin(np.abs(land.axes[0] - x)))
        if len(land.axes) == 1:
            return float(land.values[i])
        j = int(np.argmin(np.abs(land.axes[1] - (y if y is not None else 0.0))))
        return float(land.values[i, j])
