"""A word-wrapped readout under a plot that keeps the height of its longest text whatever it shows now.

The Loss Landscape's readout grows from two lines to three as the mouse moves over the plot ("· at (x, y):
loss …"): the panel was given the height of the shorter text, so the last line went below its fold, and a
growing label in a scrolled body made a scroll bar come and go under the mouse."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel


class Readout(QLabel):
    """Plain text, wrapped, never lower than ``lines`` lines of its font (the font may change: the
    presentation stage enlarges it)."""

    def __init__(self, name: str, lines: int) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.lines = lines

    def _reserved(self, lines: int | None = None) -> int:
        margins = self.contentsMargins()
        count = self.lines if lines is None else lines
        return count * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom()

    def height_at(self, width: int, lines: int) -> int:
        """Its height at ``width`` were it given room for ``lines`` lines (a view weighing where to put it)."""
        return max(super().heightForWidth(max(width, 1)), self._reserved(lines))

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(hint.width(), max(hint.height(), self._reserved()))

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(hint.height(), self._reserved()))

    def heightForWidth(self, width: int) -> int:
        return max(super().heightForWidth(width), self._reserved())
