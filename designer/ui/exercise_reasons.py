"""The list of what a failed check found wrong, as tall as its wrapped lines (up to a bound, then it
scrolls): with the plain list's fixed hint and a share of the page's spare height, two lines of the
"A triangle" check stood in a 269 px box at 1366×768, and the dock grew a scroll bar for the blank."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListView, QListWidget, QSizePolicy

from designer.exercises.checker import CheckResult

#: text lines the list shows at most before it scrolls
MAX_LINES = 8


class ReasonList(QListWidget):
    """Wrapped reasons, one per row; its height follows its rows at the width it has."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # rows wrap again when the dock is resized
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._rows_height = -1  # as last measured (the layout is asked again when it changes)

    def rows_height(self) -> int:
        """The rows' height as laid out at the list's width (a row's height there is its wrapped text's)."""
        model = self.model()
        return sum(self.visualRect(model.index(row, 0)).height() for row in range(self.count()))

    def sizeHint(self) -> QSize:
        frame = 2 * self.frameWidth()
        line = self.fontMetrics().lineSpacing()
        rows = max(self.rows_height(), line)
        return QSize(super().sizeHint().width(), min(rows, MAX_LINES * line) + frame)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def updateGeometries(self) -> None:
        """Called once the rows are laid out (new reasons, another width): the page makes room for them."""
        super().updateGeometries()
        height = self.rows_height()
        if height != self._rows_height:
            self._rows_height = height
            self.updateGeometry()


def status_line(result: CheckResult) -> str:
    """The check's one line in the dock: the summary, and where the network was not evaluated, its first
    problem. "not evaluated: fix the problems listed" (the command line's words) pointed at a list that
    at 1280×720 sat below the target picture, under the dock's fold."""
    if result.evaluated or not result.reasons:
        return result.summary
    first, more = result.reasons[0], len(result.reasons) - 1
    return f"not evaluated: {first}" + (f" (and {more} more below)" if more else "")
