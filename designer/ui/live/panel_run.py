"""The Training panel's Run group: play/step/epoch/reset/randomize, the progress line, why a run
paused or stopped, the stop conditions and restarts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
)

from designer.formatting import format_number
from designer.model.experiment import MAX_STOP_LOSS
from designer.ui.coalesce import Coalesced
from designer.ui.live.number_box import ExactNumberBox
from designer.ui.live.panel_parts import named
from designer.ui.safetext import markup, set_plain
from designer.ui.theme import readable_on

PROGRESS_INTERVAL_MS = 150
RUN_BUTTONS = ("train_play", "train_step", "train_epoch", "train_reset", "train_randomize")


class RunGroup(QGroupBox):
    def __init__(self, training, actions: dict) -> None:
        """``actions``: the training QActions by key, which the buttons show."""
        super().__init__("Run")
        self.training = training
        self._actions = actions
        grid = QGridLayout(self)
        self.buttons: dict[str, QToolButton] = {}
        for i, key in enumerate(RUN_BUTTONS):
            button = named(QToolButton(), key)
            button.setDefaultAction(actions[key])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)
        self.progress = named(QLabel(), "epochLabel")
        self.progress.setWordWrap(True)  # a long loss must not widen the panel past its dock
        grid.addWidget(self.progress, 2, 0, 1, 3)
        # why a run paused or stopped, right under the buttons and the epoch: at 1280×720 it sat under the
        # stops and restarts, below the panel's fold
        self.message = named(QLabel(), "trainMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote CSV headers, file names, ids
        self.message.setWordWrap(True)
        self.message.linkActivated.connect(lambda _: actions["train_randomize"].trigger())
        grid.addWidget(self.message, 3, 0, 1, 3)
        self.message.hide()  # shown with a message: empty, it left a blank line under the epoch
        self._stop_rows(grid)
        self._restart_rows(grid)
        #: while training runs the progress line is rewritten a few times a second, not every frame: a
        #: word-wrapped rich-text label lays out and repaints its whole group box each time
        self._progress_timer = Coalesced(self, PROGRESS_INTERVAL_MS, self._write_progress)
        training.stepped.connect(self.show_progress)
        training.running_changed.connect(self._running)

    def _stop_rows(self, grid: QGridLayout) -> None:
        """Stop at an epoch, or at a training loss."""
        self.stop_epochs_on = named(QCheckBox("Stop at epoch"), "stopAtEpoch")
        self.stop_epochs = named(QSpinBox(), "stopEpochs")
        self.stop_epochs.setRange(1, 10_000_000)
        self.stop_epochs.setValue(500)
        self.stop_loss_on = named(QCheckBox("Stop at loss ≤"), "stopAtLoss")
        # a file's stop loss shown exactly (four decimals showed its 0.00005 as 0.0001), in the format's range
        self.stop_loss = named(ExactNumberBox("Stop at loss", 0.0, MAX_STOP_LOSS, 0.01, self._refused), "stopLoss")
        self.stop_loss.setValue(0.01)
        for widget in (self.stop_epochs_on, self.stop_loss_on):
            widget.toggled.connect(self._stops)
        self.stop_epochs.valueChanged.connect(self._stops)
        self.stop_loss.valueChanged.connect(self._stops)
        grid.addWidget(self.stop_epochs_on, 4, 0, 1, 2)
        grid.addWidget(self.stop_epochs, 4, 2)
        grid.addWidget(self.stop_loss_on, 5, 0, 1, 2)
        grid.addWidget(self.stop_loss, 5, 2)

    def _refused(self, reason: str) -> None:
        self.training.message.emit(reason, True)

    def _restart_rows(self, grid: QGridLayout) -> None:
        """K random initialisations trained for some epochs each (the Restarts action runs them)."""
        self.restarts_k = named(QSpinBox(), "restartsK")
        self.restarts_k.setRange(2, 50)
        self.restarts_k.setValue(5)
        self.restarts_k.setPrefix("K = ")
        self.restarts_epochs = named(QSpinBox(), "restartsEpochs")
        self.restarts_epochs.setRange(1, 100_000)
        self.restarts_epochs.setValue(100)
        self.restarts_epochs.setSuffix(" epochs")
        restarts = named(QToolButton(), "restarts")
        restarts.setDefaultAction(self._actions["train_restarts"])
        restarts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        grid.addWidget(self.restarts_k, 6, 0)
        grid.addWidget(self.restarts_epochs, 6, 1, 1, 2)
        grid.addWidget(restarts, 7, 0, 1, 3)

    def show_stops(self) -> None:
        """Show the training's stop conditions after something set them (a file's experiment)."""
        t = self.training
        widgets = (self.stop_epochs_on, self.stop_epochs, self.stop_loss_on, self.stop_loss)
        for widget in widgets:
            widget.blockSignals(True)  # the values are set already: showing them must not set them again
        try:
            self.stop_epochs_on.setChecked(t.stop_epochs is not None)
            if t.stop_epochs is not None:
                self.stop_epochs.setValue(t.stop_epochs)
            self.stop_loss_on.setChecked(t.stop_loss is not None)
            if t.stop_loss is not None:
                self.stop_loss.setValue(t.stop_loss)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _stops(self) -> None:
        self.training.stop_epochs = self.stop_epochs.value() if self.stop_epochs_on.isChecked() else None
        self.training.stop_loss = self.stop_loss.value() if self.stop_loss_on.isChecked() else None

    def _running(self, running: bool) -> None:
        if not running:
            self.show_progress()  # where the run stopped, at once
        for key in ("train_step", "train_epoch"):
            self.buttons[key].setEnabled(True)

    def show_progress(self) -> None:
        """The epoch, steps and losses: at once when paused or stepped, a few times a second while running."""
        if not self.training.running:
            self._progress_timer.stop()
            self._write_progress()
        else:
            self._progress_timer.request()

    def _write_progress(self) -> None:
        t = self.training
        text = f"Epoch <b>{t.epoch}</b> · {t.steps} steps"
        loss = self.loss_words()
        self.progress.setText(f"{text} · {loss}" if loss else text)

    def loss_words(self) -> str:
        """ "loss 0.0123 (test 0.0456)" as the progress line shows it; "" before the first step."""
        h = self.training.history
        if not len(h):
            return ""
        words = f"loss {format_number(h.last('train_loss'))}"
        test = h.last("test_loss")
        return f"{words} (test {format_number(test)})" if test == test else words

    def set_message(self, text: str, color: str) -> None:
        """``text`` (plain: reasons may quote a file, never HTML) in ``color``; no text hides the line."""
        self.message.setStyleSheet(f"color: {readable_on(color, self.message.window().palette())}")
        set_plain(self.message, text)
        self.message.setVisible(bool(text))

    def link_randomize(self, text: str) -> None:
        """``text`` (plain) and a Randomize link right after it."""
        self.message.setTextFormat(Qt.TextFormat.RichText)  # the app's link around escaped text
        self.message.setText(markup("{} <a href='randomize'>{}</a>", text, self._actions["train_randomize"].iconText()))
