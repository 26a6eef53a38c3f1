"""The data points over the decision-region map: train ● drawn over the test points, test □ (hollow,
smaller), a cross on each misclassified point, and the legend under the plot that counts them.

Over two inputs a point is coloured by its class (or, for numbers to predict, by its target on the
map's scale); over one input it is a target over x: train points filled ●, test points rings ○, small
enough where they crowd that they read as points (hollow squares side by side at y = 0 and 1 read as
a ruler).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from designer.model.safefile import shown_path
from designer.ui.live import colors
from designer.ui.live.colors import output_range
from designer.ui.live.region_name import SEPARATOR, legend_with_name, name_tooltip
from designer.ui.live.session import LINE, NONE, PLANE
from designer.ui.safetext import markup
from designer.ui.theme import readable_on

#: above this many data points, misclassified ones are not marked (it would cost a forward pass per frame)
MAX_MARKED = 5000
#: at most this many points of each set (train, test) are drawn, every k-th: more make a cloud the eye
#: cannot tell apart, and a brush per point made a million of them block the window for 15 s
MAX_DRAWN = 20_000
PRESENTATION_POINTS = 1.75  # data points grow by this while presenting: the back row sees them
#: a point is at most this share of the spacing its set would have spread evenly over the map, and no
#: smaller than MIN_POINT px: 1576 grid points on a 140 px map (a lesson step at 1280×720) were a carpet
#: of markers that hid the map
CROWDED_SHARE, MIN_POINT = 0.6, 3.0
#: over one input: a point is at most this share of the spacing all points would have spread evenly
#: along x, and no smaller than LINE_MIN_POINT px times the points' scale (a row of 200 targets at y = 0
#: stays a row of dots that the back row still sees while presenting)
LINE_CROWDED_SHARE, LINE_MIN_POINT = 1.2, 4.0


def uncrowded(size: float, count: int, area_px: float) -> float:
    """``size`` (px), smaller where ``count`` points of that size would cover a map of ``area_px``."""
    if count <= 0 or area_px <= 0:
        return size
    return min(size, max(MIN_POINT, CROWDED_SHARE * (area_px / count) ** 0.5))


def mark_of_test_points(mode: str, x_train: np.ndarray) -> str:
    """The legend's test mark as the points are drawn: squares over two inputs, rings over one. With no plot
    (no output neuron yet) the data set's own: the legend read "○ test" for XOR's points, then "□ test"
    once the output was marked, and the student looked for the rings."""
    if mode == NONE:
        mode = LINE if x_train.ndim == 2 and x_train.shape[1] == 1 else PLANE
    return "□" if mode == PLANE else "○"


def spaced(size: float, count: int, width_px: float, floor: float = LINE_MIN_POINT) -> float:
    """``size`` (px) of a point over one input, smaller where ``count`` points would crowd a plot
    ``width_px`` wide, never below ``floor``."""
    if count <= 0 or width_px <= 0:
        return size
    return min(size, max(floor, LINE_CROWDED_SHARE * width_px / count))


def drawn_every(n: int) -> int:
    """k: every k-th of ``n`` points is drawn, so that at most MAX_DRAWN are (all of them up to that)."""
    return max(1, -(-n // MAX_DRAWN))


#: a test point over two inputs: a hollow square this share of a train dot's size, its edge this wide
#: (px times the theme's scale) in the class's colour; filled squares over the dots hid them at a 50 % split
TEST_SHARE, TEST_EDGE = 0.8, 2.0
TARGET_ALPHA = 110  # of a 1-D target point's grey: the output curve stands out over them


class RegionPoints:
    """The scatter items of one region plot and the legend label that goes with them."""

    def __init__(self, session, scene, plot_item: pg.PlotItem, legend: QLabel) -> None:
        self.session = session
        self.scene = scene
        self.legend = legend
        self.train = pg.ScatterPlotItem(size=9, symbol="o", pxMode=True)
        self.test = pg.ScatterPlotItem(size=9, symbol="s", pxMode=True)
        # train points over the test points: a 50 % split's squares, drawn last, hid most of the train dots
        for z, scatter in enumerate((self.test, self.train)):
            scatter.setZValue(20 + z)
            plot_item.addItem(scatter)
        #: a cross over every misclassified point: told apart at a glance, also without colour
        self.errors = pg.ScatterPlotItem(symbol="x", pxMode=True, brush=None)
        self.errors.setZValue(25)
        plot_item.addItem(self.errors)
        self.misclassified: int | None = 0  # None: not counted (regression, 1 input, too many points)
        self._hovering = False  # the legend says the count is the output's: a neuron's map is shown
        self.size = 9.0  # of the train points now drawn over two inputs
        self.map_area = 0.0  # px² of the map on screen (0: not known yet): crowded points are drawn smaller
        self.map_width = 0.0  # px, the plot's width on screen (over one input: crowded points are smaller)
        self._errors_shown: tuple | None = None  # what the crosses were drawn for
        #: the one output the map shows (independent outputs, e.g. a half adder's sum and carry): the
        #: points are coloured and counted by its target alone; None: by the class of all outputs
        self.column: int | None = None
        self._items = ""  # the legend's counts (HTML), its data set's name and problems: fitted on a resize
        self._name = ""
        self._problem = ""

    def _targets(self, y: np.ndarray) -> np.ndarray:
        """The targets the points show: the chosen output's column, or all of them."""
        if self.column is None or self.column >= y.shape[1]:
            return y
        return y[:, [self.column]]

    def redraw(self, target_lut: Callable[[], np.ndarray]) -> None:
        """Every point again (new data, theme, plotted inputs); ``target_lut`` colours regression targets."""
        st = self.session
        data = st.data
        theme = self.scene.theme
        k = max(len(st.network.outputs), 1) if self.column is None else 1
        class_colors = colors.class_colors(theme, k)
        # full colours on a paler map, with an outline in the text colour (dark on light themes, light on
        # dark ones): visible on a region of either colour; shape tells train (●) from test (□)
        pen = pg.mkPen(theme.text, width=1.5 * theme.scale)
        points = theme.scale * (PRESENTATION_POINTS if theme.min_text_px > 0 else 1.0)
        for scatter, x, y, filled in (
            (self.train, data.x_train, data.y_train, True),
            (self.test, data.x_test, data.y_test, False),
        ):
            if len(x) == 0 or st.mode == "none" or x.shape[1] <= max(st.ax, st.ay if st.mode == PLANE else 0):
                scatter.setData([], [])
                continue
            every = drawn_every(len(x))
            x, y = x[::every], self._targets(y[::every])
            if st.mode == PLANE:
                if data.problem:  # the data do not fit the network (the legend says why): no class to show
                    palette, index = [QColor(theme.muted_text)], np.zeros(len(x), int)
                elif (data.classification and y.shape[1]) or y.shape[1] > 1:  # several outputs: the class
                    palette, index = class_colors, data.labels(y)  # is the largest target, soft ones too
                else:  # regression targets over two inputs: the map's colour scale over the targets' range
                    lo, hi = data.column_range(self.column)
                    index = np.clip(np.rint(np.nan_to_num((y[:, 0] - lo) / (hi - lo)) * 255), 0, 255).astype(int)
                    palette = [QColor(*(int(c) for c in row)) for row in target_lut()]
                size = (14 if len(x) <= 40 else 9 if len(x) <= 400 else 7) * points
                size = uncrowded(size, len(x), self.map_area)
                if filled:
                    self.size = size
                    brushes = [pg.mkBrush(c) for c in palette]
                    scatter.setData(
                        x[:, st.ax], x[:, st.ay], symbol="o", brush=[brushes[i] for i in index], pen=pen, size=size
                    )
                else:  # hollow squares in the class's colour, a little smaller: the dots show through them
                    pens = [pg.mkPen(c, width=TEST_EDGE * theme.scale) for c in palette]
                    scatter.setData(
                        x[:, st.ax],
                        x[:, st.ay],
                        symbol="s",
                        brush=pg.mkBrush(None),
                        pen=[pens[i] for i in index],
                        size=size * TEST_SHARE,
                    )
            else:  # 1 input: targets over x, train points filled, test points rings
                # soft grey without the dark outline: a thousand outlined points made a near-black band
                # that hid the black output curve drawn over it (sin x, a bump from steps)
                soft = QColor(theme.muted_text)
                soft.setAlpha(TARGET_ALPHA)
                brush = pg.mkBrush(soft) if filled else pg.mkBrush(None)
                edge = pg.mkPen(None) if filled else pg.mkPen(soft, width=1.5 * theme.scale)
                count = len(data.x_train) + len(data.x_test)
                size = spaced(6 * points, count, self.map_width, LINE_MIN_POINT * points)
                scatter.setData(x[:, st.ax], y[:, 0], symbol="o", brush=brush, pen=edge, size=size)
        # a cross small and thin enough that the point's own colour still shows around it
        self.errors.setPen(pg.mkPen(theme.text, width=max(self.size / 8, 1.2)))
        self.misclassified = -1  # the legend is written by the next refresh
        self._errors_shown = None  # and the crosses drawn again

    def mark_errors(self, show: bool) -> None:
        """A cross over each data point the network puts in the wrong class (2-D classification), and
        their count in the legend. ``show`` False (a neuron hovered): no crosses, and the legend keeps
        the output's count (hovering does not change it: the line does not jump) but says it is the
        output's, without the ✕ (a bare "✕ misclassified 1" under a neuron's map, with no cross on it,
        read as that neuron's count)."""
        st = self.session
        data = st.data
        n = len(data.x_train) + len(data.x_test)
        countable = (
            st.mode == PLANE
            and not data.problem
            and data.classification
            and 0 < n <= MAX_MARKED
            and st.compiled is not None
            and data.x_train.shape[1] == st.compiled.n_inputs
        )
        wrong = np.zeros(0, bool)
        xs = data.x_train
        if countable and show:
            xs = np.concatenate([data.x_train, data.x_test])  # only here: a copy of every point otherwise
            wrong = self._wrong(xs, self._targets(np.concatenate([data.y_train, data.y_test])))
        size = self.size * 0.62
        shown = (wrong.tobytes(), size, st.ax, st.ay, st.data_version, self.column)
        if shown != self._errors_shown:  # an edit that moves no point across the boundary redraws no cross
            self._errors_shown = shown
            if wrong.any():
                self.errors.setData(xs[wrong, st.ax], xs[wrong, st.ay], size=size)
            else:
                self.errors.setData([], [])
        if countable and show:
            self._show_legend(int(wrong.sum()))
        elif not countable or self.misclassified == -1:  # (new data while hovering: counted when it ends)
            self._show_legend(None)
        else:
            self._show_legend(self.misclassified, hovering=True)

    def _wrong(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        compiled = self.session.compiled
        with np.errstate(all="ignore"):
            _, a = compiled.forward_all(xs, keep_z=False, copy=True)
            out = compiled.network_output(a)
        output_ids = compiled.output_ids
        if self.column is not None and self.column < out.shape[0]:
            out, output_ids = out[[self.column]], [output_ids[self.column]]
        actual = self.session.data.labels(ys)
        if out.shape[0] == 1:
            threshold = output_range(compiled.activation_of[output_ids[0]])[2]
            predicted = (out[0] >= threshold).astype(int)
        else:
            predicted = np.argmax(out, axis=0)
        return predicted != actual

    def _show_legend(self, misclassified: int | None, hovering: bool = False) -> None:
        """Counts of the points drawn; "✕ misclassified" stays while there is a count, also at 0, so the
        line's length (and the plot's height, when it wraps) does not change as the count passes 0.
        ``hovering``: the map shows a neuron, not the output the count is about (and no crosses)."""
        if (misclassified, hovering) == (self.misclassified, self._hovering):
            return
        self.misclassified = misclassified
        self._hovering = hovering
        data = self.session.data
        train, test = len(data.x_train), len(data.x_test)
        test_mark = mark_of_test_points(self.session.mode, data.x_train)
        items = [markup("●&nbsp;train&nbsp;{}", train), markup(test_mark + "&nbsp;test&nbsp;{}", test)]
        if misclassified is not None and hovering:
            muted = readable_on(self.scene.theme.muted_text, self.legend.palette())
            item = f"<span style='color:{muted}'>output&nbsp;misclassifies&nbsp;{{}}</span>"
            items.append(markup(item, misclassified))
        elif misclassified is not None:
            items.append(markup("✕&nbsp;misclassified&nbsp;{}", misclassified))
        every = drawn_every(max(train, test))
        if every > 1:
            items.append(markup("<i>(1&nbsp;point&nbsp;in&nbsp;{}&nbsp;drawn)</i>", every))
        self._items = SEPARATOR.join(items)
        self._name = shown_path(data.name)  # last: elided to the line's room (a CSV file's, an exercise's name)
        self._problem = ""
        if data.problem:  # a CSV file's name and its problems are the user's text
            refused = readable_on(self.scene.theme.refused, self.legend.palette())
            self._problem = markup(f"<br><span style='color:{refused}'>{{}}</span>", data.problem)
        self.legend.setToolTip(name_tooltip(self._name))
        self.fit_legend()

    def fit_legend(self) -> None:
        """The legend's text for its width now: the data set's name elided to one line (run on a resize)."""
        self.legend.setText(legend_with_name(self.legend, self._items, self._name) + self._problem)
