"""The training panel: data, settings, play/pause/step, stop conditions, restarts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from designer.engine import DATASETS, LOSSES, OPTIMIZERS
from designer.engine import data as dm
from designer.engine import datasets as ds
from designer.formatting import format_number, isolated
from designer.ui.coalesce import Coalesced
from designer.ui.keys import no_tab_stop
from designer.ui.live import colors
from designer.ui.live.panel_names import name_controls
from designer.ui.remembered import last_folder, remember_folder
from designer.ui.safetext import markup, set_plain

#: the dataset list's groups, in its order (a separator between two)
DATASET_GROUPS = (ds.TABLES, ds.CLASSIFICATION, ds.MULTICLASS, ds.REGRESSION, ds.FUNCTIONS)
PROGRESS_INTERVAL_MS = 150
MESSAGE_MARGIN = 6  # px kept below the message when the panel scrolls to it
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


def _named(widget, name: str):
    widget.setObjectName(name)
    return widget


def _buddy(text: str, field: QWidget) -> QLabel:
    """A label that names ``field`` for a screen reader (its buddy), not only by sitting beside it."""
    label = QLabel(text)
    label.setBuddy(field)
    return label


def _choices(name: str, ids: tuple[str, ...], labels: dict[str, str], tips: dict[str, str], on_change) -> QComboBox:
    """A menu showing ``labels`` whose item data are the ids; ``on_change(id)`` when the user picks one."""
    combo = _named(QComboBox(), name)
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
        self._actions = actions
        self.setObjectName("trainingPanel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        no_tab_stop(self)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._data_group())
        layout.addWidget(self._settings_group())
        layout.addWidget(self._controls_group())
        layout.addStretch(1)
        self.setWidget(body)
        name_controls(self)
        scrollbar = self.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(body.minimumSizeHint().width() + scrollbar + 2 * self.frameWidth() + 2)
        self.session.data_changed.connect(self._show_options)
        self._class_theme = ""
        self.session.structure_changed.connect(self._fill_classes)
        self.session.structure_changed.connect(self._show_kind)
        #: while training runs the progress line is rewritten a few times a second, not every frame: a
        #: word-wrapped rich-text label lays out and repaints its whole group box each time
        self._progress_timer = Coalesced(self, PROGRESS_INTERVAL_MS, self._write_progress)
        self.training.stepped.connect(self.show_progress)
        self.training.running_changed.connect(self._running)
        self.training.message.connect(self.show_message)
        self._show_options()
        self._fill_classes()
        self.show_progress()

    # ------------------------------------------------------------------ data
    def _data_group(self) -> QGroupBox:
        box = QGroupBox("Data")
        form = QFormLayout(box)
        self.dataset = _named(QComboBox(), "dataset")
        self._fill_datasets()
        self.noise = _named(QSpinBox(), "noise")
        self.noise.setRange(0, 50)
        self.noise.setSuffix(" %")
        self.train_ratio = _named(QSpinBox(), "trainRatio")
        self.train_ratio.setRange(10, 100)
        self.train_ratio.setSuffix(" %")
        self.data_seed = _named(QSpinBox(), "dataSeed")
        self.data_seed.setRange(0, 999_999)
        self.regenerate = regenerate = _named(QPushButton("Regenerate"), "regenerate")
        regenerate.setToolTip("New points from the next seed")
        regenerate.clicked.connect(lambda: (self.data_seed.setValue(self.data_seed.value() + 1), self._regenerate()))
        for widget in (self.noise, self.train_ratio, self.data_seed):
            widget.editingFinished.connect(self._regenerate)
        self.dataset.activated.connect(lambda _: self._regenerate())
        form.addRow("Dataset", self.dataset)
        self.kind = _named(QLabel(), "dataKind")
        self.kind.setTextFormat(Qt.TextFormat.PlainText)
        self.kind.setWordWrap(True)
        form.addRow(self.kind)
        row = QHBoxLayout()
        row.addWidget(self.noise)
        row.addWidget(_buddy("train", self.train_ratio))
        row.addWidget(self.train_ratio)
        form.addRow(_buddy("Noise", self.noise), row)
        row = QHBoxLayout()
        row.addWidget(self.data_seed, 1)
        row.addWidget(regenerate)
        form.addRow(_buddy("Seed", self.data_seed), row)
        self.paint = _named(QToolButton(), "paintPoints")
        self.paint.setText("Paint points")
        self.paint.setCheckable(True)
        self.paint.setToolTip("Click on the map to add a point of the chosen class (right click: class 0)")
        self.paint.toggled.connect(self._paint_toggled)
        self.paint_class = _named(QComboBox(), "paintClass")
        self.paint_class.currentIndexChanged.connect(lambda i: setattr(self.session.painting, "cls", max(i, 0)))
        clear = _named(QToolButton(), "clearPoints")
        clear.setText("Clear")
        clear.clicked.connect(self.session.clear_points)
        load = _named(QToolButton(), "loadCsv")
        load.setText("CSV…")
        load.setToolTip("Load points from a CSV file with columns named like the inputs and outputs")
        load.clicked.connect(self._load_csv)
        row = QHBoxLayout()
        row.addWidget(self.paint)
        row.addWidget(self.paint_class, 1)
        form.addRow(row)
        row = QHBoxLayout()
        row.addWidget(clear)
        row.addWidget(load)
        row.addStretch(1)
        form.addRow(row)
        return box

    def _fill_datasets(self) -> None:
        """Every built-in dataset, grouped (truth tables, two classes, three classes, regression, 1-D),
        each with what it is in its tooltip."""
        combo = self.dataset
        for group in DATASET_GROUPS:
            if combo.count():
                combo.insertSeparator(combo.count())
            for name in group:
                info = ds.dataset_info(name)
                combo.addItem(_dataset_text(info), name)
                combo.setItemData(combo.count() - 1, _dataset_tip(info), Qt.ItemDataRole.ToolTipRole)
        combo.insertSeparator(combo.count())
        combo.addItem("custom (painted / CSV)", dm.CUSTOM)

    def _fill_classes(self) -> None:
        """One entry per class the network tells apart (one output: 0 and 1; k outputs: k), in its colour."""
        net = self.session.network
        k = max(len(net.outputs), 2)
        if self.paint_class.count() == k and self._class_theme == self.scene.theme.name:
            return
        self._class_theme = self.scene.theme.name
        chosen = self.paint_class.currentIndex()
        self.paint_class.blockSignals(True)
        self.paint_class.clear()
        for c, colour in enumerate(colors.class_colors(self.scene.theme, k)):
            self.paint_class.addItem(_swatch(colour), f"class {c}")
        self.paint_class.setCurrentIndex(chosen if 0 <= chosen < k else 1)
        self.paint_class.blockSignals(False)
        self.session.painting.cls = self.paint_class.currentIndex()

    def _paint_toggled(self, on: bool) -> None:
        self.session.painting.active = on
        if on:
            self.session.set_probe(None)
            self.report("Paint: click on the map to add points (left: chosen class, right: class 0)")

    def _show_options(self) -> None:
        options = self.session.options
        self._exercise_choice()
        shown = options.name if options.name in (*DATASETS, dm.EXERCISE) else dm.CUSTOM
        self.dataset.setCurrentIndex(self.dataset.findData(shown))
        # an exercise's points, or a truth table's four rows (all of them train), are what they are: no noise,
        # split or seed to pick (a truth table's "train 50 %" stood beside the plot's "train 4 test 0")
        fixed = options.name == dm.EXERCISE or ds.is_truth_table(options.name)
        for widget in (self.noise, self.train_ratio, self.data_seed, self.regenerate):
            widget.setEnabled(not fixed)
        self.noise.setValue(round(options.noise * 100))
        self.train_ratio.setValue(round(options.train_ratio * 100))
        self.data_seed.setValue(options.seed)
        self._show_kind()

    def _show_kind(self) -> None:
        """What the data is: "classes: k" (and whether the outputs are a softmax classifier), or regression."""
        data, net = self.session.data, self.session.network
        outputs = len(net.outputs)
        if data.problem:
            text = f"Cannot train on it: {data.problem}"
        elif not len(data.x_train) + len(data.x_test):
            text = "No points yet"
        elif data.classification and outputs > 1 and not net.softmax and not data.one_hot:  # a half adder
            text = f"{outputs} outputs, each its own 0/1 target (not classes: no softmax)"
        elif data.classification:
            text = f"classes: {data.n_classes}"
            if outputs > 1 and net.softmax:
                text += f" · softmax over {outputs} outputs (one-hot targets)"
            elif outputs > 1:
                text += (
                    f" · {outputs} outputs, one-hot targets · Network ▸ Softmax Outputs makes them class probabilities"
                )
        else:
            lo, hi = data.target_range
            text = f"regression · targets from {_short(lo)} to {_short(hi)}"
        self.kind.setText(text)

    def _exercise_choice(self) -> None:
        """While an exercise is solved its own points are the first choice (picking it brings them back)."""
        i = self.dataset.findData(dm.EXERCISE)
        if self.session.exercise_data is None:
            if i >= 0:
                self.dataset.removeItem(i)
            return
        if i < 0:
            self.dataset.insertItem(0, "exercise points", dm.EXERCISE)
            self.dataset.setItemData(
                0, "The points and plane of the exercise being solved", Qt.ItemDataRole.ToolTipRole
            )

    def _regenerate(self) -> None:
        name = self.dataset.currentData()
        options = dm.DataOptions(name, self.noise.value() / 100, self.train_ratio.value() / 100, self.data_seed.value())
        if options == self.session.options and self.session.data.name == name:
            return
        self.session.regenerate(options)

    def _load_csv(self) -> None:
        start = str(last_folder("data"))
        path, _ = QFileDialog.getOpenFileName(self, "Load points from CSV", start, "CSV files (*.csv);;All files (*)")
        if path:
            remember_folder("data", Path(path))
            self.load_csv(Path(path))

    def load_csv(self, path: Path) -> bool:
        try:  # the same safe, capped, streaming reader as nn-designer train --csv
            data = dm.load_csv(self.session.network, path, self.train_ratio.value() / 100, self.data_seed.value())
        except dm.DatasetError as exc:
            self.show_message(f"Cannot load {isolated(path.name)}: {exc}", True)
            return False
        self.session.options = dm.DataOptions(dm.CUSTOM, 0.0, self.train_ratio.value() / 100, self.data_seed.value())
        self.session.set_data(data)
        note = dm.regression_note(data)
        loaded = f"Loaded {len(data.x_train) + len(data.x_test)} points from {isolated(path.name)}"
        self.show_message(f"{loaded}; {note}" if note else loaded, bool(note))
        return True

    # -------------------------------------------------------------- settings
    def _settings_group(self) -> QGroupBox:
        box = QGroupBox("Training")
        form = QFormLayout(box)
        s = self.training.settings
        self.loss = _choices(
            "loss", LOSSES, LOSS_LABELS, LOSS_DESCRIPTIONS, lambda v: self.training.set_option("loss", v)
        )
        select(self.loss, s.loss)
        self.optimizer = _choices(
            "optimizer",
            OPTIMIZERS,
            OPTIMIZER_LABELS,
            OPTIMIZER_DESCRIPTIONS,
            lambda v: self.training.set_option("optimizer", v),
        )
        select(self.optimizer, s.optimizer)
        self.rate = _named(QComboBox(), "learningRate")
        self.rate.setEditable(True)
        self.rate.addItems(RATES)
        self.rate.setCurrentText(f"{s.learning_rate:g}")
        # a typed rate counts on Enter or leaving the field (typing 1e-3 during Play trained at 1 from the
        # "1" on); one chosen from the list, or set by the app, at once
        self.rate.currentTextChanged.connect(self._rate_changed)
        self.rate.lineEdit().editingFinished.connect(self._rate_entered)
        self.batch = _named(QSpinBox(), "batchSize")
        self.batch.setRange(0, 1_000_000)
        self.batch.setSpecialValueText("full batch")
        self.batch.setValue(s.batch_size or 0)
        # typed digits count on Enter or leaving the field (typing 25 during Play paused it at 2 and
        # trained on batches of 2); the arrows still change it at once
        self.batch.setKeyboardTracking(False)
        self.batch.valueChanged.connect(lambda v: self.training.set_option("batch_size", v or None))
        self.l1 = self._decimal("l1", lambda v: self.training.set_option("l1", v))
        self.l2 = self._decimal("l2", lambda v: self.training.set_option("l2", v))
        self.speed = _named(QComboBox(), "speed")
        self.speed.setToolTip(
            "Auto: as many steps per frame as keep the pictures smooth (measured while training); "
            "fewer steps per frame to watch slowly"
        )
        for n in SPEEDS:
            self.speed.addItem("auto (fastest smooth)" if n is None else f"{n} step{'s' if n > 1 else ''} / frame", n)
        self.speed.setCurrentIndex(SPEEDS.index(self.training.steps_per_frame))
        self.speed.currentIndexChanged.connect(
            lambda i: setattr(self.training, "steps_per_frame", self.speed.itemData(i))
        )
        row = QHBoxLayout()
        row.addWidget(self.loss, 1)
        row.addWidget(self.optimizer, 1)
        form.addRow(_buddy("Loss", self.loss), row)
        row = QHBoxLayout()
        row.addWidget(self.rate, 1)
        row.addWidget(_buddy("batch", self.batch))
        row.addWidget(self.batch, 1)
        form.addRow(_buddy("Rate", self.rate), row)
        row = QHBoxLayout()
        row.addWidget(self.l1, 1)
        row.addWidget(_buddy("L2", self.l2))
        row.addWidget(self.l2, 1)
        form.addRow(_buddy("L1", self.l1), row)
        form.addRow("Speed", self.speed)
        return box

    def show_settings(self) -> None:
        """Show the training's settings, stops and speed after something set them (a file's experiment)."""
        t = self.training
        s = t.settings
        widgets = (self.loss, self.optimizer, self.rate, self.batch, self.l1, self.l2, self.speed)
        widgets += (self.stop_epochs_on, self.stop_epochs, self.stop_loss_on, self.stop_loss)
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
            self.stop_epochs_on.setChecked(t.stop_epochs is not None)
            if t.stop_epochs is not None:
                self.stop_epochs.setValue(t.stop_epochs)
            self.stop_loss_on.setChecked(t.stop_loss is not None)
            if t.stop_loss is not None:
                self.stop_loss.setValue(t.stop_loss)
        finally:
            for widget in widgets:
                widget.blockSignals(False)

    def _show_speed(self, steps: int | None) -> None:
        i = self.speed.findData(steps)
        if i < 0:  # a file's own number of steps per frame: an entry of its own, in order
            i = next((j for j in range(1, self.speed.count()) if self.speed.itemData(j) > steps), self.speed.count())
            self.speed.insertItem(i, f"{steps} step{'s' if steps > 1 else ''} / frame", steps)
        self.speed.setCurrentIndex(i)

    def _decimal(self, name: str, apply) -> QDoubleSpinBox:
        box = _named(QDoubleSpinBox(), name)
        box.setDecimals(4)
        box.setRange(0.0, 10.0)
        box.setSingleStep(0.001)
        box.valueChanged.connect(apply)
        return box

    def _rate_changed(self, text: str) -> None:
        if self.rate.lineEdit().isModified():  # typed, not entered yet
            return
        self._apply_rate(text)

    def _rate_entered(self) -> None:
        self.rate.lineEdit().setModified(False)
        self._apply_rate(self.rate.currentText())

    def _apply_rate(self, text: str) -> None:
        try:
            value = float(text)
        except ValueError:
            return
        if value > 0 and value != self.training.settings.learning_rate:
            self.training.set_option("learning_rate", value)

    # -------------------------------------------------------------- controls
    def _controls_group(self) -> QGroupBox:
        box = QGroupBox("Run")
        grid = QGridLayout(box)
        actions = self._actions
        self.buttons: dict[str, QToolButton] = {}
        for i, key in enumerate(("train_play", "train_step", "train_epoch", "train_reset", "train_randomize")):
            button = _named(QToolButton(), key)
            button.setDefaultAction(actions[key])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.buttons[key] = button
            grid.addWidget(button, i // 3, i % 3)
        self.progress = _named(QLabel(), "epochLabel")
        self.progress.setWordWrap(True)  # a long loss must not widen the panel past its dock
        grid.addWidget(self.progress, 2, 0, 1, 3)
        # why a run paused or stopped, right under the buttons and the epoch: at 1280×720 it sat under the
        # stops and restarts, below the panel's fold
        self.message = _named(QLabel(), "trainMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # messages quote CSV headers, file names, ids
        self.message.setWordWrap(True)
        self.message.linkActivated.connect(lambda _: actions["train_randomize"].trigger())
        grid.addWidget(self.message, 3, 0, 1, 3)
        self.message.hide()  # shown with a message: empty, it left a blank line under the epoch
        self.stop_epochs_on = _named(QCheckBox("Stop at epoch"), "stopAtEpoch")
        self.stop_epochs = _named(QSpinBox(), "stopEpochs")
        self.stop_epochs.setRange(1, 10_000_000)
        self.stop_epochs.setValue(500)
        self.stop_loss_on = _named(QCheckBox("Stop at loss ≤"), "stopAtLoss")
        self.stop_loss = _named(QDoubleSpinBox(), "stopLoss")
        self.stop_loss.setDecimals(4)
        self.stop_loss.setRange(0.0, 1000.0)
        self.stop_loss.setSingleStep(0.01)
        self.stop_loss.setValue(0.01)
        for widget in (self.stop_epochs_on, self.stop_loss_on):
            widget.toggled.connect(self._stops)
        self.stop_epochs.valueChanged.connect(self._stops)
        self.stop_loss.valueChanged.connect(self._stops)
        grid.addWidget(self.stop_epochs_on, 4, 0, 1, 2)
        grid.addWidget(self.stop_epochs, 4, 2)
        grid.addWidget(self.stop_loss_on, 5, 0, 1, 2)
        grid.addWidget(self.stop_loss, 5, 2)
        self.restarts_k = _named(QSpinBox(), "restartsK")
        self.restarts_k.setRange(2, 50)
        self.restarts_k.setValue(5)
        self.restarts_k.setPrefix("K = ")
        self.restarts_epochs = _named(QSpinBox(), "restartsEpochs")
        self.restarts_epochs.setRange(1, 100_000)
        self.restarts_epochs.setValue(100)
        self.restarts_epochs.setSuffix(" epochs")
        restarts = _named(QToolButton(), "restarts")
        restarts.setDefaultAction(actions["train_restarts"])
        restarts.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        grid.addWidget(self.restarts_k, 6, 0)
        grid.addWidget(self.restarts_epochs, 6, 1, 1, 2)
        grid.addWidget(restarts, 7, 0, 1, 3)
        return box

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
        h = t.history
        text = f"Epoch <b>{t.epoch}</b> · {t.steps} steps"
        if len(h):
            text += f" · loss {h.last('train_loss'):.4g}"
            test = h.last("test_loss")
            if test == test:
                text += f" (test {test:.4g})"
        self.progress.setText(text)

    def show_message(self, text: str, problem: bool) -> None:
        color = self.scene.theme.refused if problem else self.scene.theme.muted_text
        self.message.setStyleSheet(f"color: {color}")
        set_plain(self.message, text)  # reasons may quote a file: never HTML
        self.message.setVisible(bool(text))
        self._message_into_view()
        if problem:
            self.report(text)
        elif text and self.visibleRegion().isEmpty():  # the panel behind the Exercise tab, or closed
            QTimer.singleShot(0, self, lambda: self._report_beside(text))

    def _report_beside(self, text: str) -> None:
        """``text`` in the status bar after what the action that caused it says there ("Deleted 1 item
        (Ctrl+Z brings it back)." is reported after the edit that paused the run)."""
        shown = self._status()
        if text not in shown:
            self.report(f"{shown} {text}" if shown else text)

    def offer_randomize(self, text: str) -> None:
        """A problem that random weights cure: ``text`` (plain) and a Randomize link right after it."""
        self.show_message(text, True)
        self.message.setTextFormat(Qt.TextFormat.RichText)  # the app's link around escaped text
        self.message.setText(markup("{} <a href='randomize'>{}</a>", text, self._actions["train_randomize"].text()))
        self._message_into_view()

    def _message_into_view(self) -> None:
        """A panel scrolled away from the Run group (or too low for it) scrolls to the message, once its
        new text is laid out: a run that paused says why where the student sees it."""
        if self.message.text():
            self.widget().layout().activate()  # the message's new height, the scroll bar's new range
            self.ensureWidgetVisible(self.message, 0, MESSAGE_MARGIN)


def _dataset_text(info: ds.DatasetInfo) -> str:
    if info.kind == "regression":
        return f"{info.name} (regression)" if info.n_inputs == 2 else f"{info.name} (1 input)"
    return f"{info.name} ({info.n_outputs} classes)" if info.n_outputs > 2 else info.name


def _dataset_tip(info: ds.DatasetInfo) -> str:
    if info.kind == "regression":
        what = "regression: a number to predict"
    else:
        classes = max(info.n_outputs, 2)
        what = f"{classes} classes" + (", one output each (softmax)" if info.n_outputs > 1 else ", one 0/1 output")
    inputs = "1 input" if info.n_inputs == 1 else f"{info.n_inputs} inputs"
    return f"{info.description} ({inputs}; {what})"


def _short(value: float) -> str:
    return format_number(float(f"{value:.3g}"))


def _rate_text(rate: float) -> str:
    """A learning rate as the list shows it (0.03), exactly when a short form would round it."""
    short = f"{rate:g}"
    return short if float(short) == rate else repr(rate)


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)
