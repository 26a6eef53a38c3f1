"""Training from the GUI, time-sliced: a timer tick runs a few steps on the session's compiled
network and lets the views redraw, so the event loop is never blocked for longer than a frame.

The trained values stay in the session while a run goes on (the views read them from there);
the run reaches the model as ONE undoable command (:class:`TrainingRun`, in ``training_run.py``)
when it pauses, or earlier when something else is about to change, undo or save the document
(the document calls :meth:`Training.commit` first). So there is one path from training into the
model, and the model's events never have to be told apart from training's own echo.
"""

from __future__ import annotations

import math
import time
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from designer.engine import EngineError, Trainer, TrainingSettings, compile_network, losses, randomize
from designer.engine.training import outputs_and_loss
from designer.model import SetValues
from designer.ui.live.frames import TARGET_S, FrameClock
from designer.ui.live.history import History, epoch_recorded
from designer.ui.live.training_problems import FeatureCheck, diverged_text, no_training_data, start_problem
from designer.ui.live.training_run import Progress, TrainingRun, Values, moved_values
from designer.ui.live.training_stops import already_stopped, epoch_stop, loss_stop
from designer.ui.live.training_values import TrainableIndex

if TYPE_CHECKING:
    from designer.ui.live.session import Session

__all__ = ["REBUILT_BY", "Training", "diverged_text", "no_training_data"]  # names imported from here

#: settings the trainer is built with (a change needs a new one), as a pause message names them
REBUILT_BY = {"loss": "the loss", "optimizer": "the optimizer", "batch_size": "the batch size"}


