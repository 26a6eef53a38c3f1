"""The decision-region view: the output over the input plane (or the output curve of a 1-input net).

2 inputs (or more, two plotted): heat map with colour bar and axes, data points by class
(train ●, test ■), the decision boundary, first-layer z = 0 lines in each neuron's colour,
winning-output colours for several outputs. 1 input: target points, output curve and each
hidden neuron's contribution w·a. Hover to probe, click to pin the probe, paint points.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from designer.formatting import format_number
from designer.ui.live import colors, plot_style
from designer.ui.live.axes import AxesChooser
from designer.ui.live.colors import Ranges, output_range
from designer.ui.live.grid import contour_segments
from designer.ui.live.line import LineItems
from designer.ui.live.map_image import MapImage
from designer.ui.live.session import LINE, PLANE, Session
from designer.ui.live.zero_lines import ZeroLines
from designer.ui.safetext import escape, markup

SNAP_PIXELS = 10.0
#: above this many data points, misclassified ones are not marked (it would cost a forward pass per frame)
MAX_MARKED = 5000
#: at most this many points of each set (train, test) are drawn, every k-th: more make a cloud the eye
#: cannot tell apart, and a brush per point made a million of them block the window for 15 s
MAX_DRAWN = 20_000
PRESENTATION_POINTS = 1.75  # data points grow by this while presenting: the back row sees them


def same_scale(width: float, height: float) -> bool:
    """Whether the plane's two axes span alike (within 3×): then they are drawn to the same scale."""
    return width > 0 and height > 0 and 1 / 3 <= width / height <= 3


