"""An inline line edit over the canvas for typing a weight, bias or label.

Numbers go through the safe expression parser (``1/2``, ``-3/2``, ``0.5*3``); anything else is
refused with a message in the status bar and the editor stays open to fix it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow, QToolTip

from designer.model.expressions import parse_number
from designer.ui.safetext import tooltip
from designer.ui.theme import LIGHT

ERROR_COLOR = LIGHT.refused  # the colour refusals have everywhere

if TYPE_CHECKING:
    from designer.ui.canvas.view import CanvasView


def plain_number(value: float) -> str:
    """A number as the user would type it back: shortest exact form, ASCII minus."""
    text = repr(float(value))
    text = text[:-2] if text.endswith(".0") else text
    return text if len(text) <= 14 else f"{value:.10g}"


class ValueEditor(QObject):
    def __init__(self, view: CanvasView) -> None:
        super().__init__(view)
        self.view = view
        self.line = QLineEdit(view.viewport())
        self.line.setObjectName("valueEditor")
        self.line.setAccessibleName("Value on the canvas")  # while open: what it edits ("bias of h1")
        self.line.hide()
        self.line.installEventFilter(self)
        self._apply: Callable[[str], bool] | None = None
        self._hint = ""  # what the status bar says while typing

    @property
    def active(self) -> bool:
        return self._apply is not None

    def edit_number(self, anchor: QPointF, value: float, what: str, apply: Callable[[float], object]) -> None:
        def accept(text: str) -> bool:
            try:
                number = parse_number(text)
            except ValueError as exc:
                reason = f"Not a number for {what}: {exc}"
                self.view.status.emit(reason)
                self._mark_refused(reason)  # at the field too
                return False
            if number != value:  # Enter on an unchanged value is no edit (no undo step, nothing to save)
                apply(number)
            return True

        self._open(anchor, plain_number(value), what, accept)

    def edit_text(self, anchor: QPointF, text: str, what: str, apply: Callable[[str], object]) -> None:
        def accept(value: str) -> bool:
            if value.strip() == text.strip():
                return True
            if apply(value.strip()) is False:  # refused (a formula that does not parse): the reason is in the
                self._mark_refused()  # status bar; the text stays to be fixed, as for a number
                return False
            return True

        self._open(anchor, text, what, accept)

    def _mark_refused(self, reason: str = "") -> None:
        """A red frame around the field (and the reason as its tooltip, when there is one)."""
        self.line.setStyleSheet(f"QLineEdit {{ border: 2px solid {ERROR_COLOR}; }}")
        if reason:
            self.line.setToolTip(tooltip(f"{reason}. Fix it and press Enter, or Esc to cancel."))
            QToolTip.showText(self.line.mapToGlobal(self.line.rect().bottomLeft()), tooltip(reason), self.line)

    def _open(self, anchor: QPointF, text: str, what: str, accept: Callable[[str], bool]) -> None:
        self._apply = accept
        self.line.setStyleSheet("")
        self.line.setText(text)
        self.line.setAccessibleName(what[:1].upper() + what[1:])
        self.line.setToolTip(tooltip(f"Type the {what}; Enter to apply, Esc to cancel"))
        theme = self.view._scene.theme
        self.line.setFont(theme.screen_font(11))  # presentation mode: scaled, and never below its text floor
        width = int(max(110 * theme.scale, 6 * self.line.fontMetrics().height()))
        self.line.setFixedWidth(width)
        self.line.move(int(anchor.x() - width / 2), int(anchor.y() - self.line.sizeHint().height() / 2))
        self.line.show()
        self.line.raise_()
        self.line.setFocus()
        self.line.selectAll()
        self._hint = f"Type the {what} (decimals, fractions like 1/2, or 0.5*3); Enter applies, Esc cancels."
        self.view.status.emit(self._hint)

    def commit(self) -> None:
        # taken first: the edit it pushes commits the document's live work, this editor's included
        accept, self._apply = self._apply, None
        if accept is None:
            return
        if accept(self.line.text()):
            self.close()
        else:
            self._apply = accept  # open still, to fix the text

    def flush(self) -> None:
        """Apply what is typed (before a lesson moves to another step, whose network it would otherwise
        have gone into). Not on autosave or when training pauses: those leave the editor alone."""
        if self._apply is not None:
            self.commit()
        if self._apply is not None:  # not a number: dropped, as when the editor loses focus
            self.close()

    def cancel(self) -> None:
        """Close without applying (another network is shown: the text was about the one before)."""
        if self._apply is not None:
            self.close()

    def close(self) -> None:
        self._apply = None
        self.line.hide()
        self.view.setFocus()
        self._take_back_hint()

    def _take_back_hint(self) -> None:
        """The typing hint goes with the editor (a message that came after it stays)."""
        window = self.view.window()
        bar = window.statusBar() if isinstance(window, QMainWindow) else None
        if bar is not None and bar.currentMessage() == self._hint:
            bar.clearMessage()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line:
            if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
                self.close()
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commit()  # and the key stops here: the line edit passes it on, and on the canvas
                return True  # Enter on the selected node would open the editor again
            if event.type() == QEvent.Type.FocusOut and self._apply is not None:
                self.commit()  # clicking elsewhere applies a valid value; an invalid one is dropped
                if self._apply is not None:
                    self.close()
        return False
