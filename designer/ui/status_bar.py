"""The window's status bar: a message too long for the bar ends in "…" and is whole in the bar's tooltip.

QStatusBar clips its message at the first permanent widget: on a 1152 px window the cross-entropy advice
stopped mid-word ("or, for several c") against "Tool: Select", with nothing saying that more was there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QToolTip, QWidget

#: QStatusBar's own margins around its message (qstatusbar.cpp: messageRect)
LEFT, RIGHT, GAP = 6, 12, 2
ELLIPSIS = "…"


def elided_at_word(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` if it fits in ``width`` pixels, else as much of it as fits ended by "…", cut between words
    where a word ends in what fits (Qt's elision cuts anywhere: "for severa…")."""
    elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    if elided == text or not elided.endswith(ELLIPSIS):
        return elided
    kept = elided[: -len(ELLIPSIS)]
    if text[len(kept) : len(kept) + 1].isspace() or " " not in kept:
        return elided  # cut at a word's end already, or one long word: cut where it must be
    return kept[: kept.rindex(" ")].rstrip(" ,;:·") + ELLIPSIS


class MessageBar(QStatusBar):
    """A QStatusBar (``showMessage``, ``currentMessage``, ``messageChanged`` as ever) drawing its message
    elided on the right when it does not fit, with the whole message as its tooltip then."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._follow)

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left margin to just before the first permanent widget."""
        right = self.width() - RIGHT
        shown = [w.x() for w in self._items() if w.isVisible()]
        if shown:
            right = min(right, min(shown) - GAP)
        return QRect(LEFT, 0, max(0, right - LEFT), self.height())

    def shown_message(self) -> str:
        """The message as drawn: whole when it fits, else cut after its last whole word and ended by "…"."""
        return elided_at_word(self.currentMessage(), QFontMetrics(self.font()), self.message_rect().width())

    def is_elided(self) -> bool:
        return self.shown_message() != self.currentMessage()

    def _items(self) -> list[QWidget]:
        """The widgets added to the bar (the size grip is the bar's own)."""
        children = self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return [w for w in children if not isinstance(w, QSizeGrip) and not w.isWindow()]

    def _follow(self, *_) -> None:
        """The tooltip holds the whole message while the bar shows only its start."""
        self.setToolTip(self.currentMessage() if self.is_elided() else "")

    def event(self, event: QEvent) -> bool:
        """The message's tooltip over the message only (not over "Tool: Select", which passes it on)."""
        if event.type() == QEvent.Type.ToolTip and not self.message_rect().contains(event.pos()):
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._follow()

    def paintEvent(self, event: QPaintEvent) -> None:
        """As QStatusBar paints (panel, a frame per item, the message), the message elided."""
        message = self.currentMessage()
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        style = self.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for item in self._items():
            if item.isVisible():
                frame = QStyleOption()
                frame.rect = item.geometry().adjusted(-2, -1, 2, 1)
                frame.palette = self.palette()
                frame.state = QStyle.StateFlag.State_None
                style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter, item)
        if message:
            painter.setPen(self.palette().windowText().color())
            align = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
            painter.drawText(self.message_rect(), align, self.shown_message())
        painter.end()
