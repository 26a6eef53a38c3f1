"""The Train menu, its actions and the Training toolbar of the live views.

What each action is called, its key, its tip and the order of the menu and toolbar: a job of its own
beside building the docks and reacting to the session (``views``), read whenever a key or entry is
added. :class:`TrainActions` is a base of :class:`~designer.ui.live.views.LiveViews`, which provides
``window``, ``training``, the docks and the slots the actions call.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from designer.ui.live.steady_width import SteadyWidth


class TrainActions:
    """``actions[key]`` for the training keys, the Train menu, the View menu's live entries, the toolbar."""

    actions: dict[str, QAction]

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
