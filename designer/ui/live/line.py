"""1-input networks: the output curve and each hidden neuron's contribution w·a(x).

The contributions of the output's sources plus its bias add up to the output's z; with a
linear output that is the output itself: the universal-approximation picture, bumps and
ramps summing to a function.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from designer.formatting import isolated
from designer.ui.live.colors import neuron_colors
from designer.ui.live.plot_style import css_px, in_reach
from designer.ui.safetext import escape

MAX_CURVES = 24  # contributions drawn (a 1-D exercise rarely has more hidden neurons)
LEGEND_MARGIN_PX = 6
#: at most this part of the plot's height is kept free above the data for the legend
MAX_HEADROOM = 0.4
#: Targets beyond ±this frame the plot as if there (±1e308 overflowed the frame's arithmetic to inf,
#: which the plot refuses): no data of the lecture's comes near it.
Y_REACH = 1e100
#: the legend's corners as (its own anchor point, the plot's), the first the default
CORNERS = (((0, 0), (0, 0)), ((1, 0), (1, 0)), ((0, 1), (0, 1)), ((1, 1), (1, 1)))


class LineLegend(pg.LegendItem):
    """The legend; it takes the plot's emptiest corner until the user drags it somewhere."""

    def __init__(self) -> None:
        super().__init__(offset=(LEGEND_MARGIN_PX, LEGEND_MARGIN_PX))
        self.corner = 0
        self.placed_by_user = False

    def mouseDragEvent(self, ev) -> None:
        super().mouseDragEvent(ev)
        self.placed_by_user = True

    def snug_size(self, columns: int) -> tuple[float, float]:
        """Width and height of the entries laid out in ``columns``, from their own sizes (pyqtgraph's
        ``updateSize`` reads the sizes they were last laid out at, stale after a change of columns)."""
        rows = [self.items[i : i + columns] for i in range(0, len(self.items), columns)]
        width = height = 0.0
        for entries in rows:
            parts = [part for entry in entries for part in entry]
            width = max(width, sum(part.effectiveSizeHint(Qt.SizeHint.PreferredSize).width() + 3 for part in parts))
            height += max((part.effectiveSizeHint(Qt.SizeHint.PreferredSize).height() for part in parts), default=0.0)
        return width, height

    def set_columns(self, columns: int) -> None:
        """Lay the entries out in ``columns``, the legend as large as they need."""
        if columns != self.columnCount:
            self.setColumnCount(columns)
        width, height = self.snug_size(columns)
        if (width, height) != (self.width(), self.height()):
            self.setGeometry(0, 0, width, height)

    def to_corner(self, corner: int) -> None:
        own, plot = CORNERS[corner]
        offset = (
            LEGEND_MARGIN_PX if own[0] == 0 else -LEGEND_MARGIN_PX,
            LEGEND_MARGIN_PX if own[1] == 0 else -LEGEND_MARGIN_PX,
        )
        self.anchor(own, plot, offset)
        self.corner = corner


def points_under_corners(
    xs: np.ndarray,
    ys: np.ndarray,
    view: tuple[float, float, float, float],
    view_px: tuple[float, float],
    legend_px: tuple[float, float],
) -> np.ndarray:
    """How many of the drawn points (xs, ys) a legend of ``legend_px`` would cover in each corner
    (``CORNERS`` order) of a plot showing ``view`` = (x0, x1, y0, y1) on ``view_px`` pixels."""
    x0, x1, y0, y1 = view
    sx, sy = (x1 - x0) / max(view_px[0], 1.0), (y1 - y0) / max(view_px[1], 1.0)
    near_x, far_x = LEGEND_MARGIN_PX * sx, (LEGEND_MARGIN_PX + legend_px[0]) * sx
    near_y, far_y = LEGEND_MARGIN_PX * sy, (LEGEND_MARGIN_PX + legend_px[1]) * sy
    left = (xs >= x0 + near_x) & (xs <= x0 + far_x)
    right = (xs <= x1 - near_x) & (xs >= x1 - far_x)
    top = (ys <= y1 - near_y) & (ys >= y1 - far_y)
    bottom = (ys >= y0 + near_y) & (ys <= y0 + far_y)
    return np.array([np.sum(left & top), np.sum(right & top), np.sum(left & bottom), np.sum(right & bottom)])


#: the output curve's z: above the data points of designer/ui/live/region_points.py (20-25)
OUTPUT_Z = 30


