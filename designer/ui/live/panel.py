"""The training panel: the Data, Training and Run groups in one scrolled dock, and where its messages go.

Each group builds and wires its own controls (``panel_data``, ``panel_settings``, ``panel_run``); the
panel keeps their controls as its own attributes, which the lessons, the presentation, the experiment
file and the tests reach for (``panel.dataset``, ``panel.rate``, ``panel.buttons``, ``panel.message``…).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from designer.ui.keys import no_tab_stop
from designer.ui.live.panel_data import DataGroup
from designer.ui.live.panel_names import name_controls
from designer.ui.live.panel_run import RunGroup
from designer.ui.live.panel_settings import SettingsGroup
from designer.ui.spoken import announce

MESSAGE_MARGIN = 6  # px kept below the message when the panel scrolls to it


class TrainingPanel(QScrollArea):
    def __init__(self, session, actions: dict, scene, report, status=lambda: "") -> None:
        """``actions``: the training QActions by key; ``report`` shows a line in the status bar, ``status``
        returns the line it shows now."""
        super().__init__()
        self.session = session
        self.training = session.training
        self.scene = scene
        self.report = report
        self._status = status
        #: the status line before the run's message was put after it, and the line that made
        self._beside: tuple[str, str] = ("", "")
        self.setObjectName("trainingPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        no_tab_stop(self)
        self.data_group = DataGroup(session, scene, report, self.show_message)
        self.settings_group = SettingsGroup(self.training)
        self.run_group = RunGroup(self.training, actions)
        self._adopt_controls()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        for group in (self.data_group, self.settings_group, self.run_group):
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(body)
        name_controls(self)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(body.minimumSizeHint().width() + scrollbar + 2 * self.frameWidth() + 2)
        self.training.message.connect(self.show_message)
        self.data_group.refresh()
        self.show_progress()

    def _adopt_controls(self) -> None:
        """The groups' controls as the panel's own attributes (plain references to the same widgets)."""
        data, settings, run = self.data_group, self.settings_group, self.run_group
        self.dataset, self.kind, self.regenerate = data.dataset, data.kind, data.regenerate
        self.noise, self.train_ratio, self.data_seed = data.noise, data.train_ratio, data.data_seed
        self.paint, self.paint_class, self.paint_target = data.paint, data.paint_class, data.paint_target
        self.loss, self.optimizer, self.rate, self.batch = (
            settings.loss,
            settings.optimizer,
            settings.rate,
            settings.batch,
        )
        self.l1, self.l2, self.speed = settings.l1, settings.l2, settings.speed
        self.buttons, self.progress, self.message = run.buttons, run.progress, run.message
        self.stop_epochs_on, self.stop_epochs = run.stop_epochs_on, run.stop_epochs
        self.stop_loss_on, self.stop_loss = run.stop_loss_on, run.stop_loss
        self.restarts_k, self.restarts_epochs = run.restarts_k, run.restarts_epochs

    def load_csv(self, path: Path) -> bool:
        """Load the points of a CSV file (as the Data group's CSV… button does); False if refused."""
        return self.data_group.load_csv(path)

    def show_settings(self) -> None:
        """Show the training's settings, stops and speed after something set them (a file's experiment)."""
        self.settings_group.show_settings()
        self.run_group.show_stops()

    def show_progress(self) -> None:
        """The epoch, steps and losses: at once when paused or stepped, a few times a second while running."""
        self.run_group.show_progress()

    def show_message(self, text: str, problem: bool) -> None:
        color = self.scene.theme.refused if problem else self.scene.theme.muted_text
        self.run_group.set_message(text, color)
        self._message_into_view()
        if problem:
            self.report(text)
        elif text and self.visibleRegion().isEmpty():  # the panel behind the Exercise tab, or closed
            QTimer.singleShot(0, self, lambda: self._report_beside(text))
        elif text:  # shown here only: a screen reader is told, with the loss it stopped at
            loss = self.run_group.loss_words()
            announce(self, f"{text}, {loss}" if loss else text)

    def _report_beside(self, text: str) -> None:
        """``text`` in the status bar after what the action that caused it says there ("Deleted 1 item
        (Ctrl+Z brings it back)." is reported after the edit that paused the run). The run's next message
        takes the place of its last one ("Training…" then "Stopped at epoch 100" ran on as one line)."""
        shown = self._status()
        if text in shown:
            return
        base_before, composed = self._beside
        base = base_before if shown and shown == composed else shown
        self.report(_after(base, text))
        self._beside = (base, self._status())

    def offer_randomize(self, text: str) -> None:
        """A problem that random weights cure: ``text`` (plain) and a Randomize link right after it."""
        self.show_message(text, True)
        self.run_group.link_randomize(text)
        self._message_into_view()

    def _message_into_view(self) -> None:
        """A panel scrolled away from the Run group (or too low for it) scrolls to the message, once its
        new text is laid out: a run that paused says why where the student sees it."""
        if self.message.text():
            self.widget().layout().activate()  # the message's new height, the scroll bar's new range
            self.ensureWidgetVisible(self.message, 0, MESSAGE_MARGIN)


def _after(line: str, text: str) -> str:
    """``text`` after a status ``line``: a space after a sentence's end, a middle dot after a phrase."""
    if not line:
        return text
    return f"{line} {text}" if line.endswith((".", "!", "?", "…", ")")) else f"{line} · {text}"
