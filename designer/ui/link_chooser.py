"""A dialog to pick some of many links or nodes: a filter line over a list that takes many at once.

A node of a big network (784-128-64-10) has hundreds of links and hundreds of possible sources: one
menu entry each made a menu taller and wider than the screen. The node's menu offers the common
choices ("All incoming", a whole column) and this dialog for the rest: type part of a name, pick
with the mouse (Ctrl and Shift for more), and the choice is done as one undo step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

DATA = Qt.ItemDataRole.UserRole


class LinkChooser(QDialog):
    """``entries`` (shown text, value) listed as plain text; ``done`` gets the values chosen on OK."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        prompt: str,
        entries: Sequence[tuple[str, object]],
        accept_text: str,
        done: Callable[[list[object]], None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linkChooser")
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.done_with = done
        label = QLabel(prompt)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter: part of a name")
        self.filter.setAccessibleName("Filter")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setUniformItemSizes(True)  # hundreds of rows: laid out without measuring each
        for text, value in entries:
            item = QListWidgetItem(text)
            item.setData(DATA, value)
            self.list.addItem(item)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(accept_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.filter, self.list, self.count, self.buttons):
            layout.addWidget(widget)
        self.filter.installEventFilter(self)
        self.filter.textChanged.connect(self.apply_filter)
        self.list.itemSelectionChanged.connect(self.show_count)
        self.list.itemDoubleClicked.connect(lambda item: self.accept())
        self.show_count()
        self.resize(420, 480)

    def apply_filter(self, text: str) -> None:
        """Hide the rows without ``text`` (case ignored); a hidden row is no longer chosen. The count is
        updated once: each row un-chosen updated it, counting every row (with 4,000 rows chosen by
        Ctrl+A, one letter typed took 34 s)."""
        wanted = text.strip().casefold()
        with QSignalBlocker(self.list):
            for row in range(self.list.count()):
                item = self.list.item(row)
                hidden = bool(wanted) and wanted not in item.text().casefold()
                item.setHidden(hidden)
                if hidden and item.isSelected():
                    item.setSelected(False)
        self.show_count()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the filter line goes on to the first row shown, as in a desktop's file chooser."""
        if watched is self.filter and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            shown = [self.list.item(r) for r in range(self.list.count()) if not self.list.item(r).isHidden()]
            if shown:
                self.list.setFocus()
                self.list.setCurrentItem(shown[0])  # selects it too (the list's extended selection)
                return True
        return super().eventFilter(watched, event)

    def chosen(self) -> list[object]:
        """The values of the chosen rows, in the list's order; a row the filter hides is never taken."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems() if not item.isHidden())
        return [self.list.item(row).data(DATA) for row in rows]

    def show_count(self) -> None:
        shown = sum(not self.list.item(row).isHidden() for row in range(self.list.count()))
        chosen = len(self.chosen())
        self.count.setText(f"{chosen} chosen, {shown} of {self.list.count()} shown")
        self.ok.setEnabled(chosen > 0)

    def accept(self) -> None:
        values = self.chosen()
        super().accept()
        if values:
            self.done_with(values)
