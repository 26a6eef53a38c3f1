"""The Training panel's Data group: the dataset, noise, split and seed, painted points and CSV files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QToolButton,
)

from designer.engine import DATASETS
from designer.engine import data as dm
from designer.engine import datasets as ds
from designer.formatting import clean_text, format_number, isolated
from designer.model.experiment import MAX_SEED
from designer.model.safefile import shown_path
from designer.ui.keys import picked_without_focus
from designer.ui.live import colors
from designer.ui.live.exact_fields import ExactFields
from designer.ui.live.number_box import ExactNumberBox
from designer.ui.live.objective import OUTPUT
from designer.ui.live.output_choice import painted_bits, paints_bits
from designer.ui.live.paint_targets import CLASS, HEIGHT, NUMBER, paint_target
from designer.ui.live.panel_parts import buddy, named
from designer.ui.live.panel_settings import LOSS_LABELS
from designer.ui.remembered import last_folder, remember_folder

#: what a click paints when no class is chosen (see paint_targets)
_PAINTED = {
    HEIGHT: "plot to add a point there: the target is the click's height",
    NUMBER: "map to add a point with the target typed beside (right click: target 0)",
}
MAX_TARGET = 1e6  # a painted target, as far as the L1/L2 fields go

#: the dataset list's groups, in its order (a separator between two)
DATASET_GROUPS = (ds.TABLES, ds.CLASSIFICATION, ds.MULTICLASS, ds.REGRESSION, ds.FUNCTIONS)


class DataGroup(QGroupBox):
    def __init__(self, session, scene, report: Callable[[str], None], show_message: Callable[[str, bool], None]):
        """``report`` shows a line in the status bar; ``show_message(text, problem)`` in the panel."""
        super().__init__("Data")
        self.session = session
        self.scene = scene
        self.report = report
        self.show_message = show_message
        self._class_key: tuple = ()  # what the paint chooser lists now (theme, bits, its entries)
        form = QFormLayout(self)
        self.dataset = picked_without_focus(named(QComboBox(), "dataset"))
        self._fill_datasets()
        self._exact = ExactFields()  # a file's noise, split and seed, which the fields show rounded or clamped
        self.noise = named(QSpinBox(), "noise")
        self.noise.setRange(0, 50)
        self.noise.setSuffix(" %")
        self.train_ratio = named(QSpinBox(), "trainRatio")
        self.train_ratio.setRange(10, 100)
        self.train_ratio.setSuffix(" %")
        self.data_seed = _seed_field()
        self.regenerate = regenerate = named(QPushButton("Regenerate"), "regenerate")
        regenerate.setToolTip("New points from the next seed")
        regenerate.clicked.connect(self._next_seed)
        for widget in (self.noise, self.train_ratio, self.data_seed):
            widget.editingFinished.connect(self._regenerate)
        self.dataset.activated.connect(lambda _: self._regenerate())
        form.addRow("Dataset", self.dataset)
        self.kind = named(QLabel(), "dataKind")
        self.kind.setTextFormat(Qt.TextFormat.PlainText)
        self.kind.setWordWrap(True)
        form.addRow(self.kind)
        row = QHBoxLayout()
        row.addWidget(self.noise)
        row.addWidget(buddy("train", self.train_ratio))
        row.addWidget(self.train_ratio)
        form.addRow(buddy("Noise", self.noise), row)
        row = QHBoxLayout()
        row.addWidget(self.data_seed, 1)
        row.addWidget(regenerate)
        form.addRow(buddy("Seed", self.data_seed), row)
        self._points_rows(form)
        self.session.data_changed.connect(self._show_options)
        self.session.structure_changed.connect(self._fill_classes)
        self.session.data_changed.connect(self._fill_classes)  # one-hot data paints classes, other data bits
        self.session.structure_changed.connect(self._show_kind)

    def _points_rows(self, form: QFormLayout) -> None:
        """Paint points of a chosen class, clear them, or load them from a CSV file."""
        self.paint = named(QToolButton(), "paintPoints")
        self.paint.setText("Paint points")
        self.paint.setCheckable(True)
        self.paint.setToolTip("Click on the map to add a point of the chosen class (right click: class 0)")
        self.paint.toggled.connect(self._paint_toggled)
        self.paint_class = picked_without_focus(named(QComboBox(), "paintClass"))
        self.paint_class.currentIndexChanged.connect(lambda i: setattr(self.session.painting, "cls", max(i, 0)))
        clear = named(QToolButton(), "clearPoints")
        clear.setText("Clear")
        clear.clicked.connect(self.session.clear_points)
        load = named(QToolButton(), "loadCsv")
        load.setText("CSV…")
        load.setToolTip("Load points from a CSV file with columns named like the inputs and outputs")
        load.clicked.connect(self._load_csv)
        self.paint_target, self.paint_target_label = self._target_field()
        row = QHBoxLayout()
        row.addWidget(self.paint)
        row.addWidget(self.paint_class, 1)
        row.addWidget(self.paint_target_label)
        row.addWidget(self.paint_target, 1)
        form.addRow(row)
        row = QHBoxLayout()
        row.addWidget(clear)
        row.addWidget(load)
        row.addStretch(1)
        form.addRow(row)

    def _target_field(self) -> tuple[ExactNumberBox, QLabel]:
        """The target a click paints on a regression plane, typed; hidden for other data."""
        field = ExactNumberBox("Paint target", -MAX_TARGET, MAX_TARGET, 0.1, lambda why: self.show_message(why, True))
        named(field, "paintTarget")
        field.setValue(self.session.painting.target)
        field.setToolTip("The target of a painted point (regression data: a number, not a class)")
        field.valueChanged.connect(lambda v: setattr(self.session.painting, "target", v))
        label = buddy("target", field)
        field.hide()
        label.hide()
        return field, label

    def refresh(self) -> None:
        """Show the session's data options and the network's classes (once the panel is laid out)."""
        self._show_options()
        self._fill_classes()

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
        """One entry per class the network tells apart (one output: 0 and 1; k outputs: k), in its colour;
        for outputs that are separate questions (a half adder's s and c) one entry per combination of
        their 0/1 targets, a swatch per output: painted as classes, a point of class s had c = 0 and
        no point could have both (row 11) or neither (row 00)."""
        net = self.session.network
        bits = paints_bits(self.session)
        entries = _bit_entries(self.session, self.scene.theme) if bits else _class_entries(net, self.scene.theme)
        key = (self.scene.theme.name, bits, tuple(text for _, text in entries))
        if key == self._class_key:
            self._show_paint_choice()  # regression data came or went: the same classes, another choice
            return
        self._class_key = key
        chosen = self.paint_class.currentIndex()
        self.paint_class.blockSignals(True)
        self.paint_class.clear()
        for icon, text in entries:
            self.paint_class.addItem(icon, text)
        self.paint_class.setCurrentIndex(chosen if 0 <= chosen < len(entries) else 1)
        self.paint_class.blockSignals(False)
        self.session.painting.cls = self.paint_class.currentIndex()
        self._show_paint_choice()

    def _show_paint_choice(self) -> None:
        """A class to paint, a typed target (regression on a plane) or nothing to choose (a curve: the click's
        height is the target), and the tooltip saying what a click adds."""
        target = paint_target(self.session)
        self.paint_class.setVisible(target == CLASS)
        self.paint_target.setVisible(target == NUMBER)
        self.paint_target_label.setVisible(target == NUMBER)
        self.paint.setToolTip(f"Click on the {_PAINTED[target] if target != CLASS else self._class_tip()}")

    def _class_tip(self) -> str:
        if paints_bits(self.session):
            return "map to add a point of the chosen targets (right click: every output 0)"
        return "map to add a point of the chosen class (right click: class 0)"

    def _paint_toggled(self, on: bool) -> None:
        self.session.painting.active = on
        if on:
            self.session.set_probe(None)
            target = paint_target(self.session)
            if target != CLASS:
                self.report(f"Paint: click on the {_PAINTED[target]}")
            elif paints_bits(self.session):
                self.report("Paint: click on the map to add points (left: the chosen targets, right: every output 0)")
            else:
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
        self._exact.show(self.noise, options.noise, 100)
        self._exact.show(self.train_ratio, options.train_ratio, 100)
        self._exact.show(self.data_seed, options.seed)
        self._show_kind()

    def _show_kind(self) -> None:
        """What the data is: "classes: k" (and whether the outputs are a softmax classifier), or regression."""
        data, net = self.session.data, self.session.network
        outputs = len(net.outputs)
        if data.problem:
            text = f"Cannot train on it: {data.problem}"
        elif not len(data.x_train) + len(data.x_test):
            text = "No points yet"
        elif self.session.shown_objective is not None:
            text = self._drill_kind()
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
            y = np.concatenate([data.y_train, data.y_test])
            lo, hi = float(y.min()), float(y.max())  # not target_range: a colour scale's, padded around one value
            text = (
                f"regression · target {_short(lo)}"
                if lo == hi
                else f"regression · targets from {_short(lo)} to {_short(hi)}"
            )
        self.kind.setText(text)

    def _drill_kind(self) -> str:
        """A chain-rule drill's one sample: its target and loss, or J = the output (no target). It read
        "regression · targets from −2 to −1" for J = f₃ = −1.5 (no target at all), "classes: 2" for one
        sample with target 1."""
        st = self.session
        if st.shown_objective == OUTPUT:
            return "The drill's sample: J = the output itself (no target)"
        net, data = st.network, st.data
        targets = ", ".join(
            f"{clean_text(net.node(o).display_label)} = {format_number(float(t))}"
            for o, t in zip(net.outputs, data.y_train[0], strict=False)
        )
        return f"The drill's sample: target {targets} · L = {LOSS_LABELS.get(st.shown_objective, st.shown_objective)}"

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

    def _next_seed(self) -> None:
        """Regenerate: new points from the seed after the one they have (a file's seed past the field's range
        too); after the largest seed a file may hold comes 0 (kept at the largest, Regenerate did nothing)."""
        self._exact.show(self.data_seed, (int(self._exact.value(self.data_seed)) + 1) % (MAX_SEED + 1))
        self._regenerate()

    def _split(self) -> float:
        return self._exact.value(self.train_ratio, 100)

    def _seed(self) -> int:
        return int(self._exact.value(self.data_seed))

    def _regenerate(self) -> None:
        name = self.dataset.currentData()
        options = dm.DataOptions(name, self._exact.value(self.noise, 100), self._split(), self._seed())
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
            data = dm.load_csv(self.session.network, path, self._split(), self._seed())
        except dm.DatasetError as exc:
            self.show_message(f"Cannot load {isolated(shown_path(path.name))}: {exc}", True)
            return False
        self.session.options = dm.DataOptions(dm.CUSTOM, 0.0, self._split(), self._seed())
        self.session.set_data(data)
        note = dm.regression_note(data)
        loaded = f"Loaded {len(data.x_train) + len(data.x_test)} points from {isolated(shown_path(path.name))}"
        self.show_message(f"{loaded}; {note}" if note else loaded, bool(note))
        return True


def _seed_field() -> QDoubleSpinBox:
    """The Seed field: every seed a file may hold, 0 to 2³²−1 (a QSpinBox holds a C int: it stopped at
    999,999 and showed a file's 5,000,000 as 999,999). Whole numbers only, no group separators."""
    seed = named(QDoubleSpinBox(), "dataSeed")
    seed.setDecimals(0)
    seed.setRange(0, MAX_SEED)
    seed.setToolTip(f"Seeds the points, the split and the mini-batch order (0 to {MAX_SEED:,})")
    return seed


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


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)


def _bits_swatch(colours: list[QColor]) -> QIcon:
    """One square per output, in the colour of its 0 or 1 (as the map shows that output's points)."""
    pixmap = QPixmap(12 * len(colours) + 2 * (len(colours) - 1), 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    for i, colour in enumerate(colours):
        painter.fillRect(14 * i, 0, 12, 12, colour)
    painter.end()
    return QIcon(pixmap)


def _class_entries(net, theme) -> list[tuple[QIcon, str]]:
    """An entry "class c" in its colour for each class the network tells apart (one output: 0 and 1)."""
    k = max(len(net.outputs), 2)
    return [(_swatch(colour), f"class {c}") for c, colour in enumerate(colors.class_colors(theme, k))]


def _bit_entries(session, theme) -> list[tuple[QIcon, str]]:
    """An entry "s = 0, c = 1" for each combination of the outputs' 0/1 targets, in a truth table's order."""
    net = session.network
    names = [clean_text(net.node(o).display_label) for o in net.outputs]
    bit = colors.class_colors(theme, 2)
    entries = []
    for index in range(2 ** len(names)):
        targets = painted_bits(index, len(names)).astype(int)
        text = ", ".join(f"{name} = {t}" for name, t in zip(names, targets, strict=True))
        entries.append((_bits_swatch([bit[t] for t in targets]), text))
    return entries