class LineItems:
    def __init__(self, session, scene, plot_item: pg.PlotItem) -> None:
        self.session = session
        self.scene = scene
        self.plot_item = plot_item
        self.output = pg.PlotCurveItem()
        self.z_curve = pg.PlotCurveItem()
        self.bias = pg.InfiniteLine(angle=0)
        self.probe = pg.InfiniteLine(angle=90)
        self.legend = LineLegend()
        self.legend.setParentItem(plot_item.getViewBox())
        for z, item in enumerate((self.bias, self.z_curve, self.output, self.probe)):
            item.setZValue(10 + z)
            plot_item.addItem(item)
        # the output over the data points (z 20-25): a curve that fits its targets was hidden under them
        self.output.setZValue(OUTPUT_Z)
        self.probe.setZValue(OUTPUT_Z + 1)
        self.contributions: list[pg.PlotCurveItem] = []
        self._legend_unplaced = True  # a new network's first picture: the legend goes to the best corner
        #: the part of the plot's height kept free above the data for the legend (0: none needed)
        self._headroom = 0.0
        self._base_range = (0.0, 1.0)  # the y range without that band
        self._making_room = False
        self.sources: list[str] = []
        self.column = 0  # the output drawn (the session's shown output)
        self.visible = False
        self._y_range: tuple[float, float] | None = None
        self.restyle()
        self._set_visible(False)
        # a new size of the plot: the corners and the band above the data are decided again (the first
        # picture is often drawn before the dock has its size)
        plot_item.getViewBox().sigResized.connect(self._resized)

    def _resized(self) -> None:
        """A resize can come between a structural edit and the recompile (a lesson step replacing the
        network): the stale mode then says "line" while the data already has no input column."""
        st = self.session
        if self.visible and st.fresh and st.compiled is not None and st.mode == "line":
            self._place_legend()

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
        self._legend_unplaced = True
        compiled = st.compiled
        if compiled is None or st.mode != "line":
            self.sources = []
            self._set_visible(False)
            return
        net = st.network
        self.column = min(st.shown_output, len(compiled.output_ids) - 1)
        out = compiled.output_ids[self.column]
        self.sources = [n for n in st.colour_of][:MAX_CURVES]
        pos = {k: i for i, k in enumerate(compiled.connection_keys)}
        self.widx = np.array([compiled.connection_index[pos[(s, out)]] for s in self.sources], dtype=np.intp)
        self.src_rows = np.array([compiled.index[s] for s in self.sources], dtype=np.intp)
        self.bidx = compiled.bias_index[compiled.neuron_ids.index(out)]
        self.out_row = compiled.index[out]
        self.linear_out = compiled.activation_of[out] == "linear" and not compiled.softmax
        theme = self.scene.theme
        palette = neuron_colors(theme)
        out_label = isolated(net.node(out).display_label)  # user text: its bidi controls reach no further
        self.legend.addItem(self.output, escape(f"output {out_label}"))  # legend entries are HTML
        if not self.linear_out:
            self.legend.addItem(self.z_curve, escape(f"z of {out_label} (Σ below + b)"))
        for s in self.sources:
            curve = pg.PlotCurveItem(pen=pg.mkPen(palette[st.colour_of[s]], width=1.8 * theme.scale))
            curve.setZValue(8)
            self.plot_item.addItem(curve)
            self.contributions.append(curve)
        if len(self.contributions) == 1:
            self.legend.addItem(self.contributions[0], escape(f"w·{isolated(net.node(self.sources[0]).display_label)}"))
        elif self.contributions:  # one line for all: each neuron's colour is its colour on the canvas
            self.legend.addItem(self.contributions[0], "each neuron's w·a")
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
            out = np.asarray(st.out[min(self.column, len(st.out) - 1)], dtype=float)
            y0, y1 = self.y_range(out, contrib)
            reframed = (y0, y1) != self._y_range
            if reframed:  # only on change: new ticks cost a layout of the axis
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
        if self._legend_unplaced or reframed or not st.training.running:  # not in every training frame
            self._place_legend()

    def _place_legend(self) -> None:
        """The legend in the corner where it covers the fewest drawn points (curves and data); it moves
        only when another corner is clearly freer, so it does not hop about while training."""
        legend = self.legend
        if legend.placed_by_user or not legend.isVisible():
            return
        vb = self.plot_item.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        curves = [c for c in (self.output, self.z_curve, *self.contributions) if c.isVisible()]
        drawn = [c.getData() for c in curves]
        data = self.session.data
        xs = np.concatenate([d[0] for d in drawn if d[0] is not None] + [data.x_train[:, 0], data.x_test[:, 0]])
        ys = np.concatenate([d[1] for d in drawn if d[1] is not None] + [data.y_train[:, 0], data.y_test[:, 0]])
        box = vb.boundingRect()
        self._fit_legend(box.width(), box.height())
        size = legend.boundingRect()
        covered = points_under_corners(
            xs, ys, (x0, x1, y0, y1), (box.width(), box.height()), (size.width(), size.height())
        )
        targets = (
            np.concatenate([data.x_train[:, 0], data.x_test[:, 0]]),
            np.concatenate([data.y_train[:, 0], data.y_test[:, 0]]),
        )
        on_targets = points_under_corners(
            *targets, (x0, x1, y0, y1), (box.width(), box.height()), (size.width(), size.height())
        )
        # a corner that hides no target point first, then the fewest points drawn
        best = int(np.lexsort((covered, on_targets))[0])
        now = legend.corner
        freer = on_targets[best] < on_targets[now] or (
            on_targets[best] == on_targets[now] and covered[best] < 0.75 * covered[now]
        )
        if self._legend_unplaced or freer:
            legend.to_corner(best)
            self._legend_unplaced = False
        self._make_room(targets, (x0, x1), (box.width(), box.height()), size.height())

    def _fit_legend(self, width: float, height: float) -> None:
        """The legend's entries in one row when, one above another, they are taller than the band above
        the data may be and one row fits the plot's width (step 6 at 1152×680: a 110 px plot, a 44 px band,
        and a two-line legend over the contributions' curves); else one above another."""
        legend = self.legend
        entries = max(1, len(legend.items))
        band = MAX_HEADROOM * height - 2 * LEGEND_MARGIN_PX
        column = legend.snug_size(1)
        row = legend.snug_size(entries)
        one_row = entries > 1 and column[1] > band and row[0] <= width - 2 * LEGEND_MARGIN_PX
        legend.set_columns(entries if one_row else 1)

    def _make_room(self, targets: tuple[np.ndarray, np.ndarray], x_range, view_px, legend_px: float) -> None:
        """A band above the data as tall as the legend when, without it, every corner would hold target
        points (the legend hid some); decided on the range without the band, so it does not come and go."""
        lo, hi = self._base_range
        size = (self.legend.boundingRect().width(), legend_px)
        crowded = points_under_corners(*targets, (*x_range, lo, hi), view_px, size).all()
        room = min((legend_px + 2 * LEGEND_MARGIN_PX) / max(view_px[1], 1.0), MAX_HEADROOM) if crowded else 0.0
        if abs(room - self._headroom) > 0.02 and not self._making_room:
            self._headroom = room
            self._making_room = True
            try:
                self.refresh()  # the new range, and the legend placed in it
            finally:
                self._making_room = False

    @staticmethod
    def _bounded(values: np.ndarray, lo: float, hi: float) -> np.ndarray:
        """Finite values within reach of the view (huge numbers on the way to a divergence break the plot)."""
        return np.clip(np.nan_to_num(values, nan=0.0, posinf=hi, neginf=lo), lo, hi)

    def y_range(self, out: np.ndarray, contrib: np.ndarray) -> tuple[float, float]:
        """The targets and the output curve with a margin, on a grid of eighths of the targets' span (a
        frame moves only when the curve leaves it). The curve counts within half a span beyond the
        targets; the contributions do not count: sin x within ±1 was shown on ±6 because one ReLU's w·a
        rose to 6, squeezing the data and the curve into a band."""
        data = self.session.data
        ys = np.concatenate([data.y_train[:, :1], data.y_test[:, :1]]).ravel()
        ys = np.clip(ys[np.isfinite(ys)], -Y_REACH, Y_REACH)
        if not len(ys):
            ys = out[np.isfinite(out)]
            ys = np.clip(ys, -1e3, 1e3) if len(ys) else np.array([-1.0, 1.0])
        lo, hi = float(min(ys.min(), 0.0)), float(max(ys.max(), 1.0))
        span = hi - lo
        curve = out[np.isfinite(out)]
        if len(curve):
            curve = np.clip(curve, lo - span / 2, hi + span / 2)
            lo, hi = min(lo, float(curve.min())), max(hi, float(curve.max()))
        step = span / 8
        lo, hi = float(np.floor(lo / step - 0.5) * step), float(np.ceil(hi / step + 0.5) * step)
        self._base_range = (lo, hi)
        if self._headroom:  # a band above the data as tall as the legend (see ``_make_room``)
            hi = lo + float(np.ceil((hi - lo) / (1.0 - self._headroom) / step) * step)
        return lo, hi

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
