"""Buttons in as many equal columns as fit the width (two by two in a dock, one above the other when
large text or a narrow panel leaves no room for two): a button's text is never cut."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class ButtonGrid(QLayout):
    """At most ``columns`` equal columns; fewer when the widest button would not fit in one."""

    def __init__(self, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    # ------------------------------------------------------------ QLayout
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        shown = self._shown()
        if not shown:
            return QSize(0, 0)
        columns = min(self.columns, len(shown))
        cell = self._cell()
        rows = -(-len(shown) // columns)
        return QSize(columns * cell.width() + (columns - 1) * self.spacing(), self._height(rows, cell))

    def minimumSize(self) -> QSize:
        """One column: as wide as the widest button."""
        shown = self._shown()
        if not shown:
            return QSize(0, 0)
        cell = self._cell()
        return QSize(cell.width(), self._height(len(shown), cell))

    # ------------------------------------------------------------ helpers
    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _cell(self) -> QSize:
        hints = [item.sizeHint() for item in self._shown()]
        return QSize(max(h.width() for h in hints), max(h.height() for h in hints))

    def _height(self, rows: int, cell: QSize) -> int:
        return rows * cell.height() + max(rows - 1, 0) * self.spacing()

    def spacing(self) -> int:
        own = super().spacing()
        return own if own >= 0 else 6

    def columns_for(self, width: int) -> int:
        """How many columns fit ``width``: each as wide as the widest button."""
        shown = self._shown()
        if not shown:
            return 1
        cell = self._cell().width()
        fit = (width + self.spacing()) // max(cell + self.spacing(), 1)
        return max(1, min(self.columns, len(shown), fit))

    def _arrange(self, rect: QRect, move: bool) -> int:
        shown = self._shown()
        if not shown:
            return 0
        columns = self.columns_for(rect.width())
        gap = self.spacing()
        width = (rect.width() - (columns - 1) * gap) // columns
        height = self._cell().height()
        for i, item in enumerate(shown):
            row, column = divmod(i, columns)
            if move:
                x, y = rect.x() + column * (width + gap), rect.y() + row * (height + gap)
                item.setGeometry(QRect(x, y, width, height))
        rows = -(-len(shown) // columns)
        return self._height(rows, self._cell())