class Training(QObject):
    stepped = Signal()  # after a tick or a step: counters and curves changed
    running_changed = Signal(bool)
    option_changed = Signal(str)  # the name of a setting just changed (loss, l1, …)
    message = Signal(str, bool)  # text, is_problem

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.session = session
        self.settings = TrainingSettings(loss="mse", optimizer="sgd", learning_rate=0.03, batch_size=10)
        #: steps per frame, or None: as many as fit in a smooth frame (measured by ``clock``)
        self.steps_per_frame: int | None = None
        self.clock = FrameClock()
        self.stop_epochs: int | None = None
        self.stop_loss: float | None = None
        self._features = FeatureCheck()
        self.weight_seed = 0
        #: why the last run paused on an edit ("Training paused: … changed. Play goes on from epoch N"),
        #: until Play: a message about the edit itself says it too
        self.pause_note = ""
        self.history = History()
        self._recorded_at: tuple[int, int] | None = None  # (steps, trainer) of the last record
        self.trainer: Trainer | None = None
        self.initial: Values | None = None  # the values training started from (Reset)
        self.running = False
        #: the values before the steps not yet in the model (None: the model holds everything)
        self._run_start: Values | None = None
        self._progress_start: Progress | None = None  # the curves and counters when that run started
        self._trainable = TrainableIndex()  # the keys and slots of the values not locked
        #: the next frame: a single shot, armed by each frame for when the frame clock says it is due
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        #: called after every optimiser step, e.g. to record the path a loss landscape draws (keep them cheap)
        self.step_watchers: list[Callable[[], None]] = []
        session.data_changed.connect(self.invalidate)

    @property
    def uncommitted(self) -> bool:
        """True while trained values exist that the model does not hold yet."""
        return self._run_start is not None

    # ---------------------------------------------------------------- setup
    def invalidate(self) -> None:
        """Data or settings that shape the trainer changed: rebuild it before the next step."""
        self.pause()
        self.trainer = None
        self.history.clear()
        self.stepped.emit()

    def start_problem(self) -> str:
        """Why a run cannot start on what is shown now ("" when it can; see ``training_problems``)."""
        return start_problem(self.session, self._features)

    def _ensure(self) -> bool:
        if self.trainer is not None:
            return True
        if problem := self.start_problem():
            self.message.emit(problem, True)
            return False
        st = self.session
        data = st.data
        self._trainable.forget()
        try:
            self.trainer = Trainer(st.compiled, data.x_train, data.y_train, self.settings)
        except (EngineError, ValueError) as exc:
            self.trainer = None
            self.message.emit(f"Cannot train: {exc}", True)
            return False
        if self.initial is None:  # Reset brings back exactly these (the model's numbers, not float32 copies)
            self.initial = self.model_values()
        self._record()  # where the new trainer starts (after an edit of the network: the jump it made)
        return True

    def set_option(self, name: str, value) -> None:
        """Change a setting; loss, optimizer and batch size need a new trainer (learning rate, L1, L2 do not)."""
        setattr(self.settings, name, value)
        self.option_changed.emit(name)
        if name in REBUILT_BY and self.trainer is not None:
            self.trainer_outdated(REBUILT_BY[name], commit=True)
            self._ensure()  # the new loss's value at this epoch: the curve shows the jump

    # ------------------------------------------------------ from the session
    def structure_changed(self, replaced: bool, what: str = "the network's structure") -> None:
        """The network's structure (or ``what`` else the compiled network holds: an activation, softmax,
        a feature) changed and the session recompiles: the trainer no longer fits it.

        Edits commit the run before they happen, and the curves and counters go on from there (a
        deleted neuron's jump in the loss is part of the story; restarting them at 0 lost the run so
        far); a document replaced without undo (File ▸ Open) drops them: they belong to a network that
        is gone.
        """
        if not replaced:
            self.trainer_outdated(what)
        elif self._halt():  # the run belongs to the network that is gone: it ends, without an undo step
            self.running_changed.emit(False)
        self._run_start = None
        self.initial = None
        if replaced and (self.trainer is not None or len(self.history)):  # once per change, not per connection
            self.trainer = None
            self.history.clear()
            self.stepped.emit()
            if not self.running:  # "Paused at epoch 1016" said nothing about the network now open
                self.message.emit("", False)

    def trainer_outdated(self, what: str, commit: bool = False) -> None:
        """The one path for every change of what the trainer is built from (the network's structure, an
        activation, softmax, features, the loss, optimizer or batch size): a run going on pauses and
        says why and from where Play goes on, and the next trainer counts on from here on the same
        curves (an activation changed during Play stopped it without a word, the epoch and the curves
        back at 0). ``commit``: the run so far becomes its undo step here (edits of the network commit
        it before they happen)."""
        running = self._halt()
        if commit:
            self.commit()
        self._count_on()
        self.pause_note = ""
        if running:
            self.running_changed.emit(False)
            self.pause_note = f"Training paused: {what} changed. Play goes on from epoch {self.epoch}"
            self.message.emit(self.pause_note, False)

    def _count_on(self) -> None:
        """Drop the trainer; the next one counts epochs and steps on from this one's, on the same curves."""
        if self.trainer is None:
            return
        self.history.tip = False  # the next trainer counts on from this point
        self.history.offset = self.history.last_epoch() if len(self.history) else self.history.offset
        self.history.step_offset = self.steps
        self.trainer = None

    def values_reloaded(self) -> None:
        """The session re-read values and locks from the model: cached indexes of trainable values are stale."""
        self._trainable.forget()

    def stop(self) -> None:
        """The window is going: stop the timer without touching the model."""
        self.running = False
        self._timer.stop()

    # ------------------------------------------------------------- controls
    def play(self) -> None:
        if self.running or not self._ensure():
            return
        if reached := self._stop_reached():
            self.message.emit(reached, False)
            return
        self.running = True
        self.pause_note = ""
        self.message.emit("Training…", False)
        self._timer.start(0)
        self.running_changed.emit(True)

    def _halt(self) -> bool:
        """Stop a run going on (the caller says why and to whom); whether there was one."""
        if not self.running:
            return False
        self.running = False
        self._timer.stop()
        self.clock.reset()
        self.history.tip = False  # where the run stopped stays on the curves
        return True

    def pause(self, note: str = "") -> None:
        if not self._halt():
            return
        if not self.clock.views_due:  # the views skipped the last frames: they show where training stopped
            self.session.flush()
            self.stepped.emit()
        self.commit()
        self.running_changed.emit(False)
        self.message.emit(note or f"Paused at epoch {self.epoch}", note.startswith("Training diverged"))

    def _stop_reached(self) -> str:
        """Why Play would stop before its first step (see ``training_stops.already_stopped``)."""
        data = self.session.data
        return already_stopped(
            self.stop_epochs, self.stop_loss, self.epoch, lambda: self._metrics(data.x_train, data.y_train)[0]
        )

    def toggle(self) -> None:
        self.pause() if self.running else self.play()

    def step(self, epoch: bool = False) -> None:
        """One optimiser step (one batch), or a whole epoch, then show it (an undo step)."""
        self.pause()
        if not self._ensure():
            return
        past = self._stop_reached()
        if past:  # a step on purpose goes past it: "Already at the stop epoch" is no longer so
            self.message.emit(f"One {'epoch' if epoch else 'step'} past the stop set in the panel", False)
        self._begin_run()
        result = self.trainer.run_epoch() if epoch else self.trainer.step()
        for watch in self.step_watchers:
            watch()
        self._record()
        self._show_values()
        self.commit("train (step)")
        if result.diverged:
            self.message.emit(diverged_text(result.message), True)
        elif not past:
            self.message.emit("", False)  # it trained: an earlier "Cannot train…" or pause note is no longer so
        self.stepped.emit()

    def tick(self) -> None:
        """One frame of training: the steps the frame budget allows, then the views (see ``frames.py``)."""
        if not self.running or self.trainer is None:
            return
        clock = self.clock
        clock.begin()
        t0 = time.perf_counter()
        self._begin_run()
        planned = clock.plan(auto=self.steps_per_frame is None, fixed=self.steps_per_frame or 1)
        done, note = self._run_steps(planned, t0 + TARGET_S)
        t1 = time.perf_counter()
        clock.add_steps(done, t1 - t0)
        self._record(tip=True)  # where the frame ended: the curves' end while it trains on
        t2 = time.perf_counter()
        clock.add("metrics", t2 - t1)
        self._show_values(views=clock.views_due)
        self.stepped.emit()
        t3 = time.perf_counter()
        if clock.views_due:
            clock.add("views", t3 - t2)
        clock.worked(t3 - t0)
        if note:
            self.pause(note)
        elif self.running:  # the repaint this frame asked for comes first: it is a posted event
            self._timer.start(int(clock.wait() * 1000))

    def _run_steps(self, count: int, deadline: float) -> tuple[int, str]:
        """Up to ``count`` steps, never past ``deadline`` (a frame never blocks the window for long).

        The curves' points and the stops depend on the steps alone, not on where frames end: a demo
        played again stops at the same step, on the same weights, with the same curves (the target loss
        is checked at each epoch's point; at the end of a frame it stopped a run at a different epoch
        every time)."""
        trainer = self.trainer
        watchers = self.step_watchers
        epoch = trainer.epoch
        for done in range(1, count + 1):
            result = trainer.step()
            for watch in watchers:
                watch()
            if result.diverged:
                return done, diverged_text(result.message)
            if stopped := epoch_stop(self.stop_epochs, self.epoch):
                self._record()
                return done, stopped
            if trainer.epoch != epoch:
                epoch = trainer.epoch
                if epoch_recorded(self.epoch) and (reached := self._loss_reached(self._record())):
                    return done, reached
            if time.perf_counter() > deadline:
                return done, ""
        return count, ""

    def _loss_reached(self, loss: float) -> str:
        """Why the run stops at a training loss of ``loss`` (see ``training_stops.loss_stop``)."""
        return loss_stop(self.stop_loss, loss)

    # --------------------------------------------------------- into the model
    def _begin_run(self) -> None:
        if self._run_start is None:
            self._run_start = self.values()
            self._progress_start = self.progress()

    def progress(self) -> Progress:
        trainer = self.trainer
        if trainer is None:
            return Progress(self.history.snapshot(), None, 0, 0, self.session.data_version)
        return Progress(
            self.history.snapshot(), weakref.ref(trainer), trainer.epoch, trainer.steps, self.session.data_version
        )

    def follow_progress(self, progress: Progress) -> None:
        """A run was undone or redone: the curves and counters as they were then (not while a run goes
        on, and not for data replaced since: its records went with it)."""
        if self.running or progress.data_version != self.session.data_version:
            return
        self.history.restore(progress.history)
        trainer = self.trainer
        if trainer is not None and progress.trainer is not None and progress.trainer() is trainer:
            trainer.epoch, trainer.steps = progress.epoch, progress.steps
            trainer.optimizer.reset()  # its momentum belongs to the values it left
        else:  # another trainer counts now (a new loss or batch size): the next one counts on from here
            self.trainer = None
            self.history.offset += progress.epoch
            self.history.step_offset += progress.steps
        self.stepped.emit()
        self.message.emit(f"Back at epoch {self.epoch}", False)

    def _show_values(self, views: bool = True) -> None:
        """The canvas reads the live values from the session; the maps follow when the frame budget allows."""
        self.session.values_changed.emit()
        if views:
            self.session.flush()

    def commit(self, text: str = "train") -> None:
        """Push the run so far as one undo step (nothing when there is none or nothing changed)."""
        start, self._run_start = self._run_start, None
        if start is None or self.session.compiled is None:
            return
        weights, biases = moved_values(self.values(), start)
        if weights or biases:
            run = TrainingRun(weights, biases, text, self._progress_start, self.progress(), self.follow_progress)
            self.session.document.push(run, merge=True)
        else:  # nothing moved (e.g. step units): the views drop the float32 copies and show the model again
            self.session.values_changed.emit()

    def model_values(self) -> Values:
        """The trainable weights and biases as the model holds them (when no run is uncommitted)."""
        return self._trainable.model_values(self.session.compiled, self.session.network)

    def values(self) -> Values:
        """The trainable weights and biases now (index arrays cached until the locks change)."""
        return self._trainable.values(self.session.compiled)

    # ------------------------------------------------------------- metrics
    def _record(self, tip: bool = False) -> float:
        """Loss and accuracy now, a point of the curves (once per step count: the train loss again);
        ``tip``: where a frame ended, replaced by the next point (see ``history.py``)."""
        trainer = self.trainer
        history = self.history
        if len(history) and self._recorded_at == (trainer.steps, id(trainer)):
            history.tip = history.tip and tip  # recorded for good at this step: it stays
            return history.last("train_loss")
        self._recorded_at = (trainer.steps, id(trainer))
        data = self.session.data
        train_loss, train_acc = self._metrics(data.x_train, data.y_train)
        test_loss, test_acc = self._metrics(data.x_test, data.y_test)
        history.append(trainer.epochs_done, train_loss, test_loss, train_acc, test_acc, tip=tip)
        return train_loss

    def _metrics(self, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        """Loss and accuracy (NaN for regression targets) with the engine's reusable buffers."""
        if not len(x):
            return math.nan, math.nan
        net = self.session.compiled
        with np.errstate(all="ignore"):
            p, loss = outputs_and_loss(net, x, y, self.settings.loss)
            acc = losses.accuracy(p, y, net.softmax) if losses.is_classification(y) else math.nan
        return loss, acc

    @property
    def epoch(self) -> int:
        """Completed epochs since the weights were last set (reset, randomised, new data)."""
        # completed epochs: a run cut mid-epoch by an edit (20.6 epochs) goes on from 20, as it showed
        return math.floor(self.history.offset + 1e-9) + (self.trainer.epoch if self.trainer is not None else 0)

    @property
    def steps(self) -> int:
        return self.history.step_offset + (self.trainer.steps if self.trainer is not None else 0)

    def classification(self) -> bool:
        return losses.is_classification(self.session.data.y_train)

    # ---------------------------------------------------------- weights
    def reset(self) -> None:
        """Back to the weights training started from (same seed: the same run again)."""
        self.pause()
        if self.initial is None:
            self.message.emit("Nothing to reset: training has not started since the last change", False)
            return
        self.set_weights(self.initial, "reset to initial weights")
        self.message.emit("Weights reset to where training started", False)

    def randomize(self) -> None:
        """New random weights (Glorot uniform) from the next seed; locked values stay."""
        self.pause()
        try:
            compiled = compile_network(self.session.network, np.float64)
        except EngineError as exc:
            self.message.emit(f"Cannot randomize: {exc}", True)
            return
        self.weight_seed += 1
        randomize(compiled, self.weight_seed)
        self.set_weights(compiled.trainable_values(), "randomize weights")
        self.message.emit(f"Random weights from seed {self.weight_seed}", False)

    def set_weights(self, values: Values, text: str, seed: int | None = None) -> None:
        """New starting weights (one undo step): training starts over from them."""
        self.pause()
        self.session.document.push(SetValues(values[0], values[1], text=text))
        if seed is not None:
            self.weight_seed = seed
        self.initial = values
        self.trainer = None
        self.history.clear()
        self.stepped.emit()
