"""Training from the GUI, time-sliced: a timer tick runs a few steps, writes the weights into the model
and lets the views redraw, so the event loop is never blocked for longer than a frame.

The model stays the single source of truth: every tick writes the trained values into it
(without undo, one VALUES_CHANGED event, so the canvas shows the weights moving); a pause
pushes one ``train`` undo step from the values at play to the values now. Hand edits during
training reach the trainer at once through the model's events; locked values are masked.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from designer.engine import CompiledNetwork, EngineError, Trainer, TrainingSettings, compile_network, losses, randomize
from designer.model import SetValues
from designer.model import events as ev
from designer.model.network import Network
from designer.ui.live.history import History

FRAME_MS = 16
BUDGET_S = 0.010  # at most this long in training steps per tick, whatever steps_per_frame asks


@dataclass
class TrainingRun(SetValues):
    """Values after training, undone to the values before it (the model already shows the new ones).

    Consecutive training actions merge into one undo step.
    """

    before: tuple[dict, dict] = field(default_factory=lambda: ({}, {}))
    merge_key = "training-run"
    _done: bool = field(default=False, init=False)

    def do(self, network: Network) -> None:
        if self._done:  # redo; the first time the model already holds these values
            network.set_values(self.weights, self.biases)
        self._done = True
        self._old = self.before

    def merge(self, later) -> bool:  # noqa: ANN001
        if not isinstance(later, TrainingRun):
            return False
        self.weights, self.biases = later.weights, later.biases
        return True


class TrainingController(QObject):
    stepped = Signal()  # after a tick or a step: counters and curves changed
    running_changed = Signal(bool)
    message = Signal(str, bool)  # text, is_problem

    def __init__(self, state, document) -> None:  # noqa: ANN001 - LiveState, Document
        super().__init__(state)
        self.state = state
        self.document = document
        self.settings = TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.03, batch_size=10)
        self.steps_per_frame = 10
        self.stop_epochs: int | None = None
        self.stop_loss: float | None = None
        self.weight_seed = 0
        self.history = History()
        self.compiled: CompiledNetwork | None = None
        self.trainer: Trainer | None = None
        self.initial: tuple[dict, dict] | None = None  # the values training started from (Reset)
        self.running = False
        self.frame_times: list[float] = []
        self._run_start: tuple[dict, dict] | None = None
        self._value_index: tuple | None = None
        self._writing = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.tick)
        self._unsubscribe = state.network.events.subscribe(self._on_event)
        state.data_changed.connect(self.invalidate)

    # ---------------------------------------------------------------- setup
    def invalidate(self) -> None:
        """Data or settings that shape the trainer changed: rebuild it before the next step."""
        if self.running:
            self.pause()
        self.trainer = None
        self.history.clear()
        self.stepped.emit()

    def _ensure(self) -> bool:
        if self.trainer is not None:
            return True
        net = self.state.network
        data = self.state.data
        if data.problem:
            self.message.emit(f"Cannot train: {data.problem}", True)
            return False
        if data.n_train == 0:
            self.message.emit("No training data: choose a dataset, paint points on the map or load a CSV file", True)
            return False
        self._value_index = None
        try:
            self.compiled = compile_network(net, np.float64)
            self.trainer = Trainer(self.compiled, data.x_train, data.y_train, self.settings)
        except (EngineError, ValueError) as exc:
            self.compiled = self.trainer = None
            self.message.emit(f"Cannot train: {exc}", True)
            return False
        if self.initial is None:
            self.initial = self.compiled.trainable_values()
        if not len(self.history):
            self._record()
        return True

    def set_option(self, name: str, value) -> None:  # noqa: ANN001
        """Change a setting; loss, optimizer and batch size need a new trainer (learning rate, L1, L2 do not)."""
        setattr(self.settings, name, value)
        if name in ("loss", "optimizer", "batch_size") and self.trainer is not None:
            running = self.running
            if running:
                self.pause()
            self._rebuild_keeping_history()
            if running:
                self.play()

    def _rebuild_keeping_history(self) -> None:
        epoch_offset = self.history.last_epoch()
        self.trainer = None
        self.history.offset = epoch_offset
        self._ensure()

    # --------------------------------------------------------------- events
    def _on_event(self, event: ev.Event) -> None:
        if self._writing or self.compiled is None:
            return
        if event.structural:
            if self.running:  # an edit is running: record the training as its own undo step right after it
                self.running = False
                self._timer.stop()
                start, values = self._run_start, self.compiled.trainable_values()
                self._run_start = None
                if start is not None and event.kind != ev.RESET:  # not onto another network
                    QTimer.singleShot(0, lambda: self._push(start, "train", values))
                self.running_changed.emit(False)
                self.message.emit("Training paused: the network's structure changed", False)
            self.trainer = self.compiled = None
            self.initial = None
            self.history.clear()
            self.stepped.emit()
            return
        net = self.state.network
        if event.kind == ev.CONNECTION_CHANGED and event.field == "weight":
            self.compiled.set_weight(event.key, net.connections[event.key].weight)
        elif event.kind == ev.NODE_CHANGED and event.field == "bias":
            self.compiled.set_bias(event.key, net.neurons[event.key].bias)
        elif event.kind in (ev.VALUES_CHANGED, ev.CONNECTION_CHANGED, ev.NODE_CHANGED):
            self.compiled.load_values(net)  # undo, locks: re-read values and the trainable mask
            self._value_index = None

    # ------------------------------------------------------------- controls
    def play(self) -> None:
        if self.running or not self._ensure():
            return
        self._run_start = self.compiled.trainable_values()
        self.running = True
        self.message.emit("Training…", False)
        self._timer.start()
        self.running_changed.emit(True)

    def pause(self, note: str = "") -> None:
        if not self.running:
            return
        self.running = False
        self._timer.stop()
        self._commit()
        self.running_changed.emit(False)
        self.message.emit(note or f"Paused at epoch {self.epoch}", note.startswith("Training diverged"))

    def toggle(self) -> None:
        self.pause() if self.running else self.play()

    def step(self, epoch: bool = False) -> None:
        """One optimiser step (one batch), or a whole epoch, then show it (an undo step)."""
        if self.running:
            self.pause()
        if not self._ensure():
            return
        start = self.compiled.trainable_values()
        result = self.trainer.run_epoch() if epoch else self.trainer.step()
        self._write_back()
        self._record()
        self._push(start, "train (step)")
        if result.diverged:
            self.message.emit(f"Training diverged: {result.message}", True)
        self.stepped.emit()

    def tick(self) -> None:
        """One frame of training: up to ``steps_per_frame`` steps within the time budget."""
        if not self.running or self.trainer is None:
            return
        t0 = time.perf_counter()
        trainer = self.trainer
        note = ""
        for _ in range(self.steps_per_frame):
            result = trainer.step()
            if result.diverged:
                note = f"Training diverged: {result.message}"
                break
            if self.stop_epochs is not None and self.epoch >= self.stop_epochs:
                note = f"Stopped at epoch {self.stop_epochs}"
                break
            if time.perf_counter() - t0 > BUDGET_S:
                break
        self._write_back()
        loss = self._record()
        if not note and self.stop_loss is not None and loss <= self.stop_loss:
            note = f"Stopped: training loss {loss:.4g} reached the target {self.stop_loss:g}"
        self.stepped.emit()
        self.frame_times.append(time.perf_counter() - t0)
        if note:
            self.pause(note)

    # ------------------------------------------------------------ write back
    def _trained_values(self) -> tuple[dict, dict]:
        """The trainable weights and biases now (index arrays cached until the locks change)."""
        c = self.compiled
        if self._value_index is None:
            w_on = c.mask[c.connection_index] != 0
            b_on = c.mask[c.bias_index] != 0
            self._value_index = (
                [k for k, on in zip(c.connection_keys, w_on.tolist(), strict=True) if on],
                c.connection_index[w_on],
                [k for k, on in zip(c.neuron_ids, b_on.tolist(), strict=True) if on],
                c.bias_index[b_on],
            )
        w_keys, w_idx, b_keys, b_idx = self._value_index
        theta = c.theta
        return dict(zip(w_keys, theta[w_idx].tolist(), strict=True)), dict(
            zip(b_keys, theta[b_idx].tolist(), strict=True)
        )

    def _write_back(self) -> None:
        """Put the trained values into the model (one event) and hand them to the views directly."""
        weights, biases = self._trained_values()
        st = self.state
        self._writing = True
        st.suppress_values = True
        try:
            st.network.set_values(weights, biases)
        finally:
            st.suppress_values = False
            self._writing = False
        with np.errstate(over="ignore", invalid="ignore"):
            if st.compiled is not None and st.compiled.theta.shape == self.compiled.theta.shape:
                st.compiled.theta[...] = self.compiled.theta
            elif st.compiled is not None:
                st.compiled.load_values(st.network)
        st.flush()

    def _push(self, start: tuple[dict, dict], text: str, values: tuple[dict, dict] | None = None) -> None:
        weights, biases = values if values is not None else self.compiled.trainable_values()
        net = self.state.network
        if values is not None:  # recorded before a structural edit: keep what still exists
            weights = {k: v for k, v in weights.items() if k in net.connections}
            biases = {k: v for k, v in biases.items() if k in net.neurons}
            start = (
                {k: v for k, v in start[0].items() if k in weights},
                {k: v for k, v in start[1].items() if k in biases},
            )
        if (weights, biases) == start:
            return
        self._writing = True
        try:
            self.document.push(TrainingRun(weights, biases, text=text, before=start), merge=True)
        finally:
            self._writing = False

    def _commit(self) -> None:
        if self._run_start is not None and self.compiled is not None:
            self._push(self._run_start, "train")
        self._run_start = None

    def _record(self) -> float:
        trainer = self.trainer
        data = self.state.data
        train_loss, train_acc = self._metrics(data.x_train, data.y_train)
        test_loss, test_acc = self._metrics(data.x_test, data.y_test)
        epoch = trainer.steps * trainer.batch_size / max(trainer.n, 1)
        self.history.append(epoch, train_loss, test_loss, train_acc, test_acc)
        return train_loss

    def _metrics(self, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Loss and accuracy (NaN for regression targets) with the engine's reusable buffers."""
        if not len(x):
            return math.nan, math.nan
        net = self.compiled
        with np.errstate(all="ignore"):
            _, a = net.forward_all(x, keep_z=False, copy=False)
            p = net.network_output(a).T
            loss = losses.loss_value(self.settings.loss, p, y, softmax=net.softmax)
            acc = losses.accuracy(p, y, net.softmax) if losses.is_classification(y) else math.nan
        return loss, acc

    @property
    def epoch(self) -> int:
        """Completed epochs since the weights were last set (reset, randomised, new data)."""
        return int(round(self.history.offset)) + (self.trainer.epoch if self.trainer is not None else 0)

    @property
    def steps(self) -> int:
        return self.trainer.steps if self.trainer is not None else 0

    def classification(self) -> bool:
        return losses.is_classification(self.state.data.y_train)

    # ---------------------------------------------------------- weights
    def reset(self) -> None:
        """Back to the weights training started from (same seed: the same run again)."""
        if self.running:
            self.pause()
        if self.initial is None:
            self.message.emit("Nothing to reset: training has not started since the last change", False)
            return
        self._set_weights(self.initial, "reset to initial weights")
        self.message.emit("Weights reset to where training started", False)

    def randomize(self) -> None:
        """New random weights (Glorot uniform) from the next seed; locked values stay."""
        if self.running:
            self.pause()
        try:
            compiled = compile_network(self.state.network, np.float64)
        except EngineError as exc:
            self.message.emit(f"Cannot randomize: {exc}", True)
            return
        self.weight_seed += 1
        randomize(compiled, self.weight_seed)
        values = compiled.trainable_values()
        self._set_weights(values, "randomize weights")
        self.message.emit(f"Random weights from seed {self.weight_seed}", False)

    def _set_weights(self, values: tuple[dict, dict], text: str) -> None:
        self.document.push(SetValues(values[0], values[1], text=text))
        self.initial = values
        self.trainer = None
        self.history.clear()
        self.stepped.emit()

    def detach(self) -> None:
        """Stop following the model (the window is gone; the timer went with it)."""
        self._unsubscribe()
