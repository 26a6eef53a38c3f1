"""The Training panel's Training group: loss, optimiser, learning rate, batch size, L1/L2, speed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QSpinBox

from designer.engine import LOSSES, OPTIMIZERS
from designer.model.experiment import MAX_RATE
from designer.model.expressions import parse_number
from designer.model.jsonread import one_line
from designer.ui.keys import picked_without_focus
from designer.ui.live.number_box import ExactNumberBox
from designer.ui.live.panel_parts import buddy, named

RATES = ("0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
SPEEDS = (None, 1, 10, 100, 1000)  # None: auto, chosen by the frame budget
#: What the menus show for the ids that files, lessons and the CLI use (``cross_entropy`` is no word),
#: short enough for the panel's half-row; each entry's tooltip says it in full.
LOSS_LABELS = {"mse": "MSE", "sse": "SSE", "cross_entropy": "cross-entropy"}
LOSS_DESCRIPTIONS = {
    "mse": "mean squared error (MSE): the average of (y − ŷ)² over the samples and the outputs",
    "sse": "sum of squared errors (SSE): (y − ŷ)² added up over the samples and the outputs",
    "cross_entropy": (
        "cross-entropy, the loss for class probabilities: −y log ŷ − (1 − y) log(1 − ŷ) for each sigmoid "
        "output, averaged over the samples and the outputs; −Σₖ yₖ log ŷₖ with softmax, averaged over the samples"
    ),
}
OPTIMIZER_LABELS = {"sgd": "SGD", "momentum": "momentum", "adam": "Adam"}
OPTIMIZER_DESCRIPTIONS = {
    "sgd": "stochastic gradient descent: a step of −rate × gradient",
    "momentum": "gradient descent with momentum: steps keep part of the last step's direction",
    "adam": "Adam: steps scaled by running averages of the gradient and of its square",
}


def _choices(name: str, ids: tuple[str, ...], labels: dict[str, str], tips: dict[str, str], on_change) -> QComboBox:
    """A menu showing ``labels`` whose item data are the ids; ``on_change(id)`` when the user picks one."""
    combo = picked_without_focus(named(QComboBox(), name))
    for i, key in enumerate(ids):
        combo.addItem(labels.get(key, key), key)
        combo.setItemData(i, tips.get(key, ""), Qt.ItemDataRole.ToolTipRole)
    combo.currentIndexChanged.connect(lambda i: on_change(combo.itemData(i)))
    return combo


def select(combo: QComboBox, key) -> None:
    """Show the item whose data is ``key`` (a setting read from a file or a lesson)."""
    index = combo.findData(key)
    if index >= 0:
        combo.setCurrentIndex(index)


class SettingsGroup(QGroupBox):
    def __init__(self, training) -> None:
        super().__init__("Training")
        self.training = training
        form = QFormLayout(self)
        s = training.settings
        self.loss = _choices("loss", LOSSES, LOSS_LABELS, LOSS_DESCRIPTIONS, lambda v: training.set_option("loss", v))
        select(self.loss, s.loss)
        self.optimizer = _choices(
            "optimizer",
            OPTIMIZERS,
            OPTIMIZER_LABELS,
            OPTIMIZER_DESCRIPTIONS,
            lambda v: training.set_option("optimizer", v),
        )
        select(self.optimizer, s.optimizer)
        self.rate = named(QComboBox(), "learningRate")
        self.rate.setEditable(True)
        self.rate.addItems(RATES)
        self.rate.setCurrentText(f"{s.learning_rate:g}")
        # a typed rate counts on Enter or leaving the field (typing 1e-3 during Play trained at 1 from the
        # "1" on); one chosen from the list, or set by the app, at once
        self.rate.currentTextChanged.connect(self._rate_changed)
        self.rate.lineEdit().editingFinished.connect(self._rate_entered)
        self.batch = named(QSpinBox(), "batchSize")
        self.batch.setRange(0, 1_000_000)
        self.batch.setSpecialValueText("full batch")
        self.batch.setValue(s.batch_size or 0)
        # typed digits count on Enter or leaving the field (typing 25 during Play paused it at 2 and
        # trained on batches of 2); the arrows still change it at once
        self.batch.setKeyboardTracking(False)
        self.batch.valueChanged.connect(lambda v: training.set_option("batch_size", v or None))
        self.l1 = self._penalty("l1", "L1")
        self.l2 = self._penalty("l2", "L2")
        self.speed = self._speed_menu()
        row = QHBoxLayout()
        row.addWidget(self.loss, 1)
        row.addWidget(self.optimizer, 1)
        form.addRow(buddy("Loss", self.loss), row)
        row = QHBoxLayout()
        row.addWidget(self.rate, 1)
        row.addWidget(buddy("batch", self.batch))
        row.addWidget(self.batch, 1)
        form.addRow(buddy("Rate", self.rate), row)
        row = QHBoxLayout()
        row.addWidget(self.l1, 1)
        row.addWidget(buddy("L2", self.l2))
        row.addWidget(self.l2, 1)
        form.addRow(buddy("L1", self.l1), row)
        form.addRow("Speed", self.speed)

    def _penalty(self, key: str, label: str) -> ExactNumberBox:
        """An L1 or L2 field: the format's 0 to 10⁶, shown exactly (it had four decimals up to 10)."""
        box = named(
            ExactNumberBox(label, 0.0, MAX_RATE, 0.001, lambda reason: self.training.message.emit(reason, True)),
            key,
        )
        box.setToolTip(f"{label} penalty on the weights (not the biases), 0 to 10⁶; typed numbers count on Enter")
        box.valueChanged.connect(lambda v: self.training.set_option(key, v))
        return box

    def _speed_menu(self) -> QComboBox:
        speed = picked_without_focus(named(QComboBox(), "speed"))
        speed.setToolTip(
            "Auto: as many steps per frame as keep the pictures smooth (measured while training); "
            "fewer steps per frame to watch slowly"
        )
        for n in SPEEDS:
            speed.addItem("auto (fastest smooth)" if n is None else f"{n} step{'s' if n > 1 else ''} / frame", n)
        speed.setCurrentIndex(SPEEDS.index(self.training.steps_per_frame))
        speed.currentIndexChanged.connect(lambda i: setattr(self.training, "steps_per_frame", speed.itemData(i)))
        return speed

    def show_settings(self) -> None:
        """Show the training's settings and speed after something set them (a file's experiment)."""
        t = self.training
        s = t.settings
        widgets = (self.loss, self.optimizer, self.rate, self.batch, self.l1, self.l2, self.speed)
        for widget in widgets:
            widget.blockSignals(True)  # the values are set already: showing them must not set them again
        try:
            select(self.loss, s.loss)
            select(self.optimizer, s.optimizer)
            self.rate.setCurrentText(_rate_text(s.learning_rate))
            self.batch.setValue(s.batch_size or 0)
            self.l1.setValue(s.l1)
            self.l2.setValue(s.l2)
            self._show_speed(t.steps_per_frame)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _show_speed(self, steps: int | None) -> None:
        i = self.speed.findData(steps)
        if i < 0:  # a file's own number of steps per frame: an entry of its own, in order
            i = next((j for j in range(1, self.speed.count()) if self.speed.itemData(j) > steps), self.speed.count())
            self.speed.insertItem(i, f"{steps} step{'s' if steps > 1 else ''} / frame", steps)
        self.speed.setCurrentIndex(i)

    def _rate_changed(self, text: str) -> None:
        if self.rate.lineEdit().isModified():  # typed, not entered yet
            return
        self._apply_rate(text)

    def _rate_entered(self) -> None:
        self.rate.lineEdit().setModified(False)
        self._apply_rate(self.rate.currentText())

    def _apply_rate(self, text: str) -> None:
        """A rate read by the typed-number rule (finite), above 0; else the reason, and the field shows the rate
        in use again (Python's float() took ``inf``, ``1e400`` and ``1_0``, and a refused ``-1`` stayed in the
        field while training went on at the old rate). Above what a file holds (10⁶) it trains; a save says
        why the experiment is not written."""
        typed = f"Learning rate '{one_line(text.strip(), 40)}'"
        try:
            value = parse_number(text)
        except ValueError as exc:
            self._refuse_rate(f"{typed} not read: {exc}")
            return
        if value <= 0:
            self._refuse_rate(f"{typed}: a rate is above 0")
        elif value != self.training.settings.learning_rate:
            self.training.set_option("learning_rate", value)

    def _refuse_rate(self, reason: str) -> None:
        self.rate.blockSignals(True)
        try:
            self.rate.setCurrentText(_rate_text(self.training.settings.learning_rate))
        finally:
            self.rate.blockSignals(False)
        self.training.message.emit(reason, True)


def _rate_text(rate: float) -> str:
    """A learning rate as the list shows it (0.03), exactly when a short form would round it."""
    short = f"{rate:g}"
    return short if float(short) == rate else repr(rate)
