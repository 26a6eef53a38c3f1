"""The decision-region view: the output over the input plane (or the output curve of a 1-input net).

2 inputs (or more, two plotted): heat map with colour bar and axes, data points by class
(train ●, test □), the decision boundary, first-layer z = 0 lines in each neuron's colour,
winning-output colours for several outputs that are classes, one output at a time (chosen in
``output_choice``) for outputs that are separate questions. 1 input: target points, output curve and each
hidden neuron's contribution w·a. The data points and their legend are in ``region_points``, the
probe, pin and painting in ``region_probe``, the map's colours in ``region_map``, the title and
where the check boxes go in ``region_title``, the class key in ``region_key``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from designer.formatting import isolated
from designer.ui.live import plot_style
from designer.ui.live.aspect import AspectFit
from designer.ui.live.axes import AxesChooser
from designer.ui.live.colors import Ranges
from designer.ui.live.line import LineItems
from designer.ui.live.map_image import MapImage
from designer.ui.live.output_choice import OutputChoice, independent_outputs, offered
from designer.ui.live.region_key import ClassKey
from designer.ui.live.region_map import PlanePainting
from designer.ui.live.region_points import RegionPoints
from designer.ui.live.region_probe import RegionProbe
from designer.ui.live.region_title import HELD_NAMED, TITLE_LINES, TITLE_ROOM_EM, RegionTitle, held_inputs
from designer.ui.live.session import LINE, PLANE, Session
from designer.ui.live.zero_lines import ZeroLines
from designer.ui.safetext import escape, markup

__all__ = ["HELD_NAMED", "LINES_TIP", "TITLE_LINES", "TITLE_ROOM_EM", "RegionView", "held_inputs", "same_scale"]

LINES_TIP = "Where each first-layer neuron's z = w·x + b is 0: the half-planes it separates"


def same_scale(width: float, height: float) -> bool:
    """Whether the plane's two axes span alike (within 3×): then they are drawn to the same scale."""
    return width > 0 and height > 0 and 1 / 3 <= width / height <= 3


class RegionView(RegionTitle, PlanePainting, QWidget):
    """The view: its widgets, following the session, the range and the 1-input curve; the title and the
    map's colours are its bases'."""

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
        self.class_key = ClassKey()
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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange_header()

    def eventFilter(self, obj, event) -> bool:
        if obj is self.legend and event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange):
            self.points.fit_legend()  # the data set's name elided to one line of the new width
        return False

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
        """Which colour is which class: only for the winning class of several outputs over the plane."""
        st = self.session
        k = len(st.network.outputs)
        shown = st.mode == PLANE and k >= 2 and not self.regression and self.shown_column is None
        self.class_key.show_classes(st.network, self.scene.theme, shown)

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

    def _refresh_line(self) -> None:
        self.points.mark_errors(False)
        self._set_range()
        self.line.refresh()
        net = self.session.network
        outputs = self.session.compiled.output_ids
        label = net.node(outputs[self.line.column]).display_label
        what = f" (one of {len(outputs)} outputs)" if len(outputs) > 1 else ""
        self._set_title(markup("<b>Output {}</b> and each neuron's contribution w·a{}", label, what))
