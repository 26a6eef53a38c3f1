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

By job: this module holds the view, its choice of parameters, computing and following training; the
schedule of recomputes is ``landscape_schedule``, the readout's place ``landscape_room``, the names of
what is plotted ``landscape_objective``, the message instead of a plot ``landscape_message`` and the
drawing ``landscape_draw``.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from designer.engine import EngineError
from designer.engine.landscape import OUTPUT, Landscape, Parameter, loss_landscape, parameter_index, weight_penalty
from designer.formatting import format_number
from designer.model import SetValues
from designer.ui.live import plot_style
from designer.ui.live.landscape_draw import CONTOURS, LEVELS, LandscapeDrawing
from designer.ui.live.landscape_message import LandscapeMessage
from designer.ui.live.landscape_objective import ObjectiveLabels
from designer.ui.live.landscape_picker import ParameterPicker, parameters_of
from designer.ui.live.landscape_room import (
    BESIDE_ASPECT,
    BESIDE_LINES,
    BESIDE_SHARE,
    QWIDGETSIZE_MAX,
    READOUT_LINES,
    ReadoutPlacement,
)
from designer.ui.live.landscape_schedule import (
    GRID_1D,
    GRID_2D,
    LEAST_GRID_1D,
    LEAST_GRID_2D,
    TRAINING_BUDGET_S,
    TRAINING_REFRESH_MS,
    TRAINING_SHARE,
    grid_values,
    training_grid,
    training_refresh_ms,
)
from designer.ui.live.map_image import MapImage
from designer.ui.live.on_screen import on_screen
from designer.ui.live.readout import Readout
from designer.ui.live.scrolled import scrolled_column
from designer.ui.live.session import Session

__all__ = [  # the names other modules, tests and benchmarks import from here (their homes: the imports above)
    "BESIDE_ASPECT",
    "BESIDE_LINES",
    "BESIDE_SHARE",
    "CONTOURS",
    "GRID_1D",
    "GRID_2D",
    "LEAST_GRID_1D",
    "LEAST_GRID_2D",
    "LEVELS",
    "MAX_PATH",
    "QWIDGETSIZE_MAX",
    "READOUT_LINES",
    "TRAINING_BUDGET_S",
    "TRAINING_REFRESH_MS",
    "TRAINING_SHARE",
    "LandscapeView",
    "training_grid",
    "training_refresh_ms",
]

MAX_PATH = 4000  # path points kept (older ones thinned)


class LandscapeView(ReadoutPlacement, ObjectiveLabels, LandscapeMessage, LandscapeDrawing, QWidget):
    """The view and its live state: the chosen parameters, computing the landscape when due and following
    training's steps; placing the readout, naming the objective, the message and drawing are its bases'."""

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
        """Values per parameter of the next surface (see ``landscape_schedule.grid_values``)."""
        return grid_values(len(self.parameters), self.session.training.running, self.cost_per_value)

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
