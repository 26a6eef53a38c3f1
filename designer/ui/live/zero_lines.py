"""First-layer neurons' z = 0 lines over the region map, one curve item per colour (not per neuron).

For a first-layer neuron z = Σ_i w_i x_i + b; with the plotted inputs x, y and the others held
at their slider values, z = 0 is the line w_x·x + w_y·y + b' = 0 with b' = b + Σ_others w_i x_i:
the boundary of the half-plane where the neuron "fires" (the arbitrary-boundary exercise).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from designer.ui.live.colors import neuron_colors
from designer.ui.live.grid import zero_lines


class ZeroLines:
    def __init__(self, session, scene, plot_item: pg.PlotItem) -> None:
        self.session = session
        self.scene = scene
        self.plot_item = plot_item
        self.curves: list[pg.PlotCurveItem] = []
        self.ids: list[str] = []
        self._theme: tuple[str, float] | None = None

    def _make_curves(self) -> None:
        theme = self.scene.theme
        if self._theme == (theme.name, theme.scale) and self.curves:
            return
        for curve in self.curves:
            self.plot_item.removeItem(curve)
        self._theme = (theme.name, theme.scale)
        self.curves = []
        for color in neuron_colors(theme):
            pen = pg.mkPen(color, width=2.2 * theme.scale, style=Qt.PenStyle.DashLine)
            curve = pg.PlotCurveItem(pen=pen)
            curve.setZValue(4)
            self.plot_item.addItem(curve, ignoreBounds=True)
            self.curves.append(curve)

    def restyle(self) -> None:
        """New pens for a new theme or scale (the next refresh draws with them)."""
        self._make_curves()

    def rebuild(self) -> None:
        """Index arrays into the compiled parameters (once per structure)."""
        self._make_curves()
        st = self.session
        compiled = st.compiled
        # under softmax an output's z = 0 is no border (classes part where two outputs' z are equal): not drawn
        softmax_outputs = set(st.network.outputs) if st.network.softmax else set()
        self.ids = [n for n in st.colour_of if n not in softmax_outputs] if compiled is not None else []
        n_in = len(st.network.inputs)
        self.widx = np.full((len(self.ids), n_in), -1, dtype=np.intp)
        if compiled is None or not self.ids:
            self.bidx = np.zeros(0, np.intp)
            self.slot = np.zeros(0, np.intp)
            return
        row_of = {n: r for r, n in enumerate(self.ids)}
        inputs = {x: i for i, x in enumerate(st.network.inputs)}
        for pos, (s, t) in enumerate(compiled.connection_keys):
            if t in row_of and s in inputs:
                self.widx[row_of[t], inputs[s]] = compiled.connection_index[pos]
        position = {n: i for i, n in enumerate(compiled.neuron_ids)}
        self.bidx = np.array([compiled.bias_index[position[n]] for n in self.ids], dtype=np.intp)
        self.slot = np.array([st.colour_of[n] for n in self.ids], dtype=np.intp)

    def clear(self) -> None:
        for curve in self.curves:
            curve.setData([], [])

    def refresh(self, visible: bool) -> None:
        st = self.session
        if not visible or not len(self.ids) or st.compiled is None:
            self.clear()
            return
        theta = st.compiled.theta.astype(float)
        w = np.where(self.widx >= 0, theta[np.maximum(self.widx, 0)], 0.0)
        others = np.ones(w.shape[1], bool)
        others[[st.ax, st.ay]] = False
        b = theta[self.bidx] + w[:, others] @ st.fixed[others]
        xs, ys, ok = zero_lines(w[:, st.ax], w[:, st.ay], b, st.rect)
        for slot, curve in enumerate(self.curves):
            rows = np.flatnonzero(ok & (self.slot == slot))
            if not len(rows):
                curve.setData([], [])
                continue
            pairs = np.stack([2 * rows, 2 * rows + 1], axis=1).ravel()
            curve.setData(xs[pairs], ys[pairs], connect="pairs")
