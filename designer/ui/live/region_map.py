"""The decision-region map's colours: which values the plane's cells show and how they become colours.

A hovered (or focused) neuron's own map, a regression's one scale over its targets, one output with its
decision boundary, or the winning class of several outputs (paler where less sure). This is the map
itself; the view around it (``region``) follows the session and lays out title, legend and key.
:class:`PlanePainting` is a base of :class:`~designer.ui.live.region.RegionView`, which provides the
plot items (``image``, ``bar``, ``contour``), the zero lines and the points.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from designer.formatting import isolated
from designer.ui.live import colors
from designer.ui.live.colors import output_range
from designer.ui.live.grid import contour_segments
from designer.ui.safetext import markup


class PlanePainting:
    """Colour indices over the session's grid, the lookup tables, the colour bar's levels and the boundary."""

    def _colormap(self) -> pg.ColorMap:
        rgba = colors.region_rgba(self.scene.theme, 3)
        return pg.ColorMap([0.0, 0.5, 1.0], [tuple(int(c) for c in row) for row in rgba])

    def _luts(self) -> None:
        theme = self.scene.theme
        if self._lut_theme == theme.name:
            return
        self._lut_theme = theme.name
        self.lut = colors.region_rgba(theme)  # paler than the points drawn over it
        self.points_lut = colors.diverging_rgba(theme)
        self.bar.setColorMap(self._colormap())

    def lut_for_points(self) -> np.ndarray:
        self._luts()
        return self.points_lut

    def _refresh_plane(self) -> None:
        st = self.session
        self._set_range()
        grid = st.grid
        n = grid.nx * grid.ny
        if len(self._idx) != n:
            self._idx = np.zeros(n, np.uint8)
            self._tmp = np.zeros(n, np.float32)
        compiled = st.compiled
        hovered = st.hovered if st.hovered in compiled.index else ""
        k = len(compiled.output_ids)
        column = self.shown_column if self.shown_column is not None and self.shown_column < k else None
        lut = self.lut
        boundary: tuple[np.ndarray, float] | None = None
        net = st.network
        if hovered:
            values = st.a[compiled.index[hovered]]
            lo_i, hi_i = self._ranges.one(st.node_ids.index(hovered), values)
            colors.to_index(values, lo_i, hi_i, self._idx, self._tmp)
            what = "input" if hovered in net.inputs else "feature" if hovered in net.features else "g(z)"
            why = self.neuron_shown_because  # the app's own word, part of the template
            title = markup(f"<b>{{}}</b>: {{}} over the plane ({why})", net.node(hovered).display_label, what)
            self._set_title(title, hovered=True)
            self._bar_levels(lo_i, hi_i)
        elif self.regression:  # a number per point, not a class: one continuous scale over the targets
            lo, hi = st.data.column_range(column)
            colors.to_index(st.out[column or 0], lo, hi, self._idx, self._tmp)
            self._bar_levels(lo, hi)
            shown = net.node(compiled.output_ids[column or 0]).display_label
            what = "regression: colour = value" + (f"; {self._one_of(k)}" if column is not None else "")
            self._set_title(markup("<b>Output {}</b> over the input plane ({})", shown, what))
        elif k == 1 or column is not None:
            output = compiled.output_ids[column or 0]
            lo, hi, thr = output_range(compiled.activation_of[output])
            values = st.out[column or 0]
            if self.discretize.isChecked():
                np.multiply(values >= thr, 255, out=self._idx, casting="unsafe")
            else:
                colors.to_index(values, lo, hi, self._idx, self._tmp)
            boundary = (values, thr)
            self._bar_levels(lo, hi)
            label = net.node(output).display_label
            if column is None:
                self._set_title(markup("<b>Output {}</b> over the input plane", label))
            else:
                self._set_title(markup("<b>Output {}</b> over the input plane ({})", label, self._one_of(k)))
        else:
            lut, steps = colors.winner_rgba(self.scene.theme, k)
            out = st.out
            winner = np.argmax(out, axis=0)
            top = out.max(axis=0)
            conf = (top - 1.0 / k) / (1.0 - 1.0 / k) if compiled.softmax else top
            step = np.clip(np.rint(np.nan_to_num(conf) * (steps - 1)), 0, steps - 1)
            if self.discretize.isChecked():
                step[:] = steps - 1
            self._idx[...] = winner * steps + step
            if k == 2:
                boundary = (out[1] - out[0], 0.0)
            names = ", ".join(isolated(net.node(o).display_label) for o in compiled.output_ids)
            what = "Most likely class" if compiled.softmax else "Winning output"
            self._set_title(markup("<b>{}</b> ({}) over the input plane", what, names))
        self.bar.setVisible(k == 1 or column is not None or bool(hovered) or self.regression)
        self.image.set_indices(self._idx.reshape(grid.nx, grid.ny), lut)
        x0, x1, y0, y1 = st.rect
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        if boundary is not None:
            with np.errstate(invalid="ignore"):  # NaN map cells (overflowing outputs) are skipped quietly
                xs, ys = contour_segments(boundary[0].reshape(grid.nx, grid.ny), boundary[1], grid.xs, grid.ys)
            self.contour.setData(xs, ys, connect="pairs")
        else:
            self.contour.setData([], [])
        self.zero_lines.refresh(self.show_lines.isChecked() and not hovered)
        self.points.mark_errors(not hovered)

    def _bar_levels(self, lo: float, hi: float) -> None:
        """Only when they change: a new range makes the bar's axis lay out its ticks again."""
        levels = (round(lo, 3), round(hi, 3))
        if levels != self._levels:
            self._levels = levels
            self.bar.setLevels(levels)
