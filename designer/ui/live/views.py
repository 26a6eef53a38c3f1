"""The live views of a main window: docks, actions, menus, toolbar, canvas overlays, all on one Session."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QWidget

from designer.ui.live.backward import BackwardWalk
from designer.ui.live.gradflow import GradientFlow
from designer.ui.live.lazy_dock import LazyDock
from designer.ui.live.panel import TrainingPanel
from designer.ui.live.plateau_note import PlateauNote
from designer.ui.live.play_advice import PlayAdvice
from designer.ui.live.probe import ForwardWalk, ProbeOverlay
from designer.ui.live.session import Session
from designer.ui.live.steady_width import SteadyWidth

if TYPE_CHECKING:
    from designer.ui.live.activation_view import ActivationView
    from designer.ui.live.curves import LossCurves
    from designer.ui.live.landscape_view import LandscapeView
    from designer.ui.live.region import RegionView
from designer.ui.live.thumbs import NeuronMaps

AREA = Qt.DockWidgetArea


class LiveViews(QObject):
    plots_built = Signal()  # the region and curves docks got their plots
    """The live views of one window: the Decision Regions, Training and Loss docks, the canvas
    overlays (neuron maps, probe, gradient flow, walks) and the Train menu and toolbar.

    Built by :class:`MainWindow` from the session it shows; ``window`` is only the container
    the docks, menus and toolbar are added to.
    """

    def __init__(self, window, session: Session, scene, view) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.training = session.training
        self.scene = scene
        self.actions: dict[str, QAction] = {}
        report = window.report
        self._walk_said = ""  # the status bar's text a walk last showed (its keys): gone when the walk ends
        self.maps = NeuronMaps(session, scene)
        self.probe = ProbeOverlay(session, scene)
        self.forward = ForwardWalk(session, self.probe, self._walk_report)
        self.gradients = GradientFlow(session, scene, view)
        self.backward = BackwardWalk(session, scene, self.gradients, self._walk_report)
        self._build_actions()
        self.panel = TrainingPanel(session, self.actions, scene, report, window.statusBar().currentMessage)
        # the plots (pyqtgraph) are built after the window's first paint, or when first asked for
        self._region: RegionView | None = None
        self._curves: LossCurves | None = None
        self._viewport = view.viewport()
        self.region_dock = self._dock("Decision Regions", "regionDock", None, AREA.RightDockWidgetArea)
        self.training_dock = self._dock("Training", "trainingDock", self.panel, AREA.LeftDockWidgetArea)
        self.curves_dock = self._dock("Loss and Accuracy", "lossDock", None, AREA.BottomDockWidgetArea)
        self.activation_dock = LazyDock(
            "Activation", "activationDock", window, AREA.RightDockWidgetArea, self._activation
        )
        self.landscape_dock = LazyDock(
            "Loss Landscape", "landscapeDock", window, AREA.RightDockWidgetArea, self._landscape
        )
        self._docks_arranged = False
        # the loss curves sit under the canvas only, so the side columns keep their full height
        window.setCorner(Qt.Corner.BottomLeftCorner, AREA.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, AREA.RightDockWidgetArea)
        self._build_menus()
        scene.hovered_node.connect(self._hovered)
        scene.theme_changed.connect(self.restyle)
        self.training.running_changed.connect(self._running_changed)
        session.structure_changed.connect(self._stop_walks)
        session.evaluated.connect(self._values_changed)
        session.probe_changed.connect(lambda: self.actions["unpin_probe"].setEnabled(session.probe_pinned))
        self.restarts_dialog = None
        self.advice = PlayAdvice(window, session, self.training, self.panel)
        self.plateau = PlateauNote(report, session, self.training)
        self._time_paints(view)
        self._viewport.installEventFilter(self)  # its first paint: then build the plots
        window.installEventFilter(self)
        session.flush()

    # ------------------------------------------------------------- building
    @property
    def region(self) -> RegionView:
        """The Decision Regions view (built on first use: importing pyqtgraph would delay the first paint)."""
        if self._region is None:
            self.build_plots()
        return self._region

    @property
    def curves(self) -> LossCurves:
        if self._curves is None:
            self.build_plots()
        return self._curves

    @property
    def activation(self) -> ActivationView:
        """g(z) and g'(z) of the selected neuron (built when its dock is first shown or asked for)."""
        return self.activation_dock.content

    @property
    def landscape(self) -> LandscapeView:
        """The loss over one or two weights/biases (built when its dock is first shown or asked for)."""
        return self.landscape_dock.content

    def _activation(self) -> ActivationView:
        from designer.ui.live.activation_view import ActivationView

        self.session.ensure_fresh()
        view = ActivationView(self.session, self.scene)
        self._follow_tab(self.activation_dock, view.revealed, (view.g_plot, view.d_plot))
        return view

    def _landscape(self) -> LandscapeView:
        from designer.ui.live.landscape_view import LandscapeView

        self.session.ensure_fresh()
        view = LandscapeView(self.session, self.scene)
        self._follow_tab(self.landscape_dock, view.revealed, (view.plot,))
        return view

    def _follow_tab(self, dock: QDockWidget, revealed, plots: tuple) -> None:
        """A view that skips its work behind another tab catches up when its tab comes to the front
        (``visibilityChanged``: Qt sends no show event then); its plots' paints count in the frame budget."""
        dock.visibilityChanged.connect(revealed)
        for plot in plots:
            self._time_paints(plot)

    def build_plots(self) -> None:
        """The Decision Regions and Loss docks' contents: pyqtgraph plots, built once."""
        if self._region is not None:
            return
        from designer.ui.live.curves import LossCurves
        from designer.ui.live.region import RegionView

        self.session.ensure_fresh()  # the views read the compiled structure as they are built
        self._region = RegionView(self.session, self.scene)
        self._curves = LossCurves(self.training, self.scene.theme)
        self.region_dock.setWidget(self._region)
        self.curves_dock.setWidget(self._curves)
        for widget in (self._region.plot, self._curves.loss_plot, self._curves.acc_plot):
            self._time_paints(widget)
        self.plots_built.emit()
        self.session.schedule()

    def _time_paints(self, widget) -> None:
        """Report how long ``widget`` takes to repaint to the frame budget (the paint is part of a frame)."""
        clock = self.training.clock
        original = widget.paintEvent

        def timed(event) -> None:
            start = time.perf_counter()
            original(event)
            clock.painted(time.perf_counter() - start)

        widget.paintEvent = timed

    def _dock(self, title: str, name: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget if widget is not None else QWidget())  # a placeholder until the plots are built
        self.window.addDockWidget(area, dock)
        return dock

    def _arrange_docks(self) -> None:
        """The loss curves under the canvas only; the region view gets most of the right column.

        Run once the window is shown (dock sizes only stick when the window has its size).
        """
        self._docks_arranged = True
        w = self.window
        inspector = w.inspector_dock
        if w.dockWidgetArea(inspector) == AREA.RightDockWidgetArea:
            # the Inspector's neuron page down to its first incoming weights (at 1280×720 too)
            w.resizeDocks([inspector, self.region_dock], [300, 440], Qt.Orientation.Vertical)
        w.resizeDocks([self.curves_dock], [190], Qt.Orientation.Vertical)
        w.resizeDocks([self.training_dock, self.region_dock], [300, 400], Qt.Orientation.Horizontal)

    def _action(
        self, key: str, text: str, slot, shortcut: str | None = None, tip: str = "", checkable: bool = False
    ) -> QAction:
        action = self.window.add_action(key, text, slot, shortcut, tip, checkable)
        self.actions[key] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        t = self.training
        a("train_play", "&Play", self._play, "F8", "Train continuously (F8 again pauses)")
        a("train_step", "&Step", t.step, "F6", "One optimiser step on one batch")
        a("train_epoch", "&Epoch", lambda: t.step(epoch=True), "F7", "Train for one epoch")
        a("train_reset", "&Reset", t.reset, None, "Back to the weights training started from")
        a(
            "train_randomize",
            "R&andomize",
            self._randomize,
            None,
            "New random weights from the next seed (locked values stay)",
        )
        a(
            "train_restarts",
            "Se&veral restarts…",
            self._restarts,
            None,
            "Train from K random initialisations and compare the final losses",
        )
        a(
            "gradient_flow",
            "&Gradient Flow",
            self._gradient_flow,
            "G",
            "Colour connections by ∂L/∂w and neurons by ∂L/∂z",
            checkable=True,
        )
        a(
            "backward_pass",
            "&Backward Pass Step-Through",
            self._backward,
            "B",
            "Step from the outputs to the inputs, one level per ← key, showing the chain-rule factors",
            checkable=True,
        )
        a(
            "forward_walk",
            "Walk &Forward Pass",
            self._forward,
            "F",
            "Step through the forward pass at the probed point, one level per → key",
            checkable=True,
        )
        a("neuron_maps", "Neuron &Maps", self._maps_toggled, "M", "Show every neuron's map next to it", checkable=True)
        self.actions["neuron_maps"].setChecked(True)
        a(
            "unpin_probe",
            "&Unpin Probe Point\tEsc",
            self.unpin_probe,
            None,
            "Let the probe follow the mouse again (also: click the pinned point, or Esc)",
        )
        self.actions["unpin_probe"].setEnabled(False)
        a("walk_next", "&Next Level", lambda: self._walk(+1), "Right", "Forward pass: next level; backward: back")
        a("walk_prev", "Previous &Level", lambda: self._walk(-1), "Left", "Backward pass: next level; forward: back")
        for key in ("walk_next", "walk_prev"):
            self.actions[key].setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.window.menuBar()
        train = QMenu("&Train", self.window)
        train.setObjectName("trainMenu")
        for key in (
            "train_play",
            "train_step",
            "train_epoch",
            None,
            "train_reset",
            "train_randomize",
            "train_restarts",
            None,
            "gradient_flow",
            "backward_pass",
            "forward_walk",
            "walk_next",
            "walk_prev",
            None,
            "unpin_probe",
        ):
            train.addSeparator() if key is None else train.addAction(self.actions[key])
        bar.insertMenu(self.window.menu("help").menuAction(), train)
        view = self.window.menu("view")
        view.addSeparator()
        view.addAction(self.actions["neuron_maps"])
        view.addAction(self.actions["gradient_flow"])
        for dock in (self.region_dock, self.training_dock, self.curves_dock, self.activation_dock, self.landscape_dock):
            view.addAction(dock.toggleViewAction())
        self.window.addToolBarBreak()
        tools = QToolBar("Training", self.window)
        tools.setObjectName("trainingToolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key in ("train_play", "train_step", "gradient_flow", "backward_pass", "forward_walk"):
            tools.addAction(self.actions[key])
        self.window.addToolBar(tools)
        self.toolbar = tools
        self._steady_play = SteadyWidth(tools, self.actions["train_play"], ("Play", "Pause"))  # the rest stay put

    # ------------------------------------------------------------ behaviour
    def restyle(self) -> None:
        """The canvas's theme changed (presentation mode): plots, maps and legend follow it."""
        theme = self.scene.theme
        if self._region is not None:
            self._region.restyle()
            self._curves.restyle(theme)
        self.gradients.legend.restyle(theme)
        self.maps.refresh()
        self.session.schedule()

    def _hovered(self, node_id: str) -> None:
        self.session.hovered = node_id
        if self.session.fresh:
            if self._region is not None:
                self._region.refresh()
        else:
            self.session.schedule()

    def _play(self) -> None:
        """Play/pause; before a run, what would keep it from learning is said first (PlayAdvice), and
        while it runs, a plateau it gets stuck on (PlateauNote)."""
        if not self.training.running and (self.training.trainer is not None or not self.training.start_problem()):
            if self.advice.holds_back():
                return
        self.training.toggle()
        if self.training.running:
            self.advice.started()
            self.plateau.watch_run()

    def _randomize(self) -> None:
        self.training.randomize()
        self.advice.randomized()

    def _running_changed(self, running: bool) -> None:
        play = self.actions["train_play"]
        play.setText("&Pause" if running else "&Play")

    def _maps_toggled(self, on: bool) -> None:
        self.maps.setVisible(on)
        self.maps.refresh()  # drawn or let go (the canvas's scroll range follows)

    def _gradient_flow(self, on: bool) -> None:
        self.gradients.set_enabled(on)

    def _set_walk_keys(self) -> None:
        on = self.forward.active or self.backward.active
        for key in ("walk_next", "walk_prev"):
            self.actions[key].setEnabled(on)

    def _walk_report(self, message: str) -> None:
        self.window.report(message)
        self._walk_said = self.window.statusBar().currentMessage()

    def _forget_walk_message(self) -> None:
        """A walk that ends takes its "← next level towards the inputs, → back" out of the status bar: it
        stayed there 12 s after B (or the toolbar) had ended the walk, naming keys that did nothing."""
        bar = self.window.statusBar()
        if self._walk_said and bar.currentMessage() == self._walk_said:
            bar.clearMessage()
        self._walk_said = ""

    def _forward(self, on: bool) -> None:
        if on:
            self.actions["backward_pass"].setChecked(False)
            if not self.forward.start():
                self.actions["forward_walk"].setChecked(False)
        else:
            self.forward.stop()
            self._forget_walk_message()
        self._set_walk_keys()

    def _backward(self, on: bool) -> None:
        if on:
            self.actions["forward_walk"].setChecked(False)
            if not self.backward.start():
                self.actions["backward_pass"].setChecked(False)
        else:
            self.backward.stop()
            self._forget_walk_message()
        self.probe.visible_values = not self.backward.active  # its factor labels carry the values
        self.probe.update()
        self._set_walk_keys()

    def unpin_probe(self) -> None:
        """The probe follows the mouse again; a walk at the pinned point ends with it. A backward pass left
        on said "Backward pass at x = (0, 0)" with no point marked there any more, and the next edit pinned
        the point again behind the user's back."""
        ended = ""
        for key, name in (("forward_walk", "forward pass"), ("backward_pass", "backward pass")):
            if self.actions[key].isChecked():
                self.actions[key].setChecked(False)
                ended = f" and the {name} at it ended"
        self.session.set_probe(None)
        self.window.report(f"Probe unpinned{ended}: hover the map to probe, click to pin a point.")

    def _walk(self, direction: int) -> None:
        if self.forward.active:
            self.forward.step(direction)
        elif self.backward.active:
            self.backward.step(direction)

    def _stop_walks(self) -> None:
        """The structure changed: a walk's levels and values no longer apply."""
        if self.forward.active:
            self.actions["forward_walk"].setChecked(False)
        if self.backward.active:
            self.actions["backward_pass"].setChecked(False)

    def _values_changed(self) -> None:
        if self.backward.active and not self.training.running:
            level = self.backward.level
            if self.backward.start():
                self.backward.show(level)

    def _restarts(self) -> None:
        from designer.ui.live.restarts import run_restarts  # pyqtgraph: only when asked for

        self.restarts_dialog = run_restarts(
            self.window,
            self.session,
            self.scene.theme,
            self.window.report,
            self.panel.restarts_k.value(),
            self.panel.restarts_epochs.value(),
        )

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close and self.training.running:
            self.training.pause()
        if obj is self.window and event.type() == QEvent.Type.Show and not self._docks_arranged:
            if self.window.layout_restored:  # the last run's layout came back as it was
                self._docks_arranged = True
            else:
                QTimer.singleShot(0, self._arrange_docks)
        if obj is self._viewport and event.type() == QEvent.Type.Paint:
            self._viewport.removeEventFilter(self)
            QTimer.singleShot(0, self.build_plots)  # the canvas is on screen: now the plots
        return False
