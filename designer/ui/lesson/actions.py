"""What a lesson step does when it is shown: train, walk a pass, collapse, select, pick the landscape's
parameters, run restarts. Actions run in order; training runs live (weights move on the canvas) and
the next action waits until it stops.

Actions that change the network (train, collapse, restarts) run when a step is first shown or
reset; the others (select, landscape, the walks) set what the views show and run on every visit.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from designer.engine import data as dm
from designer.exercises import ChainRuleExercise

if TYPE_CHECKING:
    from designer.lessons import Action, Step

CHANGES_NETWORK = ("train", "collapse", "restarts")
#: While presenting these wait for the clicker (the next PageDown or →), so the hall sees the "before"
ON_CLICK = ("collapse",)


class ActionRunner(QObject):
    finished = Signal()  # every action of the step has run (a training run has stopped)

    def __init__(self, window, live, exports, presentation) -> None:
        super().__init__(window)
        self.window = window
        self.live = live
        self.exports = exports
        self.presentation = presentation
        self.step: Step | None = None
        self._queue: deque[Action] = deque()
        self._training = False  # waiting for a training run this runner started
        #: the restarts of this step, shown on the presentation stage (None: none, or a window of their own)
        self.restarts: QWidget | None = None
        self.step_restarts: QWidget | None = None  # the restarts this step's action started (a window or not)
        self.undo_from = 0  # the undo index when the step's actions began
        #: a backward walk held back in the window until the step's drill is answered (it showed the
        #: answers before a single one was typed); it runs when presenting starts
        self.held_walk = False
        self._watching_drill = False  # connected to the drill's checks (the panel is built lazily)
        live.training.running_changed.connect(self._running_changed)

    @property
    def busy(self) -> bool:
        return bool(self._queue) or self._training

    @property
    def waiting_for_click(self) -> bool:
        """The next action waits for the presenter's PageDown."""
        return bool(self._queue) and not self._training and self._queue[0].kind in ON_CLICK

    def click(self) -> None:
        """The presenter's PageDown: the waiting action runs, then the rest."""
        if self.waiting_for_click:
            action = self._queue.popleft()
            if not getattr(self, f"_{action.kind}")(action):
                self._next()

    def run(self, step: Step, first_visit: bool) -> None:
        """Run the step's actions (on a later visit only those that leave the network alone)."""
        self.stop()
        self.step = step
        self.held_walk = False
        self._queue = deque(a for a in step.actions if first_visit or a.kind not in CHANGES_NETWORK)
        self.undo_from = self.window.document.undo_stack.index()  # the actions' own undo steps follow
        self._next()

    def stop(self) -> None:
        """Stop what is running (a training run pauses and becomes an undo step), drop what is left."""
        self._queue.clear()
        if self._training:
            self._training = False
            self.live.training.pause()
            self._restore_stop()

    def _next(self) -> None:
        while self._queue:
            if self._queue[0].kind in ON_CLICK and self.presentation.active:
                return  # until the presenter clicks
            action = self._queue.popleft()
            if getattr(self, f"_{action.kind}")(action):
                return  # it runs on: continue when it stops
        self.finished.emit()

    # -------------------------------------------------------------- actions
    def _train(self, action: Action) -> bool:
        training, panel = self.live.training, self.live.panel
        panel.stop_epochs.setValue(training.epoch + (action.epochs or 1))
        panel.stop_epochs_on.setChecked(True)
        training.play()
        self._training = training.running
        if not self._training:  # it could not start (the reason is in the Training panel)
            self._restore_stop()
        return self._training

    def _running_changed(self, running: bool) -> None:
        if running or not self._training:
            return
        self._training = False
        self._restore_stop()
        self._next()

    def _restore_stop(self) -> None:
        """The Training panel's "stop at epoch" back to the step's own setting."""
        panel = self.live.panel
        epochs = self.step.training.epochs if self.step is not None else None
        if epochs:
            panel.stop_epochs.setValue(epochs)
        panel.stop_epochs_on.setChecked(bool(epochs))

    def _forward(self, action: Action) -> bool:
        live = self.live
        live.actions["forward_walk"].setChecked(False)
        if action.point is not None:
            live.session.set_probe(np.array(action.point, dtype=float), pinned=True)
        live.actions["forward_walk"].setChecked(True)
        return False

    def _backward(self, action: Action) -> bool:
        live = self.live
        live.actions["backward_pass"].setChecked(False)
        if action.point is not None:
            point = np.array(action.point, dtype=float)
            live.session.set_probe(point, pinned=True, target=self._target_at(point))
        if self._drill_to_answer():
            self.held_walk = True
            self._watch_drill()
            self.window.report("Fill in the table: once it is right the backward pass is walked here (B walks it now)")
            return False
        live.actions["backward_pass"].setChecked(True)
        return False

    def _drill_to_answer(self) -> bool:
        """In the window, the step's chain-rule drill is not answered all right yet: the walk's factors
        would be its answers."""
        if self.presentation.active or self.step is None or not isinstance(self.step.exercise, ChainRuleExercise):
            return False
        result = self.window.exercise.panel.chain.result
        return result is None or not result.passed

    def _watch_drill(self) -> None:
        if not self._watching_drill:
            self._watching_drill = True
            self.window.exercise.panel.chain.checked.connect(self._drill_checked)

    def _drill_checked(self, result) -> None:
        """The table is answered all right: the walk that waited for it starts, and the canvas takes the
        keys (B or ← typed into the last answer field instead)."""
        if self.held_walk and result.passed and not self.presentation.active:
            self.start_held_walk()
            self.window.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def start_held_walk(self) -> None:
        """Presenting began on a step whose walk waited for the drill: the hall sees the walk."""
        if self.held_walk:
            self.held_walk = False
            self.live.actions["backward_pass"].setChecked(True)

    def _target_at(self, point: np.ndarray) -> np.ndarray | None:
        """The target the backward pass uses at ``point``: the chain-rule drill's sample target there,
        else the nearest training point's."""
        session = self.live.session
        exercise = self.step.exercise if self.step is not None else None
        network = session.network
        if isinstance(exercise, ChainRuleExercise) and exercise.targets:
            sample = np.array([exercise.inputs.get(i, np.nan) for i in network.inputs])
            if sample.shape == point.shape and np.allclose(sample, point):
                return np.array([exercise.targets[o] for o in network.outputs], dtype=float)
        data = session.data
        if data.problem or not len(data.x_train) or not dm.compatible(data, network):
            return None
        with np.errstate(over="ignore", invalid="ignore"):  # a point far out: every distance is inf, any will do
            nearest = int(np.argmin(np.sum((data.x_train - point) ** 2, axis=1)))
        return data.y_train[nearest]

    def _collapse(self, action: Action) -> bool:
        self.exports.math_dock.replace_collapsed()
        return False

    def _select(self, action: Action) -> bool:
        live, scene = self.live, self.window.scene
        scene.select_nodes([action.neuron])
        if self.step is not None and "activation" in self.step.views:
            if live.session.probe is None:  # a point whose z the activation view marks
                self._pin_first_point()
                if self.presentation.active and live.session.probe is not None:
                    # its values stand beside the nodes now: the stage's fit (before the actions) left the
                    # input's box no room left of x, and reached with PageDown it sat on x's lines
                    self.presentation.fit()
            live.activation.show_neuron(action.neuron)
        return False

    def _pin_first_point(self) -> None:
        session = self.live.session
        data = session.data
        if not data.problem and len(data.x_train) and dm.compatible(data, session.network):
            session.set_probe(data.x_train[0], pinned=True, target=data.y_train[0])

    def _landscape(self, action: Action) -> bool:
        ranges = [tuple(r) for r in action.ranges] if action.ranges is not None else None
        self.live.landscape.set_parameters(list(action.parameters), ranges)
        return False

    def _restarts(self, action: Action) -> bool:
        panel = self.live.panel
        panel.restarts_k.setValue(action.runs or panel.restarts_k.value())
        panel.restarts_epochs.setValue(action.epochs or panel.restarts_epochs.value())
        self.live.actions["train_restarts"].trigger()
        self.step_restarts = self.live.restarts_dialog
        if self.step_restarts is not None and self.presentation.active:  # on the stage, beside the layout's views
            self.adopt_restarts()
            self.presentation.apply()
        return False

    def adopt_restarts(self) -> bool:
        """The step's restarts, run in a window of their own, become a column of the presentation stage
        (presenting began after they started: they stayed a window over the stage). True if adopted."""
        dialog = self.step_restarts
        if dialog is None or not isValid(dialog) or dialog is self.restarts or not dialog.isVisible():
            return False
        from designer.ui.live import plot_style

        dialog.setWindowFlags(Qt.WindowType.Widget)
        plot_style.style_plot(dialog.plot, self.window.scene.theme)
        self.restarts = dialog
        return True

    def close_dialogs(self) -> None:
        dialog = self.live.restarts_dialog
        if dialog is not None and isValid(dialog):
            dialog.close()
        self.live.restarts_dialog = None
        self.restarts = self.step_restarts = None
