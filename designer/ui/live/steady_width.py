"""A toolbar's button as wide as the widest of its texts: Play becomes Pause while training runs, and
the buttons after it in the training toolbar moved 20 px each time (presenting at 24 px, under the
mouse of a lecturer about to click Step)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

#: the toolbar's events after which its button may be new (presentation hides and shows actions) or
#: have a new font or style
REFIT = (
    QEvent.Type.ChildAdded,
    QEvent.Type.FontChange,
    QEvent.Type.StyleChange,
    QEvent.Type.Polish,
    QEvent.Type.Show,
    QEvent.Type.ActionAdded,
)


class SteadyWidth(QObject):
    """Keeps the button of ``action`` in ``toolbar`` at least as wide as it would be with any of ``texts``."""

    def __init__(self, toolbar: QToolBar, action: QAction, texts: tuple[str, ...]) -> None:
        super().__init__(toolbar)
        self.toolbar = toolbar
        self.action = action
        self.texts = texts
        self._look: tuple | None = None  # the button, font and style the width was fitted for
        toolbar.installEventFilter(self)
        self.fit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in REFIT:
            QTimer.singleShot(0, self, self.fit)  # once the button is there; never after the toolbar has gone
        return False

    def widest(self) -> int | None:
        """The button's width with its widest text (its size hint, the text it shows swapped for it)."""
        button = self.toolbar.widgetForAction(self.action)
        if button is None:
            return None
        metrics = button.fontMetrics()  # (the text it shows: the action's, its letter's "&" dropped)
        frame = button.sizeHint().width() - metrics.horizontalAdvance(button.text())
        return frame + max(metrics.horizontalAdvance(text) for text in self.texts)

    def fit(self) -> None:
        button = self.toolbar.widgetForAction(self.action)
        width = self.widest()
        if button is None or width is None:
            return
        look = (id(button), button.font().key(), button.style().name())
        if look == self._look:  # measured with another text shown: it may round a pixel the other way
            width = max(width, button.minimumWidth())
        self._look = look
        if button.minimumWidth() != width:
            button.setMinimumWidth(width)