def drawn_every(n: int) -> int:
    """k: every k-th of ``n`` points is drawn, so that at most MAX_DRAWN are (all of them up to that)."""
    return max(1, -(-n // MAX_DRAWN))


class RegionView(QWidget):
    point_painted = Signal()

    def __init__(self, session: Session, scene) -> None:
        super().__init__()
        self.session = session
        self.scene = scene
        self.setObjectName("regionView")
        self.title = QLabel()
        self.title.setObjectName("regionTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.discretize = QCheckBox("Discretize")
        self.discretize.setObjectName("discretize")
        self.discretize.setToolTip("Show only the decision: each cell coloured by the class the network picks")
        self.show_lines = QCheckBox("z = 0 lines")
        self.show_lines.setObjectName("zeroLines")
        self.show_lines.setChecked(True)
        self.show_lines.setToolTip("Where each first-layer neuron's z = w·x + b is 0: the half-planes it separates")
        self.legend = QLabel()
        self.legend.setObjectName("regionLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # its width follows the dock, not its text: a count that changes while training must not
        # re-lay out the dock and the main window around it many times a second
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.pin_note = QLabel()
        self.pin_note.setObjectName("pinNote")
        self.pin_note.setTextFormat(Qt.TextFormat.PlainText)
        self.pin_note.setWordWrap(True)
        self.pin_note.hide()
        self.class_key = QLabel()
        self.class_key.setObjectName("classKey")
        self.class_key.setTextFormat(Qt.TextFormat.RichText)
        self.class_key.setWordWrap(True)
        self.class_key.hide()
        self.axes = AxesChooser(session, self)
        theme = scene.theme
        self.plot = plot_style.plot_widget(theme)
        self.plot.setObjectName("regionPlot")
        self.plot.setMinimumSize(200, 150)
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(False, False)
        self.vb = item.getViewBox()
        item.setContentsMargins(2, 10, 2, 2)  # room for the top tick labels of the axis and colour bar
        plot_style.style_axes(item, theme)
        self.image = MapImage()
        self.image.setZValue(-10)
        item.addItem(self.image, ignoreBounds=True)
        self.bar = pg.ColorBarItem(
            values=(0, 1), colorMap=self._colormap(), interactive=False, width=12, colorMapMenu=False
        )
        self.bar.setImageItem([], insert_in=item)
        plot_style.style_color_bar(self.bar, theme)
        self.contour = pg.PlotCurveItem(pen=pg.mkPen(theme.text, width=2))
        self.contour.setZValue(3)
        item.addItem(self.contour, ignoreBounds=True)
        self.zero_lines = ZeroLines(session, scene, item)
        self.train_points = pg.ScatterPlotItem(size=9, symbol="o", pxMode=True)
        self.test_points = pg.ScatterPlotItem(size=9, symbol="s", pxMode=True)
        for z, scatter in enumerate((self.train_points, self.test_points)):
            scatter.setZValue(20 + z)
            item.addItem(scatter)
        #: a cross over every misclassified point: told apart at a glance, also without colour
        self.errors = pg.ScatterPlotItem(symbol="x", pxMode=True, brush=None)
        self.errors.setZValue(25)
        item.addItem(self.errors)
        self.misclassified = 0
        self._errors_shown: tuple | None = None  # what the crosses were drawn for
        self._point_size = 9.0
        self.probe_marker = pg.ScatterPlotItem(size=16, symbol="+", pen=pg.mkPen(theme.text, width=2), brush=None)
        self.probe_marker.setZValue(30)
        item.addItem(self.probe_marker, ignoreBounds=True)
        #: a pinned probe: a ring around the cross (a hovering probe has none); clicking it unpins
        self.pin_marker = pg.ScatterPlotItem(size=26, symbol="o", pen=pg.mkPen(theme.selection, width=3), brush=None)
        self.pin_marker.setZValue(31)
        item.addItem(self.pin_marker, ignoreBounds=True)
        self.line = LineItems(session, scene, item)
        self.message = pg.TextItem(color=theme.muted_text, anchor=(0.5, 0.5))
        self.message.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
        item.addItem(self.message, ignoreBounds=True)
        self.vb.sigResized.connect(self._place_message)
        self.vb.sigRangeChanged.connect(self._probe_changed)  # a marker far off comes into reach, or leaves it
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.discretize)
        header.addWidget(self.show_lines)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(header)
        layout.addWidget(self.axes)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.pin_note)
        layout.addWidget(self.class_key)
        #: the widgets for the user, left out of an exported figure (title, legend and class key stay:
        #: they say what the colours and symbols mean)
        self.controls = (self.discretize, self.show_lines, self.axes, self.pin_note)
        self._idx = np.zeros(0, np.uint8)
        self._tmp = np.zeros(0, np.float32)
        self._rect: tuple | None = None
        self._levels: tuple[float, float] | None = None
        self._mode = ""
        self._lut_theme = ""
        self._ranges = Ranges([])
        self.discretize.toggled.connect(lambda _: self.refresh())
        self.show_lines.toggled.connect(lambda _: self.refresh())
        session.evaluated.connect(self.refresh)
        session.structure_changed.connect(self._structure_changed)
        session.data_changed.connect(self._data_changed)
        session.probe_changed.connect(self._probe_changed)
        plot_scene = self.plot.scene()
        plot_scene.sigMouseMoved.connect(self._mouse_moved)
        plot_scene.sigMouseClicked.connect(self._mouse_clicked)
        self._structure_changed()
        self._data_changed()

    # ----------------------------------------------------------- colours
    def restyle(self) -> None:
        """Follow the canvas's theme (colours, scale, text floor); run when it changes, never per frame."""
        theme = self.scene.theme
        s = theme.scale
        self.plot.setBackground(theme.background)
        plot_style.style_axes(self.plot.getPlotItem(), theme)
        plot_style.style_color_bar(self.bar, theme)
        self.contour.setPen(pg.mkPen(theme.text, width=2 * s))
        self.probe_marker.setPen(pg.mkPen(theme.text, width=2 * s))
        self.pin_marker.setPen(pg.mkPen(theme.selection, width=3 * s))
        self.message.setColor(theme.muted_text)
        self.message.setFont(theme.screen_font(10))
        self.zero_lines.restyle()
        self.line.restyle()
        self._lut_theme = ""  # the colours may be new: rebuild the lookup tables
        self._data_changed()  # point colours, sizes and outlines; redraws the map
        self._probe_changed()

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

    # -------------------------------------------------------- structure
    def _structure_changed(self) -> None:
        st = self.session
        net = st.network
        self._mode = st.mode
        kinds = [net.neurons[n].activation if n in net.neurons else "input" for n in st.node_ids]
        self._ranges = Ranges(kinds)
        self.zero_lines.rebuild()
        self.line.rebuild()
        plane = st.mode == PLANE
        item = self.plot.getPlotItem()
        ids = list(net.inputs)
        if ids:
            item.setLabel("bottom", escape(net.inputs[ids[st.ax]].display_label))  # axis labels are HTML
            label = net.inputs[ids[st.ay]].display_label if plane else ", ".join(net.outputs[:1]) or "output"
            item.setLabel("left", escape(label))
        for it in (self.image, self.contour, self.probe_marker, self.pin_marker, self.bar):
            it.setVisible(plane)
        self.show_lines.setVisible(plane)
        self.discretize.setVisible(plane)
        self._rect = None
        self._data_changed()

    def _data_changed(self) -> None:
        st = self.session
        data = st.data
        theme = self.scene.theme
        k = max(len(st.network.outputs), 1)
        class_colors = colors.class_colors(theme, k)
        cache = [pg.mkBrush(c) for c in class_colors]
        # full colours on a paler map, with an outline in the text colour (dark on light themes, light on
        # dark ones): visible on a region of either colour; shape tells train (●) from test (■)
        pen = pg.mkPen(theme.text, width=1.5 * theme.scale)
        points = theme.scale * (PRESENTATION_POINTS if theme.min_text_px > 0 else 1.0)
        for scatter, x, y, filled in (
            (self.train_points, data.x_train, data.y_train, True),
            (self.test_points, data.x_test, data.y_test, False),
        ):
            if len(x) == 0 or st.mode == "none" or x.shape[1] <= max(st.ax, st.ay if st.mode == PLANE else 0):
                scatter.setData([], [])
                continue
            every = drawn_every(len(x))
            x, y = x[::every], y[::every]
            if st.mode == PLANE:
                if data.classification and y.shape[1]:
                    brushes = [cache[c] for c in data.labels(y)]
                else:  # regression targets over two inputs: the map's colour scale over the targets' range
                    lo, hi = data.target_range
                    idx = np.clip(np.rint(np.nan_to_num((y[:, 0] - lo) / (hi - lo)) * 255), 0, 255).astype(int)
                    brushes = [pg.mkBrush(*self.lut_for_points()[i]) for i in idx]
                size = (14 if len(x) <= 40 else 9 if len(x) <= 400 else 7) * points
                if filled:
                    self._point_size = size
                scatter.setData(x[:, st.ax], x[:, st.ay], brush=brushes, pen=pen, size=size)
            else:  # 1 input: targets over x, test points hollow
                brush = pg.mkBrush(theme.muted_text if filled else theme.background)
                scatter.setData(x[:, st.ax], y[:, 0], brush=brush, pen=pen, size=7 * points)
        # a cross small and thin enough that the point's own colour still shows around it
        self.errors.setPen(pg.mkPen(theme.text, width=max(self._point_size / 8, 1.2)))
        self.misclassified = -1  # the legend is written by the next refresh
        self._errors_shown = None  # and the crosses drawn again
        self._show_class_key()
        self.discretize.setEnabled(not self.regression)  # a number per point has no decision to show
        self.refresh()

    def _show_legend(self, misclassified: int) -> None:
        if misclassified == self.misclassified:
            return
        self.misclassified = misclassified
        data = self.session.data
        train, test = len(data.x_train), len(data.x_test)
        text = markup("<span>● train {}</span> &nbsp; <span>■ test {}</span>", train, test)
        if misclassified > 0:
            text += markup(" &nbsp; <span>✕ misclassified {}</span>", misclassified)
        text += markup(" &nbsp; <i>{}</i>", data.name)
        every = drawn_every(max(train, test))
        if every > 1:
            text += markup(" &nbsp; <i>(1 point in {} drawn)</i>", every)
        if data.problem:  # a CSV file's name and its problems are the user's text
            text += markup(f"<br><span style='color:{self.scene.theme.refused}'>{{}}</span>", data.problem)
        self.legend.setText(text)

    @property
    def regression(self) -> bool:
        """The data are numbers to predict (not classes): the map is one continuous scale over their range."""
        data = self.session.data
        compiled = self.session.compiled
        has_points = len(data.x_train) + len(data.x_test) > 0
        return has_points and not data.classification and not (compiled is not None and compiled.softmax)

    def _show_class_key(self) -> None:
        """Which colour is which class (several outputs): a swatch and the output's name each."""
        st = self.session
        net = st.network
        k = len(net.outputs)
        if st.mode != PLANE or k < 2 or self.regression:
            self.class_key.hide()
            return
        swatches = []
        for c, (output, colour) in enumerate(zip(net.outputs, colors.class_colors(self.scene.theme, k), strict=False)):
            label = net.node(output).display_label
            swatches.append(markup(f"<span style='color:{colour.name()}'>■</span> {{}} (class {c})", label))
        what = "most likely class, paler where less sure" if net.softmax else "largest output"
        self.class_key.setText(" &nbsp; ".join(swatches) + f" &nbsp; <i>colour: {what}</i>")
        self.class_key.show()

    def lut_for_points(self) -> np.ndarray:
        self._luts()
        return self.points_lut

    def _mark_errors(self, show: bool) -> None:
        """A cross over each data point the network puts in the wrong class (2-D classification)."""
        st = self.session
        data = st.data
        n = len(data.x_train) + len(data.x_test)
        wrong = np.zeros(0, bool)
        xs = data.x_train
        if show and st.mode == PLANE and data.classification and 0 < n <= MAX_MARKED and st.compiled is not None:
            xs = np.concatenate([data.x_train, data.x_test])  # only here: a copy of every point otherwise
            if xs.shape[1] == st.compiled.n_inputs:
                wrong = self._wrong(xs, np.concatenate([data.y_train, data.y_test]))
        size = self._point_size * 0.62
        shown = (wrong.tobytes(), size, st.ax, st.ay, st.data_version)
        if shown != self._errors_shown:  # an edit that moves no point across the boundary redraws no cross
            self._errors_shown = shown
            if wrong.any():
                self.errors.setData(xs[wrong, st.ax], xs[wrong, st.ay], size=size)
            else:
                self.errors.setData([], [])
        self._show_legend(int(wrong.sum()))

    def _wrong(self, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        compiled = self.session.compiled
        with np.errstate(all="ignore"):
            _, a = compiled.forward_all(xs, keep_z=False, copy=True)
            out = compiled.network_output(a)
        actual = self.session.data.labels(ys)
        if out.shape[0] == 1:
            threshold = output_range(compiled.activation_of[compiled.output_ids[0]])[2]
            predicted = (out[0] >= threshold).astype(int)
        else:
            predicted = np.argmax(out, axis=0)
        return predicted != actual

    def _place_message(self) -> None:
        """The message in the middle of what the plot shows, wrapped to its width (a narrow dock cut it)."""
        if not self.message.isVisible():
            return
        width = self.vb.boundingRect().width()
        self.message.setTextWidth(max(0.9 * width, 40.0))
        self.message.setPos(self.vb.viewRect().center())

    # ----------------------------------------------------------- refresh
    def refresh(self) -> None:
        st = self.session
        if not st.fresh:  # a structural edit is pending: the evaluation after the recompile redraws
            return
        self._luts()
        if st.a is None or st.compiled is None:
            self.message.setText(st.error or "Add an input to see the network's map")
            self.message.show()
            self._place_message()
            self.image.hide()
            self.contour.setData([], [])
            self.zero_lines.clear()
            self.line.clear()
            self._mark_errors(False)
            self.title.setText("<b>Decision regions</b>")
            return
        self.message.hide()
        if st.mode == PLANE:
            self.image.show()
            self._refresh_plane()
            self.line.clear()
        elif st.mode == LINE:
            self._refresh_line()

    def _set_range(self) -> None:
        rect = self.session.rect
        if rect != self._rect:
            self._rect = rect
            x0, x1, y0, y1 = rect
            if self.session.mode == PLANE:
                # one unit the same length on both axes when they measure alike (a circle stays round
                # in a wide dock); data in very different units keep the whole plot
                self.vb.setAspectLocked(same_scale(x1 - x0, y1 - y0), ratio=1.0)
                self.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            else:
                self.vb.setAspectLocked(False)
                self.vb.setXRange(x0, x1, padding=0)

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
        lut = self.lut
        boundary: tuple[np.ndarray, float] | None = None
        net = st.network
        if hovered:
            values = st.a[compiled.index[hovered]]
            lo_i, hi_i = self._ranges.one(st.node_ids.index(hovered), values)
            colors.to_index(values, lo_i, hi_i, self._idx, self._tmp)
            what = "input" if hovered in net.inputs else "feature" if hovered in net.features else "g(z)"
            self.title.setText(markup("<b>{}</b>: {} over the plane (hovered)", net.node(hovered).display_label, what))
            self._bar_levels(lo_i, hi_i)
        elif self.regression:  # a number per point, not a class: one continuous scale over the targets
            lo, hi = st.data.target_range
            colors.to_index(st.out[0], lo, hi, self._idx, self._tmp)
            self._bar_levels(lo, hi)
            shown = net.node(compiled.output_ids[0]).display_label
            self.title.setText(markup("<b>Output {}</b> over the input plane (regression: colour = value)", shown))
        elif k == 1:
            lo, hi, thr = output_range(compiled.activation_of[compiled.output_ids[0]])
            values = st.out[0]
            if self.discretize.isChecked():
                np.multiply(values >= thr, 255, out=self._idx, casting="unsafe")
            else:
                colors.to_index(values, lo, hi, self._idx, self._tmp)
            boundary = (values, thr)
            self._bar_levels(lo, hi)
            label = net.node(compiled.output_ids[0]).display_label
            self.title.setText(markup("<b>Output {}</b> over the input plane", label))
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
            names = ", ".join(net.node(o).display_label for o in compiled.output_ids)
            what = "Most likely class" if compiled.softmax else "Winning output"
            self.title.setText(markup("<b>{}</b> ({}) over the input plane", what, names))
        self.bar.setVisible(k == 1 or bool(hovered) or self.regression)
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
        self._mark_errors(not hovered)

    def _bar_levels(self, lo: float, hi: float) -> None:
        """Only when they change: a new range makes the bar's axis lay out its ticks again."""
        levels = (round(lo, 3), round(hi, 3))
        if levels != self._levels:
            self._levels = levels
            self.bar.setLevels(levels)

    def _refresh_line(self) -> None:
        self._mark_errors(False)
        self._set_range()
        self.line.refresh()
        net = self.session.network
        out = self.session.compiled.output_ids[0]
        self.title.setText(markup("<b>Output {}</b> and each neuron's contribution w·a", net.node(out).display_label))

    # ------------------------------------------------------------- mouse
    def _view_point(self, scene_pos: QPointF) -> tuple[float, float] | None:
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.vb.mapSceneToView(scene_pos)
        return p.x(), p.y()

    def _input_point(self, x: float, y: float) -> np.ndarray:
        st = self.session
        point = np.array(st.fixed, dtype=float)
        point[st.ax] = x
        if st.mode == PLANE:
            point[st.ay] = y
        return point

    def nearest_sample(self, x: float, y: float) -> tuple[np.ndarray, np.ndarray] | None:
        """The data point within a few pixels of (x, y), as (inputs, targets)."""
        st = self.session
        data = st.data
        xs = np.concatenate([data.x_train, data.x_test])
        ts = np.concatenate([data.y_train, data.y_test])
        if not len(xs) or xs.shape[1] != len(st.network.inputs):
            return None
        pw, ph = self.vb.viewPixelSize()
        dx = (xs[:, st.ax] - x) / max(pw, 1e-12)
        if st.mode == PLANE:
            dy = (xs[:, st.ay] - y) / max(ph, 1e-12)
        else:
            dy = (ts[:, 0] - y) / max(ph, 1e-12)
        d2 = dx * dx + dy * dy
        i = int(np.argmin(d2))
        return (xs[i], ts[i]) if d2[i] <= SNAP_PIXELS**2 else None

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        st = self.session
        if st.compiled is None or st.mode not in (LINE, PLANE) or self.session.painting.active:
            return
        point = self._view_point(scene_pos)
        if point is None:
            if not st.probe_pinned and st.probe is not None:
                st.set_probe(None)
            return
        if not st.probe_pinned:
            st.set_probe(self._input_point(*point))

    def _mouse_clicked(self, event) -> None:
        st = self.session
        point = self._view_point(event.scenePos())
        if point is None or st.compiled is None:
            return
        event.accept()
        if self.session.painting.active:
            self._paint(point, event.button())
            return
        if event.button() != Qt.MouseButton.LeftButton or self._on_pin(point):
            st.set_probe(None)  # right click, or a click on the pinned point: unpinned
            return
        sample = self.nearest_sample(*point)
        if sample is not None:
            st.set_probe(sample[0], pinned=True, target=sample[1])
        else:
            st.set_probe(self._input_point(*point), pinned=True)

    def _on_pin(self, point: tuple[float, float]) -> bool:
        """Is ``point`` (data coordinates) on the pinned probe's marker?"""
        st = self.session
        if not st.probe_pinned or st.probe is None or st.mode not in (PLANE, LINE):
            return False
        pw, ph = self.vb.viewPixelSize()
        dx = (st.probe[st.ax] - point[0]) / max(pw, 1e-12)
        dy = (st.probe[st.ay] - point[1]) / max(ph, 1e-12) if st.mode == PLANE else 0.0  # 1-D: a vertical line
        return dx * dx + dy * dy <= SNAP_PIXELS**2

    def _paint(self, point: tuple[float, float], button: Qt.MouseButton) -> None:
        st = self.session
        k = max(len(st.network.outputs), 1)
        x = self._input_point(*point)
        if st.mode == LINE:
            y = np.array([point[1]] * k)
        else:
            cls = self.session.painting.cls if button == Qt.MouseButton.LeftButton else 0
            y = np.zeros(k)
            if k == 1:
                y[0] = 1.0 if cls else 0.0
            else:
                y[min(cls, k - 1)] = 1.0
        st.add_point(x, y)
        self.point_painted.emit()

    def _probe_changed(self) -> None:
        st = self.session
        s = self.scene.theme.scale
        if st.probe is None or st.mode != PLANE or len(st.probe) <= max(st.ax, st.ay):
            self.probe_marker.setData([], [])
            self.pin_marker.setData([], [])
        elif not plot_style.in_reach(self.vb, st.probe[st.ax], st.probe[st.ay]):
            self.probe_marker.setData([], [])  # far outside the plot: not drawn (Qt's float coordinates overflow)
            self.pin_marker.setData([], [])
        else:
            x, y = [st.probe[st.ax]], [st.probe[st.ay]]
            self.probe_marker.setData(x, y, size=(18 if st.probe_pinned else 12) * s)
            self.pin_marker.setData(x if st.probe_pinned else [], y if st.probe_pinned else [], size=26 * s)
        pinned = st.probe_pinned and st.probe is not None
        if pinned:
            where = ", ".join(format_number(round(float(v), 3)) for v in st.probe)
            self.pin_note.setText(f"Probe pinned at ({where}): click it, press Esc or Train ▸ Unpin to let it go")
        self.pin_note.setVisible(pinned)
        self.line.show_probe()
