"""The Inspector's table of a neuron's incoming weights: one row per connection, its weight typed
into a cell, its lock ticked in the next; a number that does not parse is said under the table.

Kept apart from ``inspector.py``, which shows the pages and follows the selection: this table
reads and writes its own rows (through commands, like every edit) and follows the live values
of a training run on its own. A weight cell holds the exact value (what its editor starts from) and
shows the rounded reading of it (``format_weight``, as on the canvas), the exact value in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
)

from designer.formatting import MINUS, format_weight
from designer.model import SetConnectionField
from designer.model.expressions import parse_number
from designer.ui.canvas.editor import plain_number
from designer.ui.canvas.scene import NetworkScene
from designer.ui.number_field import ERROR_COLOR, set_style_sheet
from designer.ui.safetext import tooltip
from designer.ui.theme import readable_on


class ReadingDelegate(QStyledItemDelegate):
    """Shows a cell's exact number as its reading; the editor gets the exact text (the cell's data)."""

    def displayText(self, value, locale) -> str:
        try:
            return format_weight(float(value))
        except (TypeError, ValueError):
            return super().displayText(value, locale)

    def createEditor(self, parent, option, index):
        """The editor says which weight it edits, as the canvas's does: a screen reader said only "edit
        text, 1", with nothing of the connection the row was for."""
        editor = super().createEditor(parent, option, index)
        key = index.data(Qt.ItemDataRole.UserRole)
        if editor is not None and key is not None:
            editor.setAccessibleName(f"Weight {key[0]} → {key[1]}")
        return editor


def _weight_item(value: float) -> QTableWidgetItem:
    """A weight cell: the exact value as its text, and in its tooltip where the reading rounds it."""
    exact = plain_number(value)
    item = QTableWidgetItem(exact)
    _set_exact_tip(item, value)
    return item


def _set_exact_tip(item: QTableWidgetItem, value: float) -> None:
    exact = plain_number(value)
    rounded = format_weight(value).replace(MINUS, "-") != exact
    item.setToolTip(tooltip(f"Exact value: {exact} (double-click to edit it)") if rounded else "")


#: Rows the table grows to before it scrolls inside: a neuron with a few inputs shows them all, and
#: its formula below them, without the Inspector scrolling (Qt's fixed hint of some six rows pushed
#: the formula of a three-input neuron out of a 1600 × 1000 window's Inspector).
MOST_ROWS_SHOWN = 8


class IncomingWeights(QTableWidget):
    """The rows of the neuron last shown (``show_neuron``); ``error`` is the label for refused numbers."""

    def __init__(self, scene: NetworkScene, report) -> None:
        super().__init__(0, 3)
        self.scene = scene
        self.report = report
        self._filling = False  # the rows are being written: their changes are not the user's
        self._node_id: str | None = None
        self.setObjectName("incomingWeights")
        self.setHorizontalHeaderLabels(["from", "weight", "locked"])
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().hide()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._readings = ReadingDelegate(self)
        self.setItemDelegateForColumn(1, self._readings)
        # Tab and Shift+Tab leave the table (Qt's default walked its cells round and round: the docks
        # below were out of the keyboard's reach); the arrow keys move between cells
        self.setTabKeyNavigation(False)
        self.setAccessibleName("Incoming weights")
        self.setAccessibleDescription("One row per incoming connection: source, weight (editable), locked")
        self.itemChanged.connect(self._cell_changed)
        self.error = QLabel()
        self.error.setObjectName("weightsError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()

    def show_neuron(self, node_id: str) -> None:
        """A row per incoming connection of ``node_id``, with the live weights (moving during a run)."""
        self._node_id = node_id
        net = self.scene.network
        values = self.scene.values
        incoming = net.incoming(node_id)
        self._filling = True
        try:
            self.setRowCount(len(incoming))
            for row, c in enumerate(incoming):
                source = QTableWidgetItem(net.node(c.source).display_label)
                source.setFlags(Qt.ItemFlag.ItemIsEnabled)
                source.setData(Qt.ItemDataRole.UserRole, c.key)
                weight = _weight_item(values.weight_of(c.key))
                weight.setData(Qt.ItemDataRole.UserRole, c.key)
                lock = QTableWidgetItem()
                lock.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                lock.setCheckState(Qt.CheckState.Unchecked if c.trainable else Qt.CheckState.Checked)
                lock.setData(Qt.ItemDataRole.UserRole, c.key)
                self.setItem(row, 0, source)
                self.setItem(row, 1, weight)
                self.setItem(row, 2, lock)
        finally:
            self._filling = False
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        """As tall as its rows, up to MOST_ROWS_SHOWN (at least one row: an empty table still reads as one)."""
        rows = min(max(self.rowCount(), 1), MOST_ROWS_SHOWN)
        return QSize(super().sizeHint().width(), self._height_of(rows))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height_of(1))

    def _height_of(self, rows: int) -> int:
        row = self.verticalHeader().defaultSectionSize()
        return self.horizontalHeader().sizeHint().height() + rows * row + 2 * self.frameWidth()

    def show_live_values(self) -> None:
        """Rewrite the weights of the rows, unless a cell is being typed into."""
        if self.state() == QAbstractItemView.State.EditingState:
            return
        values = self.scene.values
        self._filling = True
        try:
            for row in range(self.rowCount()):
                item = self.item(row, 1)
                value = values.weight_of(item.data(Qt.ItemDataRole.UserRole))
                item.setText(plain_number(value))
                _set_exact_tip(item, value)
        finally:
            self._filling = False

    def show_error(self, reason: str) -> None:
        """Say why a typed weight was not applied (also in the status bar); "" takes it away."""
        color = readable_on(ERROR_COLOR, self.error.window().palette())  # the desktop light or dark now
        set_style_sheet(self.error, f"color: {color}")
        self.error.setText(reason)
        self.error.setVisible(bool(reason))
        self.setToolTip(tooltip(reason) if reason else "")
        if reason:
            self.report(reason)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        c = self.scene.network.connections.get(key)
        if c is None:
            return
        if item.column() == 1:
            try:
                value = parse_number(item.text())
            except ValueError as exc:
                source = self.scene.network.node(key[0]).display_label
                self.show_error(f"Weight from {source} not applied: {exc}")
                if self._node_id is not None:
                    self.show_neuron(self._node_id)  # the cell shows the current weight again
                return
            self.show_error("")
            if value != c.weight:
                self.scene.document.push(SetConnectionField(key, "weight", value))
        elif item.column() == 2:
            locked = item.checkState() == Qt.CheckState.Checked
            if locked == c.trainable:
                self.scene.document.push(SetConnectionField(key, "trainable", not locked))
