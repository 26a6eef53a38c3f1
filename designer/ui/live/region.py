"""The decision-region view: the output over the input plane (or the output curve of a 1-input net).

2 inputs (or more, two plotted): heat map with colour bar and axes, data points by class
(train ●, test □), the decision boundary, first-layer z = 0 lines in each neuron's colour,
winning-output colours for several outputs that are classes, one output at a time (chosen in
``output_choice``) for outputs that are separate questions. 1 input: target points, output curve and each
hidden neuron's contribution w·a. The data points and their legend are in ``region_points``, the
probe, pin and painting in ``region_probe``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from designer.formatting import format_number, isolated
from designer.ui.live import colors, plot_style
from designer.ui.live.aspect import AspectFit
from designer.ui.live.axes import AxesChooser
from designer.ui.live.colors import Ranges, output_range
from designer.ui.live.grid import contour_segments
from designer.ui.live.line import LineItems
from designer.ui.live.map_image import MapImage
from designer.ui.live.output_choice import OutputChoice, independent_outputs, offered
from designer.ui.live.region_points import RegionPoints
from designer.ui.live.region_probe import RegionProbe
from designer.ui.live.session import LINE, PLANE, Session
from designer.ui.live.zero_lines import ZeroLines
from designer.ui.safetext import escape, markup

LINES_TIP = "Where each first-layer neuron's z = w·x + b is 0: the half-planes it separates"
#: characters of room the title needs beside the check boxes ("Output y over the input plane" in two lines)
TITLE_ROOM_EM = 16
#: lines of title beside the check boxes at most; a longer title puts them on a row of their own
TITLE_LINES = 2.5
#: the held inputs the title names with their values; more are counted ("and 780 more")
HELD_NAMED = 4


def held_inputs(net, fixed: np.ndarray, shown: set[int]) -> str:
    """The title's note on the inputs not plotted, "(x3 = 0, x4 = 0.5)": the first ``HELD_NAMED`` by name, the
    rest counted, so the title stays a line or two with 784 inputs (it was 7,800 characters)."""
    held = [k for k in range(min(len(net.inputs), len(fixed))) if k not in shown]
    if not held:
        return ""
    ids = list(net.inputs)
    named = [
        markup("{} = {}", net.inputs[ids[k]].display_label, format_number(round(float(fixed[k]), 3)))
        for k in held[:HELD_NAMED]
    ]
    more = len(held) - len(named)
    if more:
        named.append(f"and {more} more held at their sliders' values")
    return " &nbsp; <i>(" + ", ".join(named) + ")</i>"


def same_scale(width: float, height: float) -> bool:
    """Whether the plane's two axes span alike (within 3×): then they are drawn to the same scale."""
    return width > 0 and height > 0 and 1 / 3 <= width / height <= 3


