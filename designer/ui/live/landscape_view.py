"""The loss landscape: the training loss over one or two weights/biases, the current point and the path
gradient descent has taken. On a chain-rule drill's network while its sample is shown, the drill's own
objective instead (J = the output, or its own loss), as Gradient Flow and the backward pass differentiate
it (:mod:`designer.ui.live.objective`): the training loss against a target equal to the output was 0 at
the point shown, a valley nobody asked about.

One parameter gives a curve, two a coloured surface with contour lines. The values come from
:func:`designer.engine.landscape.loss_landscape` (one vectorised pass over the grid, the other
parameters at their current values), on the session's compiled network and training data with
the training loss. While training runs the point and the path follow every frame and the surface
is recomputed a few times a second (it changes as the other parameters move). Plateaus (step
units: flat terraces, no slope to follow) and separate valleys (local optima) show directly.
Clicking the plot moves the chosen parameters there (one undo step).
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from designer.engine import EngineError
from designer.engine.compiled import first_beyond
from designer.engine.landscape import OUTPUT, Landscape, Parameter, loss_landscape, parameter_index, weight_penalty
from designer.formatting import format_number
from designer.model import SetValues
from designer.ui.live import plot_style
from designer.ui.live.grid import contour_segments
from designer.ui.live.landscape_picker import ParameterPicker, parameter_label, parameters_of
from designer.ui.live.map_image import MapImage
from designer.ui.live.objective import Objective, shown_objective
from designer.ui.live.on_screen import on_screen
from designer.ui.live.panel_settings import LOSS_LABELS
from designer.ui.live.readout import Readout
from designer.ui.live.scrolled import scrolled_column
from designer.ui.live.session import Session
from designer.ui.safetext import escape

GRID_2D = 61  # values per parameter for a surface (61×61)
GRID_1D = 241  # values for a curve
CONTOURS = 8
TRAINING_REFRESH_MS = 200  # the surface while training runs, at most this often (the point and path follow its frames)
#: while training runs, a surface is recomputed in at most about this time: on a coarser grid where the full
#: one costs more (61×61 for 2-64-64-1 on 500 points took 0.3 s, every 0.2 s: more than the whole machine,
#: and the canvas fell from 60 to 23 frames a second); the full grid again when training pauses
TRAINING_BUDGET_S = 0.006
TRAINING_SHARE = 0.1  # and the recomputes take at most this share of the time (they wait longer when dear)
LEAST_GRID_2D, LEAST_GRID_1D = 15, 61  # values per parameter while training, at least
MAX_PATH = 4000  # path points kept (older ones thinned)
LEVELS = 256
READOUT_LINES = 3  # the readout's room, however short its text now
#: the readout and "log colours" go beside the plot where the view is at least this many times as wide as
#: it is high: a tab on a 1280×720 stage (816×328 px under the step's text and the loss curves) left the
#: plot 90 px high with the readout under it cut at the panel's edge
BESIDE_ASPECT = 2.0
BESIDE_SHARE = 0.45  # of the view's width, for the readout beside the plot
BESIDE_LINES = 5  # the readout's room beside the plot, narrower than under it (its longest text: 5 lines)


QWIDGETSIZE_MAX = 16_777_215


def training_grid(full: int, cost_per_value: float, dimensions: int, least: int) -> int:
    """Values per parameter for a surface (or curve) recomputed while training: as many as fit in
    TRAINING_BUDGET_S at ``cost_per_value`` seconds each, between ``least`` and ``full``."""
    if cost_per_value <= 0:
        return full
    fitting = int((TRAINING_BUDGET_S / cost_per_value) ** (1 / dimensions))
    return max(least, min(full, fitting))


def training_refresh_ms(cost: float) -> int:
    """Milliseconds until the next recompute while training: TRAINING_REFRESH_MS, longer where one took
    ``cost`` seconds, so that the recomputes take at most TRAINING_SHARE of the time."""
    return max(TRAINING_REFRESH_MS, math.ceil(1000 * cost / TRAINING_SHARE))


def _least(widget: QWidget) -> QSize:
    """The least size a layout gives ``widget``: its minimum size where set, else its minimum size hint."""
    hint, least = widget.minimumSizeHint(), widget.minimumSize()
    return QSize(least.width() or hint.width(), least.height() or hint.height())


class LandscapeView(QWidget):
    def __init__(self, session: Session, scene) -> None:
        super().__init__()
        self.session = session
        self.scene = scene
        self.setObjectName("landscapeView")
        self.landscape: Landscape | None = None
        self.path: list[tuple[float, float]] = []  # (p1, p2), or (p1, loss) for a curve
        self.picker = ParameterPicker(lambda: session.network, self._live_value, self._selected_parameters)
        self.picker.changed.connect(self._parameters_changed)
        self.log = QCheckBox("log colours")
        self.log.setObjectName("landscapeLog")
        self.log.setChecked(True)
        self.log.setToolTip("Colour by the logarithm of the loss: valleys near the minimum keep their shape")
        self.log.toggled.connect(lambda _: self._draw())
        #: "Now: …, loss … · at (x, y): loss … · lowest here …": three lines beside "log colours" in a 400 px dock
        self.readout = Readout("landscapeReadout", READOUT_LINES)
        self.plot = plot_style.still_plot("landscapePlot", scene.theme, (200, 160))
        self.plot.setAccessibleName("Loss landscape plot")
        item = self.plot.getPlotItem()
        item.setContentsMargins(2, 10, 2, 2)
        self.image = MapImage()
        self.image.setZValue(-10)
        item.addItem(self.image, ignoreBounds=True)
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get("viridis"), interactive=False, width=12)
        self.bar.setImageItem([], insert_in=item)
        self.contours = pg.PlotCurveItem(connect="pairs")
        self.contours.setZValue(2)
        item.addItem(self.contours, ignoreBounds=True)
        self.curve = pg.PlotCurveItem()
        self.curve.setZValue(3)
        item.addItem(self.curve)
        self.path_line = pg.PlotCurveItem()
        self.path_line.setZValue(5)
        item.addItem(self.path_line, ignoreBounds=True)
        self.point = pg.ScatterPlotItem(symbol="o")
        self.point.setZValue(6)
        item.addItem(self.point, ignoreBounds=True)
        self.message = pg.TextItem(anchor=(0.5, 0.5))
        item.addItem(self.message, ignoreBounds=True)
        item.getViewBox().sigResized.connect(self._wrap_message)
        self._options = QHBoxLayout()  # under the plot: the readout, "log colours" at its right
        self._row = QHBoxLayout()  # the plot, and beside it (wide and low) the readout over "log colours"
        self._row.addWidget(self.plot, 1)
        self.side = QWidget()
        self.side.setObjectName("landscapeSide")
        side = QVBoxLayout(self.side)
        side.setContentsMargins(0, 0, 0, 0)
        side.addStretch(1)  # under the readout and "log colours" when they are beside the plot
        self.side.hide()
        self._row.addWidget(self.side)
        self.beside = False  # the readout beside the plot (see BESIDE_ASPECT)
        self._options.addWidget(self.readout, 1)
        self._options.addWidget(self.log)
        # low (a tab at 1024×768): it scrolls, the axis title stays off the readout
        column, self.scroll = scrolled_column(self, "landscape", measured=self)
        column.addWidget(self.picker)
        column.addLayout(self._row, 1)
        column.addLayout(self._options)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.compute)
        self._indices: list[int] = []
        self._lut = np.zeros((LEVELS, 4), np.uint8)
        #: seconds one grid value took at the last compute, and that compute's seconds (measured around it,
        #: as the frame budget measures its parts): how coarse and how often the surface is while training
        self.cost_per_value = 0.0
        self.last_cost = 0.0
        session.structure_changed.connect(self._structure_changed)
        session.evaluated.connect(self._evaluated)
        session.values_changed.connect(self._values_moved)
        session.data_changed.connect(self.schedule)
        session.training.running_changed.connect(lambda running: running or self.schedule())
        # the objective shown is what training minimises: its loss and its penalties
        session.training.option_changed.connect(self._option_changed)
        session.training.step_watchers.append(self._stepped)
        scene.theme_changed.connect(self.restyle)
        self.plot.scene().sigMouseClicked.connect(self._clicked)
        self.plot.scene().sigMouseMoved.connect(self._hovered)
        self.restyle()
        self._structure_changed()

    # ------------------------------------------------------------- style
    def restyle(self) -> None:
        theme = self.scene.theme
        s = theme.scale
        plot_style.style_plot(self.plot, theme)
        plot_style.style_color_bar(self.bar, theme)
        self._lut = pg.colormap.get("viridis").getLookupTable(nPts=LEVELS, alpha=True)
        self.contours.setPen(pg.mkPen(255, 255, 255, 150, width=1.0 * s))
        self.curve.setPen(pg.mkPen(theme.positive, width=2.5 * s))
        self.path_line.setPen(pg.mkPen(theme.negative, width=2.5 * s))
        self.point.setPen(pg.mkPen(theme.background, width=2 * s))
        self.point.setBrush(pg.mkBrush(theme.negative))
        self.point.setSize(16 * s)
        self.message.setColor(theme.muted_text)
        self.message.setFont(theme.screen_font(10))
        self._draw()

    def _place_readout(self) -> None:
        """The readout and "log colours" under the plot, or beside it (:attr:`beside`)."""
        self.readout.lines = BESIDE_LINES if self.beside else READOUT_LINES
        self.readout.updateGeometry()
        # taken out of the old layout first (Qt deletes the old layout item, which a view never laid out yet
        # kept otherwise), the stretch under them stays in the side column
        side = self.side.layout()
        for widget in (self.readout, self.log):
            (self._options if self.beside else side).removeWidget(widget)
        if self.beside:
            side.insertWidget(0, self.readout)  # over the stretch
            side.insertWidget(1, self.log)
        else:
            self._options.addWidget(self.readout, 1)
            self._options.addWidget(self.log)
        self.side.setVisible(self.beside)
        self.scroll.updateGeometry()  # its size hints are the body's, which just changed: the stage measures them

    def resizeEvent(self, event) -> None:
        """Wide and low, the readout goes beside the plot, which keeps the height it would lose under it."""
        super().resizeEvent(event)
        size = event.size()
        beside = self.beside_at(size.width(), size.height())
        if beside:
            self.side.setFixedWidth(round(size.width() * BESIDE_SHARE))
        if beside != self.beside:
            self.beside = beside
            self._place_readout()

    def beside_at(self, width: int, height: int) -> bool:
        """Whether the readout goes beside the plot in a view this big: where it is wide and low (in a
        narrow dock beside the plot the readout took another line when the mouse came over the plot)."""
        return width >= BESIDE_ASPECT * height

    def heights(self, width: int) -> tuple[int, int]:
        """The least height the view shows whole in at ``width``, with the readout under the plot and
        beside it (whichever it has now: the stage asks before it gives a view its size, and the view that
        had the readout under its plot said it needed 436 px at 511 px wide where beside it needed 368)."""
        column = self.scroll.widget().layout()
        margins = column.contentsMargins()
        inner = width - margins.left() - margins.right()
        top = margins.top() + margins.bottom() + _least(self.picker).height() + column.spacing()
        plot = _least(self.plot)
        log = _least(self.log)
        gap = self._options.spacing()
        readout = self.readout.height_at(inner - log.width() - gap, READOUT_LINES)
        under = top + plot.height() + column.spacing() + max(readout, log.height())
        side = round(width * BESIDE_SHARE)
        if inner - side - self._row.spacing() < plot.width():
            return under, QWIDGETSIZE_MAX  # no room for the plot beside the readout
        side_column = self.readout.height_at(side, BESIDE_LINES) + self.side.layout().spacing() + log.height()
        return under, top + max(plot.height(), side_column)

    def needed_height(self, width: int) -> int:
        """The least height the view shows whole in at ``width``, in the arrangement it would take there:
        beside the plot where that height is low enough for it to go beside, else under the plot."""
        under, beside = self.heights(width)
        return beside if self.beside_at(width, beside) and beside < under else under

    def least_height(self) -> int:
        """Lower than this the view never shows whole, however wide (the picker and the plot's minimum)."""
        column = self.scroll.widget().layout()
        margins = column.contentsMargins()
        fixed = _least(self.picker).height() + column.spacing() + _least(self.plot).height()
        return margins.top() + margins.bottom() + fixed

    @property
    def figure(self) -> QWidget:
        """What File ▸ Export draws: the plot with its axes and colour bar (not the parameter choosers,
        the readout or "log colours")."""
        return self.plot

    # ------------------------------------------------------------ choose
    def set_parameters(self, ids: list[str], ranges: list[tuple[float, float]] | None = None) -> None:
        """Show the loss over these parameters (``w:SOURCE->TARGET`` / ``b:NEURON``)."""
        self.picker.set_parameters([Parameter.parse(i) for i in ids], ranges)

    @property
    def parameters(self) -> list[Parameter]:
        return list(self.picker.chosen)

    def _selected_parameters(self) -> list[Parameter]:
        network = self.session.network
        picked = [
            p
            for p in parameters_of(network)
            if not p.is_bias and (p.source, p.target) in self.scene.selected_connections
        ]
        picked += [Parameter(n) for n in self.scene.selected_node_ids() if n in network.neurons]
        return picked[:2]

    def _live_value(self, parameter: Parameter) -> float:
        if parameter.is_bias:
            return self.session.bias_of(parameter.target)
        return float(self.session.weights_for([(parameter.source, parameter.target)])[0])

    def _structure_changed(self) -> None:
        """Another network (or another structure): parameters that are gone are dropped, the old surface too."""
        self.landscape = None
        self._indices = []
        self.picker.fill()
        self._parameters_changed()
        if not self.isVisible():
            self._show_message("")

    def _parameters_changed(self) -> None:
        self.path = []
        self._indices = []
        self._label_axes()
        self.schedule(now=True)

    def _option_changed(self, name: str) -> None:
        """The loss or a penalty changed: the objective shown is what training minimises. (Also while a
        new network's settings are applied, before its parameters are picked: no names read here.)"""
        if name in ("loss", "l1", "l2"):
            if len(self.parameters) < 2:
                self._label_objective()
            self.schedule()

    def _label_axes(self) -> None:
        """The parameters' names; a curve's height is the training loss, with the L1/L2 penalty when on."""
        names = [parameter_label(self.session.network, p) for p in self.parameters]
        item = self.plot.getPlotItem()
        item.setLabel("bottom", escape(names[0]) if names else "")  # axis labels are HTML; names are ids
        if len(names) > 1:
            item.setLabel("left", escape(names[1]))
            plot_style.style_axes(item, self.scene.theme)
        else:
            self._label_objective()

    def _label_objective(self) -> None:
        """A curve's height says what is plotted; a drill's objective is also the plot's title (a surface
        has no axis for it, and "J = the output f₃ at the drill's sample" is too long for a curve's axis)."""
        item = self.plot.getPlotItem()
        objective = self.objective()
        if len(self.parameters) < 2:
            item.setLabel("left", objective.symbol if objective.drill else self.objective_text(objective))
            plot_style.style_axes(item, self.scene.theme)
        if objective.drill:
            plot_style.style_title(item, escape(self.objective_text(objective)), self.scene.theme)
        elif item.titleLabel.isVisible():
            item.setTitle(None)

    def objective(self) -> Objective:
        """What is plotted: a shown chain-rule drill's objective, else the training loss (and penalty)."""
        return shown_objective(self.session, len(self.session.network.outputs))

    def objective_text(self, objective: Objective) -> str:
        """The objective in words: "J = the output f₃ at the drill's sample", "training loss + penalty"."""
        if objective.of_output:
            output = self.session.network.node(self.session.network.outputs[0]).display_label
            return f"J = the output {output} at the drill's sample"
        if objective.drill:
            return f"L = the drill's {LOSS_LABELS.get(objective.engine_loss, objective.engine_loss)} at its sample"
        return "training loss + penalty" if self._penalised(objective) else "training loss"

    def _penalised(self, objective: Objective) -> bool:
        """Whether training's L1/L2 penalty is in the plotted values (not in a drill's own objective)."""
        settings = self.session.training.settings
        return not objective.drill and bool(settings.l1 or settings.l2)

    def _value_name(self, objective: Objective) -> str:
        """The readout's name of a plotted value: J, L, loss or loss + penalty."""
        if objective.drill:
            return objective.symbol
        return "loss + penalty" if self._penalised(objective) else "loss"  # what the curves beside it do not add

    # ----------------------------------------------------------- compute
    def schedule(self, now: bool = False) -> None:
        if not on_screen(self):  # closed, or behind another tab: revealed() computes when it comes back
            return
        if now or not self.session.training.running:
            self._timer.start(0)
        elif not self._timer.isActive():
            self._timer.start(training_refresh_ms(self.last_cost))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start(0)  # shown: its place on the window may not be laid out yet (schedule would wait)

    def revealed(self, visible: bool = True) -> None:
        """Its dock's tab came to the front (Qt shows no event for it): the surface as it is now."""
        if visible:
            self._timer.start(0)

    def grid_values(self) -> int:
        """Values per parameter of the next surface: the full grid, coarser while training where it costs
        more than TRAINING_BUDGET_S (see ``training_grid``)."""
        two = len(self.parameters) == 2
        full = GRID_2D if two else GRID_1D
        if not self.session.training.running:
            return full
        return training_grid(full, self.cost_per_value, 2 if two else 1, LEAST_GRID_2D if two else LEAST_GRID_1D)

    def compute(self) -> None:
        """The loss over the chosen parameters' ranges, with the network's other values as they are now."""
        self._timer.stop()
        st = self.session
        st.ensure_fresh()
        self.landscape = None
        self._indices = []
        problem = self._problem()
        if problem:
            self._show_message(problem)
            return
        data = st.data
        objective = self.objective()
        self._label_objective()  # a drill's sample shown or left: the objective changes with the data
        penalised = self._penalised(objective)
        values = self.grid_values()
        start = time.perf_counter()
        try:
            self.landscape = loss_landscape(
                st.compiled,
                data.x_train,
                data.y_train,
                OUTPUT if objective.of_output else objective.engine_loss,
                self.parameters,
                self.picker.axes(values),
                l1=st.training.settings.l1 if penalised else 0.0,
                l2=st.training.settings.l2 if penalised else 0.0,
            )
            self._indices = [parameter_index(st.compiled, p) for p in self.parameters]
        except (EngineError, ValueError) as exc:
            self._show_message(f"Cannot compute the landscape: {exc}")
            return
        self.last_cost = time.perf_counter() - start
        self.cost_per_value = self.last_cost / self.landscape.values.size
        if not np.isfinite(self.landscape.values).any():
            self.landscape = None
            self._show_message(f"The loss is not a finite number anywhere here: {self._why_not_finite()}")
            return
        self.message.hide()
        if not self.path:
            self.path = [self._current()]
        self._draw()

    def _why_not_finite(self) -> str:
        """The training value the network's arithmetic cannot hold, named; else the question it was."""
        compiled, data = self.session.compiled, self.session.data
        beyond = first_beyond(data.x_train, compiled.dtype)
        if beyond is None:
            return "are the data or the weights huge?"
        row, column, value = beyond
        limit = float(np.finfo(compiled.dtype).max)
        return (
            f"training point {row + 1} has {compiled.input_ids[column]} = {value:g}, beyond what "
            f"{compiled.dtype.name}, the live network's arithmetic, holds (±{limit:.3g})"
        )

    def _problem(self) -> str:
        st = self.session
        if st.compiled is None:
            return st.error or "Build a network to see its loss landscape"
        if not self.parameters:
            return "The network has no weights or biases yet"
        if st.data.problem or st.data.n_train == 0:
            return f"No training data: {st.data.problem or 'choose a dataset in the Training panel'}"
        return ""

    def _show_message(self, text: str) -> None:
        self.image.hide()
        self.bar.hide()
        for item in (self.contours, self.curve, self.path_line):
            item.setData([], [])
        self.point.setData([], [])
        self.message.setText(text)
        self._wrap_message()
        self.message.setPos(0, 0)
        self.plot.getPlotItem().setRange(xRange=(-1, 1), yRange=(-1, 1))
        self.message.show()
        self.readout.setText("")

    def _wrap_message(self) -> None:
        """The message in lines as wide as the plot: in one line, a reason that names a value was cut
        at both sides of a 400 px dock."""
        width = self.plot.getPlotItem().getViewBox().width()
        self.message.setTextWidth(max(width - 16, 80))

    def _current(self) -> tuple[float, float]:
        """The point now: both parameters' live values, or (value, loss) for a curve."""
        theta = self.session.compiled.theta
        first = float(theta[self._indices[0]])
        if len(self._indices) == 2:
            return first, float(theta[self._indices[1]])
        history = self.session.training.history
        running = self.session.training.uncommitted and len(history) and not self.objective().drill
        if running:  # the curves record the data's loss: the penalty is added as the landscape has it
            settings = self.session.training.settings
            loss = history.last("train_loss") + weight_penalty(self.session.compiled, settings.l1, settings.l2)
        else:
            loss = self.landscape.current_loss
        return first, float(loss)

    # ---------------------------------------------------------- follow
    def _stepped(self) -> None:
        """After every optimiser step: a surface's path gets each step (a curve's, each frame: it needs the loss)."""
        if len(self._indices) == 2 and self.landscape is not None:
            theta = self.session.compiled.theta
            self._extend((float(theta[self._indices[0]]), float(theta[self._indices[1]])))

    def _extend(self, point: tuple[float, float]) -> None:
        self.path.append(point)
        if len(self.path) > MAX_PATH:
            self.path = self.path[::2]

    def _values_moved(self) -> None:
        """A training frame: the path grows; it is drawn on the frames that update the views (every n-th
        when the frame budget says so, as the other views: drawn at every frame it took a 4,000-point path
        and a repaint of the plot each time) and only where it is seen (not behind another tab: the whole
        path shows when the tab comes back); the surface follows a few times a second."""
        if self.landscape is None or not self._indices:
            return
        if len(self._indices) == 1:
            self._extend(self._current())
        training = self.session.training
        if (training.running and not training.clock.views_due) or not on_screen(self):
            return
        self._draw_point_and_path()
        self.schedule()

    def _evaluated(self) -> None:
        """After an edit: a jump of the point (not by training) starts a new path; the surface is recomputed."""
        if self.landscape is not None and self._indices and self.session.fresh and not self.session.training.running:
            now = self._current()
            if self.path and self._moved(self.path[-1], now):
                self.path = []
        self.schedule()

    def _moved(self, before: tuple[float, float], now: tuple[float, float]) -> bool:
        n = 2 if len(self._indices) == 2 else 1
        return any(not math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9) for a, b in zip(before[:n], now[:n], strict=True))

    # -------------------------------------------------------------- draw
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

    # ------------------------------------------------------------ mouse
    def _plot_point(self, scene_pos: QPointF) -> tuple[float, float] | None:
        vb = self.plot.getPlotItem().getViewBox()
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        p = vb.mapSceneToView(scene_pos)
        return p.x(), p.y()

    def _hovered(self, scene_pos: QPointF) -> None:
        at = self._plot_point(scene_pos)
        if at is not None:
            self._show_readout(at)

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton or self.landscape is None:
            return
        at = self._plot_point(event.scenePos())
        if at is None:
            return
        self.move_to(at[: len(self.landscape.axes)])

    def move_to(self, values: tuple[float, ...]) -> None:
        """Set the chosen parameters to these values (one undo step)."""
        weights: dict[tuple[str, str], float] = {}
        biases: dict[str, float] = {}
        for p, v in zip(self.parameters, values, strict=False):
            if p.is_bias:
                biases[p.target] = float(v)
            else:
                weights[(p.source, p.target)] = float(v)
        shown = ", ".join(format_number(float(v)) for v in values)
        self.session.document.push(SetValues(weights, biases, text=f"move to ({shown}) on the loss landscape"))
