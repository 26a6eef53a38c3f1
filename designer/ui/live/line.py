"""1-input networks: the output curve and each hidden neuron's contribution w·a(x).

The contributions of the output's sources plus its bias add up to the output's z; with a
linear output that is the output itself: the universal-approximation picture, bumps and
ramps summing to a function.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from designer.ui.live.colors import neuron_colors
from designer.ui.live.plot_style import css_px, in_reach
from designer.ui.safetext import escape

MAX_CURVES = 24  # contributions drawn (a 1-D exercise rarely has more hidden neurons)


class LineItems:
    def __init__(self, session, scene, plot_item: pg.PlotItem) -> None:
        self.session = session
        self.scene = scene
        self.plot_item = plot_item
        self.output = pg.PlotCurveItem()
        self.z_curve = pg.PlotCurveItem()
        self.bias = pg.InfiniteLine(angle=0)
        self.probe = pg.InfiniteLine(angle=90)
        self.legend = pg.LegendItem(offset=(6, 6))
        self.legend.setParentItem(plot_item.getViewBox())
        for z, item in enumerate((self.bias, self.z_curve, self.output, self.probe)):
            item.setZValue(10 + z)
            plot_item.addItem(item)
        self.contributions: list[pg.PlotCurveItem] = []
        self.sources: list[str] = []
        self.visible = False
        self._y_range: tuple[float, float] | None = None
        self.restyle()
        self._set_visible(False)

    def restyle(self) -> None:
        """Pens, legend colours and text size from the canvas's theme (at start and when it changes)."""
        theme = self.scene.theme
        s = theme.scale
        self.output.setPen(pg.mkPen(theme.text, width=3 * s))
        self.z_curve.setPen(pg.mkPen(theme.text, width=1.5 * s, style=Qt.PenStyle.DashLine))
        self.bias.setPen(pg.mkPen(theme.muted_text, width=s, style=Qt.PenStyle.DotLine))
        self.probe.setPen(pg.mkPen(theme.text, width=1.2 * s, style=Qt.PenStyle.DashDotLine))
        self.legend.setBrush(pg.mkBrush(theme.background + "d0"))
        self.legend.setLabelTextColor(theme.text)
        self.legend.setLabelTextSize(css_px(theme, 9))
        for _, label in self.legend.items:  # existing labels take the new size when their text is set again
            label.setText(label.text)
        palette = neuron_colors(theme)
        for curve, source in zip(self.contributions, self.sources, strict=False):
            curve.setPen(pg.mkPen(palette[self.session.colour_of.get(source, 0)], width=1.8 * s))

    def _set_visible(self, on: bool) -> None:
        self.visible = on
        for item in (self.output, self.z_curve, self.bias, self.legend, *self.contributions):
            item.setVisible(on)
        self.probe.setVisible(on and self.session.probe is not None)

    def rebuild(self) -> None:
        st = self.session
        for curve in self.contributions:
            self.plot_item.removeItem(curve)
        self.contributions = []
        self.legend.clear()
        compiled = st.compiled
        if compiled is None or st.mode != "line":
            self.sources = []
            self._set_visible(False)
            return
        net = st.network
        out = compiled.output_ids[0]
        self.sources = [n for n in st.colour_of][:MAX_CURVES]
        pos = {k: i for i, k in enumerate(compiled.connection_keys)}
        self.widx = np.array([compiled.connection_index[pos[(s, out)]] for s in self.sources], dtype=np.intp)
        self.src_rows = np.array([compiled.index[s] for s in self.sources], dtype=np.intp)
        self.bidx = compiled.bias_index[compiled.neuron_ids.index(out)]
        self.out_row = compiled.index[out]
        self.linear_out = compiled.activation_of[out] == "linear" and not compiled.softmax
        theme = self.scene.theme
        palette = neuron_colors(theme)
        out_label = net.node(out).display_label
        self.legend.addItem(self.output, escape(f"output {out_label}"))  # legend entries are HTML
        if not self.linear_out:
            self.legend.addItem(self.z_curve, escape(f"z of {out_label} (Σ below + b)"))
        for s in self.sources:
            curve = pg.PlotCurveItem(pen=pg.mkPen(palette[st.colour_of[s]], width=1.8 * theme.scale))
            curve.setZValue(8)
            self.plot_item.addItem(curve)
            self.contributions.append(curve)
            if len(self.contributions) <= 8:
                self.legend.addItem(curve, escape(f"w·{net.node(s).display_label}"))
        self._set_visible(True)

    def clear(self) -> None:
        if self.visible:
            self._set_visible(False)

    def refresh(self) -> None:
        st = self.session
        if st.compiled is None or st.a is None or not hasattr(self, "out_row"):
            return
        if not self.visible:
            self._set_visible(True)
        xs = st.grid.xs
        theta = st.compiled.theta
        a = st.a
        with np.errstate(all="ignore"):
            contrib = theta[self.widx][:, None] * a[self.src_rows]
            bias = float(theta[self.bidx])
            out = np.asarray(st.out[0], dtype=float)
            y0, y1 = self.y_range(out, contrib)
            if (y0, y1) != self._y_range:  # only on change: new ticks cost a layout of the axis
                self._y_range = (y0, y1)
                self.plot_item.getViewBox().setYRange(y0, y1, padding=0)
            span = y1 - y0
            self.output.setData(xs, self._bounded(out, y0 - 20 * span, y1 + 20 * span))
            if not self.linear_out:
                self.z_curve.setData(xs, self._bounded(contrib.sum(axis=0) + bias, y0 - 20 * span, y1 + 20 * span))
            else:
                self.z_curve.setData([], [])
            for curve, values in zip(self.contributions, contrib, strict=False):
                curve.setData(xs, self._bounded(values, y0 - 20 * span, y1 + 20 * span))
        self.bias.setValue(float(np.clip(np.nan_to_num(bias), y0 - 20 * span, y1 + 20 * span)))
        self.show_probe()

    @staticmethod
    def _bounded(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """Finite values within reach of the view (huge numbers on the way to a divergence break the plot)."""
        return np.clip(np.nan_to_num(values, nan=0.0, posinf=hi, neginf=lo), lo, hi)

    def y_range(self, out: np.ndarray, contrib: np.ndarray) -> tuple[float, float]:
        """Frame the targets, the output and the contributions (within reason), in steps of a quarter span."""
        data = self.session.data
        ys = np.concatenate([data.y_train[:, :1], data.y_test[:, :1]]).ravel()
        if not len(ys):
            ys = out[np.isfinite(out)]
            ys = np.clip(ys, -1e3, 1e3) if len(ys) else np.array([-1.0, 1.0])
        lo, hi = float(min(ys.min(), 0.0)), float(max(ys.max(), 1.0))
        span = hi - lo
        shown = np.concatenate([out[None, :], contrib]) if len(contrib) else out[None, :]
        shown = np.clip(shown[np.isfinite(shown)], lo - 1.5 * span, hi + 1.5 * span)
        if len(shown):
            lo, hi = min(lo, float(shown.min())), max(hi, float(shown.max()))
        step = span / 4
        return float(np.floor(lo / step - 0.5) * step), float(np.ceil(hi / step + 0.5) * step)

    def show_probe(self) -> None:
        st = self.session
        on = self.visible and st.probe is not None and st.mode == "line"
        on = on and in_reach(self.plot_item.getViewBox(), float(st.probe[st.ax]))
        self.probe.setVisible(on)
        if on:
            self.probe.setValue(float(st.probe[st.ax]))
            theme, s = self.scene.theme, self.scene.theme.scale
            if st.probe_pinned:  # pinned: a solid line in the selection colour (hovering: dash-dot)
                self.probe.setPen(pg.mkPen(theme.selection, width=2.5 * s))
            else:
                self.probe.setPen(pg.mkPen(theme.text, width=1.2 * s, style=Qt.PenStyle.DashDotLine))