class RegionView(QWidget):
    def __init__(self, session: Session, scene) -> None:
        super().__init__()
        self.session = session
        self.scene = scene
        self.setObjectName("regionView")
        #: why one neuron's map is shown: the mouse is over it, or presenting focused it (keys 1–9)
        self.neuron_shown_because = "hovered"
        self.title = QLabel()
        self.title.setObjectName("regionTitle")
        self.title.setTextFormat(Qt.TextFormat.RichText)
        # it wraps within the dock: a long output label (a file may hold 10,000 characters) widened the
        # dock and the main window to the whole label's width
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setWordWrap(True)
        self.discretize = QCheckBox("Discretize")
        self.discretize.setObjectName("discretize")
        self.discretize.setToolTip("Show only the decision: each cell coloured by the class the network picks")
        self.show_lines = QCheckBox("z = 0 lines")
        self.show_lines.setObjectName("zeroLines")
        self.show_lines.setChecked(True)
        self.show_lines.setToolTip(LINES_TIP)
        self.legend = QLabel()
        self.legend.setObjectName("regionLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        # its width follows the dock, not its text: a count that changes while training must not
        # re-lay out the dock and the main window around it many times a second; it wraps where the
        # dock is narrow (presenting, its large letters cut the data set's name)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setWordWrap(True)
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
        self.output_choice = OutputChoice(session, self._output_chosen)
        self.output_choice.hide()
        theme = scene.theme
        self.plot = plot_style.plot_widget(theme)
        self.plot.setObjectName("regionPlot")
        self.plot.setAccessibleName("Decision regions plot")
        self.plot.setMinimumSize(200, 150)
        item = self.plot.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(False, False)
        self.vb = item.getViewBox()
        # room for the top tick labels of the axis and colour bar; more beside a map drawn to one scale
        self.shape = AspectFit(item, (2, 10, 2, 2))
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
        self.points = RegionPoints(session, scene, item, self.legend)
        self.legend.installEventFilter(self)  # the data set's name is elided to its width
        self.line = LineItems(session, scene, item)
        self.probe = RegionProbe(session, scene, self.plot, self.pin_note, self.line)
        self.message = pg.TextItem(color=theme.muted_text, anchor=(0.5, 0.5))
        self.message.textItem.document().setDefaultTextOption(QTextOption(Qt.AlignmentFlag.AlignHCenter))
        item.addItem(self.message, ignoreBounds=True)
        self.vb.sigResized.connect(self._place_message)
        self.vb.sigResized.connect(self._map_resized)
        self.switches = QWidget()
        row = QHBoxLayout(self.switches)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.discretize)
        row.addWidget(self.show_lines)
        self._header = QGridLayout()
        self._header.setContentsMargins(0, 0, 0, 0)
        self._header.addWidget(self.title, 0, 0)
        self._header.setColumnStretch(0, 1)
        self._switches_below: bool | None = None
        self._place_switches(below=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        layout.addLayout(self._header)
        layout.addWidget(self.axes)
        layout.addWidget(self.output_choice)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.pin_note)
        layout.addWidget(self.class_key)
        #: the widgets for the user, left out of an exported figure (title, legend and class key stay:
        #: they say what the colours and symbols mean)
        self.controls = (self.discretize, self.show_lines, self.axes, self.output_choice, self.pin_note)
        self._idx = np.zeros(0, np.uint8)
        self._tmp = np.zeros(0, np.float32)
        self._rect: tuple | None = None
        self._levels: tuple[float, float] | None = None
        self._mode = ""
        self._lut_theme = ""
        self._ranges = Ranges([])
        self._held: tuple | None = None
        self.discretize.toggled.connect(lambda _: self.refresh())
        self.show_lines.toggled.connect(lambda _: self.refresh())
        session.evaluated.connect(self.refresh)
        session.structure_changed.connect(self._structure_changed)
        session.geometry_changed.connect(self._forget_held)
        session.data_changed.connect(self._data_changed)
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
        self.message.setColor(theme.muted_text)
        self.message.setFont(theme.screen_font(10))
        self.zero_lines.restyle()
        self.line.restyle()
        self._lut_theme = ""  # the colours may be new: rebuild the lookup tables
        self._data_changed()  # point colours, sizes and outlines; redraws the map
        self.probe.restyle()

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

    def _place_switches(self, below: bool) -> None:
        """The check boxes beside the title, or under it where the view is narrow: beside them the
        title was squeezed to a word per line and cut ("Outpu") in a 1000 px window's lesson step."""
        if below == self._switches_below:
            return
        self._header.removeWidget(self.switches)
        if below:
            self._header.addWidget(self.switches, 1, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self._header.addWidget(self.switches, 0, 1)
        self._switches_below = below

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange_header()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.legend and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.points.fit_legend()  # the data set's name elided to one line of the new width
        return False

    def _arrange_header(self) -> None:
        """The check boxes under the title where beside them it would be narrow or take more than two
        lines: a 784-input network's title (the held inputs) was four cramped lines beside them."""
        room = self.width() - self.switches.sizeHint().width()
        title_room = room - self.layout().contentsMargins().left() - self.layout().contentsMargins().right()
        title_room -= max(self._header.horizontalSpacing(), 0)
        long_title = (
            self.title.heightForWidth(max(title_room, 1)) > TITLE_LINES * self.title.fontMetrics().lineSpacing()
        )
        self._place_switches(below=room < TITLE_ROOM_EM * self.fontMetrics().averageCharWidth() or long_title)

    # -------------------------------------------------------- structure
    def _offer_lines(self, softmax: bool) -> None:
        """The z = 0 switch only where there are lines to draw: softmax outputs in the first layer have
        none (their classes part where two outputs' z are equal), and a ticked box drawing nothing misled."""
        has_lines = bool(self.zero_lines.ids)
        self.show_lines.setEnabled(has_lines)
        self.show_lines.setToolTip(
            LINES_TIP
            if has_lines
            else "No first-layer neuron here has a z = 0 line that parts the plane"
            + (": softmax outputs part where two of their z are equal" if softmax else "")
        )

    def _structure_changed(self) -> None:
        st = self.session
        net = st.network
        self._mode = st.mode
        self._forget_held()
        kinds = [net.neurons[n].activation if n in net.neurons else "input" for n in st.node_ids]
        self._ranges = Ranges(kinds)
        self.zero_lines.rebuild()
        self.output_choice.rebuild()
        self._offer_lines(net.softmax)
        self.line.rebuild()
        plane = st.mode == PLANE
        item = self.plot.getPlotItem()
        ids = list(net.inputs)
        if ids:
            # axis labels are HTML; user text isolated (a U+202E label reverses nothing around it)
            item.setLabel("bottom", escape(isolated(net.inputs[ids[st.ax]].display_label)))
            shown = net.outputs[min(st.shown_output, len(net.outputs) - 1)] if net.outputs else ""
            output = net.node(shown).display_label if shown else ""
            item.setLabel("left", escape(isolated(net.inputs[ids[st.ay]].display_label if plane else output)))
        for it in (self.image, self.contour, self.probe.marker, self.probe.pin, self.bar):
            it.setVisible(plane)
        self.show_lines.setVisible(plane)
        self.discretize.setVisible(plane)
        self._rect = None
        self._data_changed()

    def _map_resized(self) -> None:
        """The points' size follows the map's (crowded points are drawn smaller): drawn again after a
        resize that changes the map's area by more than a tenth."""
        rect = self.vb.boundingRect()
        area = rect.width() * rect.height()
        before = self.points.map_area
        if area > 0 and abs(area - before) > 0.1 * max(before, 1.0):
            self.points.map_area = area
            self.points.map_width = rect.width()
            self.points.redraw(self.lut_for_points)
            self.refresh()

    def _data_changed(self) -> None:
        self._follow_outputs()
        self.points.redraw(self.lut_for_points)
        self._show_class_key()
        self.discretize.setEnabled(not self.regression)  # a number per point has no decision to show
        self.refresh()

    def _follow_outputs(self) -> None:
        """The chooser only for outputs that are separate questions; the points then show its target."""
        st = self.session
        self.output_choice.setVisible(offered(st))
        self.points.column = st.shown_output if independent_outputs(st) or st.mode == LINE else None

    def _output_chosen(self) -> None:
        """Another output: its curve and sources (1 input), the points' colours and crosses by its targets."""
        self._structure_changed()

    @property
    def shown_column(self) -> int | None:
        """The output the map shows on its own (independent outputs), None for the classes of several."""
        return self.points.column

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
        if st.mode != PLANE or k < 2 or self.regression or self.shown_column is not None:
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
            self._show_axes(False)  # nothing is plotted: no axes claiming an output against x1
            self.message.setText(st.error or "Add an input to see the network's map")
            self.message.show()
            self._place_message()
            self.image.hide()
            self.contour.setData([], [])
            self.zero_lines.clear()
            self.line.clear()
            self.points.mark_errors(False)
            self.title.setText("<b>Decision regions</b>")
            return
        self.message.hide()
        self._show_axes(True)
        if st.mode == PLANE:
            self.image.show()
            self._refresh_plane()
            self.line.clear()
        elif st.mode == LINE:
            self._refresh_line()

    def _show_axes(self, on: bool) -> None:
        """The axes, only when something is plotted against them (only on change: showing one lays out the plot)."""
        item = self.plot.getPlotItem()
        if item.getAxis("left").isVisible() != on:
            for side in ("left", "bottom"):
                item.showAxis(side, on)

    def _set_range(self) -> None:
        rect = self.session.rect
        if rect != self._rect:
            self._rect = rect
            x0, x1, y0, y1 = rect
            if self.session.mode == PLANE:
                # one unit the same length on both axes when they measure alike (a circle stays round
                # in a wide dock); data in very different units keep the whole plot
                locked = same_scale(x1 - x0, y1 - y0)
                self.vb.setAspectLocked(locked, ratio=1.0)
                self.shape.set_aspect((x1 - x0) / (y1 - y0) if locked else None)  # the plot shaped like the map
                self.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
            else:
                self.vb.setAspectLocked(False)
                self.shape.set_aspect(None)
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

    @staticmethod
    def _one_of(k: int) -> str:
        """Said in the title (an exported figure too): the other outputs are not in this map."""
        return f"one of {k} outputs, each a question of its own"

    def _set_title(self, html: str, hovered: bool = False) -> None:
        """The title, with the inputs not plotted and the values they are held at (3 inputs or more: a
        figure of the view says it too, where the axes chooser's sliders are left out). Set only when it
        changes: a word-wrapped title set again re-lays out the dock. A hovered neuron's title leaves
        the check boxes where they are: the map would grow and shrink as the mouse crosses the canvas."""
        html += self._held_text()
        if html != self.title.text():
            self.title.setText(html)
            if not hovered:
                self._arrange_header()

    def _held_text(self) -> str:
        """The held inputs' part of the title, built again only when the inputs, the plotted pair or a
        held value changed: with 784 inputs, building it at every redraw took seconds after an edit."""
        st = self.session
        shown = (st.ax, st.ay) if st.mode == PLANE else (st.ax,)
        key = (shown, st.fixed.tobytes())
        if self._held is None or self._held[0] != key:
            self._held = (key, held_inputs(st.network, st.fixed, set(shown)))
        return self._held[1]

    def _forget_held(self) -> None:
        """Inputs added, removed or renamed: the held inputs' text is built again."""
        self._held = None

    def _bar_levels(self, lo: float, hi: float) -> None:
        """Only when they change: a new range makes the bar's axis lay out its ticks again."""
        levels = (round(lo, 3), round(hi, 3))
        if levels != self._levels:
            self._levels = levels
            self.bar.setLevels(levels)

    def _refresh_line(self) -> None:
        self.points.mark_errors(False)
        self._set_range()
        self.line.refresh()
        net = self.session.network
        outputs = self.session.compiled.output_ids
        label = net.node(outputs[self.line.column]).display_label
        what = f" (one of {len(outputs)} outputs)" if len(outputs) > 1 else ""
        self._set_title(markup("<b>Output {}</b> and each neuron's contribution w·a{}", label, what))
